// The demo page: the engine runs in a module worker (engine-worker.js) with the package's portable entry;
// this thread only reads files, talks to the worker under a time budget, and builds the DOM from text.
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
/** Time budget of one worker request; past it the worker is stopped and a fresh one started. */
const BUDGET_MS = Number(params.get('budgetMs')) || 60000;
const INIT_BUDGET_MS = 60000;

function status(msg, error = false) {
  $('status').textContent = msg;
  $('status').className = error ? 'error' : '';
}

async function bytesOf(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

// Everything from a file (lead names, titles, numbers) reaches the page as text nodes, never as markup.
function el(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  return e;
}

let worker = null,
  modelBytes = null,
  nextId = 1;
const pending = new Map();

function startWorker() {
  worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    clearTimeout(p.timer);
    if (e.data.type === 'error') p.reject(new Error(e.data.message));
    else p.resolve(e.data);
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(e.message || 'worker error'));
    }
    pending.clear();
  };
}

/** One request to the worker; rejects after `budget` ms, stopping the worker and starting a fresh one. */
function ask(msg, transfer = [], budget = BUDGET_MS) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      pending.delete(id);
      worker.terminate();
      startWorker();
      ready = modelBytes ? ask({ type: 'init', model: modelBytes.slice().buffer }, [], INIT_BUDGET_MS) : null;
      reject(new Error(`stopped after ${(budget / 1000).toFixed(3)} s: this file takes too long to analyse here`));
    }, budget);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ ...msg, id }, transfer);
  });
}
let ready = null;

function setLeads(names, preferred) {
  const sel = $('lead');
  sel.replaceChildren(
    ...names.map((n, i) => {
      const o = el('option', n);
      o.value = String(i);
      return o;
    }),
  );
  const i = names.findIndex((n) => n.toLowerCase() === preferred);
  sel.value = String(i >= 0 ? i : 0);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
// What is on screen: the record's length and beats, and the view [fromS, fromS + seconds)
let shown = null;

/** Removes every result of the previous file (strip, minimap, table, tokens, summary): nothing stale stays. */
function clearResults() {
  shown = null;
  $('strip').replaceChildren();
  $('minimap').replaceChildren();
  $('minimap').hidden = true;
  $('nav').hidden = true;
  $('beats').tBodies[0].replaceChildren();
  $('tokens').textContent = '';
  $('tokens-summary').textContent = 'Token string';
  $('summary').textContent = '';
  document.body.dataset.waves = '0';
}

function putSvg(text) {
  // renderSvg escapes every text it writes; the SVG is parsed as XML (scripts in a parsed document never run).
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  $('strip').replaceChildren(document.importNode(svg, true));
}

const seconds = () => Number($('zoom').value) || 10;

/** Shows [fromS, fromS + seconds) of the record: the strip from the worker, the slider and the minimap's frame. */
async function viewAt(fromS) {
  if (!shown) return;
  const len = seconds();
  const from = Math.max(0, Math.min(Math.floor(fromS), Math.max(0, Math.ceil(shown.durationS - len))));
  shown.fromS = from;
  $('pos').max = String(Math.max(0, Math.ceil(shown.durationS - len)));
  $('pos').value = String(from);
  $('where').textContent =
    `${from}–${Math.min(shown.durationS, from + len).toFixed(0)} s of ${shown.durationS.toFixed(0)} s`;
  const frame = $('minimap').querySelector('.viewport');
  if (frame) {
    frame.setAttribute('x', String((from / shown.durationS) * 1000));
    frame.setAttribute('width', String(Math.max(2, (len / shown.durationS) * 1000)));
  }
  const r = await ask({ type: 'view', fromS: from, seconds: len });
  if (shown && shown.fromS === from) putSvg(r.svg);
  document.body.dataset.view = String(from);
}

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The whole record in 1000 × 64 units: rhythm segments, heart rate per beat, ectopic beats as ticks, the view. */
function drawMinimap(r) {
  const m = $('minimap');
  const T = shown.durationS;
  m.setAttribute('viewBox', '0 0 1000 64');
  m.setAttribute('preserveAspectRatio', 'none');
  const parts = [];
  for (const g of r.segments)
    parts.push(
      svgEl('rect', {
        class: `segment segment-${g.label}`,
        x: (g.startS / T) * 1000,
        y: 0,
        width: Math.max(0.5, ((g.endS - g.startS) / T) * 1000),
        height: 8,
        fill: r.palette.rhythm[g.label] ?? '#ddd',
      }),
    );
  const hr = r.d.intervals.beats.map((iv) => iv.hr);
  const pts = [];
  r.rPeaks.forEach((p, i) => {
    if (hr[i] === null) return;
    const y = 60 - (Math.max(30, Math.min(200, hr[i])) - 30) * (48 / 170);
    pts.push(`${((p / r.fs / T) * 1000).toFixed(1)},${y.toFixed(1)}`);
  });
  parts.push(svgEl('polyline', { points: pts.join(' '), fill: 'none', stroke: '#1f5fd6', 'stroke-width': 1 }));
  r.types.forEach(([, aami], i) => {
    if (aami === 'N') return; // ectopic and other beats only
    const c = r.palette.aami[aami];
    if (!c) return;
    const x = (r.rPeaks[i] / r.fs / T) * 1000;
    parts.push(svgEl('rect', { class: `tick tick-${aami}`, x, y: 9, width: 0.8, height: 8, fill: c }));
  });
  parts.push(
    svgEl('rect', { class: 'viewport', x: 0, y: 0, width: 10, height: 64, fill: '#000', 'fill-opacity': 0.12 }),
  );
  m.replaceChildren(...parts);
  m.hidden = false;
}

async function show() {
  await ready;
  clearResults();
  const r = await ask({ type: 'show', lead: Number($('lead').value || 0), seconds: seconds() });
  const { d, fs } = r;
  shown = { durationS: d.nSamples / fs, fromS: 0, fs, rPeaks: r.rPeaks };
  putSvg(r.svg);
  const f = (v) => (v === null ? '—' : v);
  const keys = ['rr', 'hr', 'pr', 'p', 'qrs', 'qt', 'qtcBazett', 'qtcFridericia'];
  const rows = d.beats.map((b, i) => {
    const iv = d.intervals.beats[i];
    const tr = el('tr');
    const [type, aami] = r.types[i] ?? ['—', '—'];
    tr.append(
      el('td', i + 1),
      el('td', Math.round((b.qrs.onset * 1000) / fs)),
      el('td', type),
      el('td', aami),
      ...keys.map((k2) => el('td', f(iv[k2]))),
    );
    tr.dataset.sample = String(r.rPeaks[i] ?? b.qrs.onset);
    return tr;
  });
  const med = el('tr');
  med.append(
    el('th', 'median'),
    el('td'),
    el('td'),
    el('td'),
    ...keys.map((k2) => el('td', f(d.intervals.median[k2]))),
  );
  $('beats').tBodies[0].replaceChildren(...rows, med);
  $('tokens').textContent = r.tokens;
  $('tokens-summary').textContent = `Token string (${r.tokens.length.toLocaleString('en')} characters)`;
  $('summary').textContent = `${r.summary} (${r.classifier} classifier)`;
  $('nav').hidden = false;
  drawMinimap(r);
  await viewAt(0);
  status(
    `${d.waves.length} waves, ${d.beats.length} beats in ${(d.nSamples / fs).toFixed(1)} s — ${r.ms.toFixed(0)} ms (${r.backend} backend, in a worker)`,
  );
  document.body.dataset.waves = String(d.waves.length);
}

async function load(msg, transfer = []) {
  await ready;
  clearResults();
  const r = await ask({ type: 'load', ...msg }, transfer);
  setLeads(r.names, 'ii');
  await show();
}

const failed = (e) => {
  clearResults();
  status(e.message, true);
};

async function loadFiles(list) {
  clearResults();
  try {
    const files = Array.from(list);
    const hea = files.find((f) => f.name.endsWith('.hea'));
    if (hea) {
      const dats = {};
      for (const f of files) if (!f.name.endsWith('.hea')) dats[f.name] = new Uint8Array(await f.arrayBuffer());
      await load({ kind: 'wfdb', hea: await hea.text(), dats, title: hea.name.replace(/\.hea$/, '') });
      return;
    }
    const f = files[0];
    const fs = Number($('fs').value);
    if (/\.(edf|bdf)$/i.test(f.name)) {
      const bytes = new Uint8Array(await f.arrayBuffer()).buffer;
      await load({ kind: 'edf', bytes, title: f.name }, [bytes]);
    } else if (f.name.endsWith('.npy')) {
      const bytes = await f.arrayBuffer();
      await load({ kind: 'npy', bytes, fs, title: f.name }, [bytes]);
    } else await load({ kind: 'csv', text: await f.text(), fs, title: f.name });
  } catch (e) {
    failed(e);
  }
}

$('sample').onclick = async () => {
  clearResults();
  try {
    await load({
      kind: 'wfdb',
      hea: new TextDecoder().decode(await bytesOf('../samples/ludb-4.hea')),
      dats: { 'ludb-4.dat': await bytesOf('../samples/ludb-4.dat') },
      title: 'LUDB record 4',
    });
  } catch (e) {
    failed(e);
  }
};
$('files').onchange = (e) => loadFiles(e.target.files);
$('lead').onchange = () => show().catch(failed);
const move = (fromS) => viewAt(fromS).catch((e) => status(e.message, true));
$('prev').onclick = () => shown && move(shown.fromS - seconds());
$('next').onclick = () => shown && move(shown.fromS + seconds());
$('pos').oninput = () => move(Number($('pos').value));
$('zoom').onchange = () => shown && move(shown.fromS);
$('minimap').onclick = (e) => {
  if (!shown) return;
  const box = $('minimap').getBoundingClientRect();
  move(((e.clientX - box.left) / box.width) * shown.durationS - seconds() / 2);
};
$('beats').onclick = (e) => {
  const tr = e.target.closest('tr');
  if (!shown || !tr || tr.dataset.sample === undefined) return;
  move(Number(tr.dataset.sample) / shown.fs - seconds() / 2);
};
const drop = $('drop');
drop.ondragover = (e) => {
  e.preventDefault();
  drop.classList.add('over');
};
drop.ondragleave = () => drop.classList.remove('over');
drop.ondrop = (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  loadFiles(e.dataTransfer.files);
};

try {
  modelBytes = await bytesOf('../models/boundary_int8.tflite');
  startWorker();
  ready = ask({ type: 'init', model: modelBytes.slice().buffer }, [], INIT_BUDGET_MS);
  const r = await ready;
  status(`Model loaded (${r.backend} backend, in a worker). Pick the sample or a file.`);
  document.body.dataset.ready = '1';
} catch (e) {
  status(e.message, true);
}
