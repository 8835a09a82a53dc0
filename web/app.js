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

async function show() {
  await ready;
  const r = await ask({ type: 'show', lead: Number($('lead').value || 0) });
  const { d, fs } = r;
  // renderSvg escapes every text it writes; the SVG is parsed as XML (scripts in a parsed document never run).
  const svg = new DOMParser().parseFromString(r.svg, 'image/svg+xml').documentElement;
  $('strip').replaceChildren(document.importNode(svg, true));
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
  $('summary').textContent = `${r.summary} (${r.classifier} classifier)`;
  status(
    `${d.waves.length} waves, ${d.beats.length} beats in ${(d.nSamples / fs).toFixed(1)} s — ${r.ms.toFixed(0)} ms (${r.backend} backend, in a worker)`,
  );
  document.body.dataset.waves = String(d.waves.length);
}

async function load(msg, transfer = []) {
  await ready;
  const r = await ask({ type: 'load', ...msg }, transfer);
  setLeads(r.names, 'ii');
  await show();
}

async function loadFiles(list) {
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
    status(e.message, true);
  }
}

$('sample').onclick = async () => {
  try {
    await load({
      kind: 'wfdb',
      hea: new TextDecoder().decode(await bytesOf('../samples/ludb-4.hea')),
      dats: { 'ludb-4.dat': await bytesOf('../samples/ludb-4.dat') },
      title: 'LUDB record 4',
    });
  } catch (e) {
    status(e.message, true);
  }
};
$('files').onchange = (e) => loadFiles(e.target.files);
$('lead').onchange = () => show().catch((e) => status(e.message, true));
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
