// The demo page: everything runs locally with the package's portable entry (dist/index.js).
import { Inference, parseWfdbHeader, decodeWfdbSignals, parseCsv, parseNpy, renderSvg, codec } from '../dist/index.js';

const $ = (id) => document.getElementById(id);
let det = null, current = null;

function status(msg, error = false) { $('status').textContent = msg; $('status').className = error ? 'error' : ''; }

async function bytesOf(url) { const r = await fetch(url); if (!r.ok) throw new Error(`${url}: ${r.status}`); return new Uint8Array(await r.arrayBuffer()); }

// Everything from a file (lead names, titles, numbers) reaches the page as text nodes, never as markup.
function el(tag, text) { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; }

function setLeads(names, preferred) {
  const sel = $('lead');
  sel.replaceChildren(...names.map((n, i) => { const o = el('option', n); o.value = String(i); return o; }));
  const i = names.findIndex((n) => n.toLowerCase() === preferred);
  sel.value = String(i >= 0 ? i : 0);
}

function show() {
  if (!current) return;
  const k = Number($('lead').value || 0);
  const { signals, fs, title } = current;
  const t0 = performance.now();
  const d = det.predict(signals[k].data, { fs });
  const ms = performance.now() - t0;
  // renderSvg escapes every text it writes; the SVG is parsed as XML (scripts in a parsed document never run).
  const svg = new DOMParser().parseFromString(renderSvg(signals[k].data, d.waves, { fs, title: `${title} — lead ${signals[k].name}` }), 'image/svg+xml').documentElement;
  $('strip').replaceChildren(document.importNode(svg, true));
  const f = (v) => (v === null ? '—' : v);
  const keys = ['rr', 'hr', 'pr', 'p', 'qrs', 'qt', 'qtcBazett', 'qtcFridericia'];
  const rows = d.beats.map((b, i) => {
    const iv = d.intervals.beats[i];
    const tr = el('tr');
    tr.append(el('td', i + 1), el('td', Math.round((b.qrs.onset * 1000) / fs)), ...keys.map((k2) => el('td', f(iv[k2]))));
    return tr;
  });
  const med = el('tr');
  med.append(el('th', 'median'), el('td'), ...keys.map((k2) => el('td', f(d.intervals.median[k2]))));
  $('beats').tBodies[0].replaceChildren(...rows, med);
  $('tokens').textContent = codec.renderCompact(codec.eventsFromDelineation(d, signals[k].data));
  status(`${d.waves.length} waves, ${d.beats.length} beats in ${(d.nSamples / fs).toFixed(1)} s — ${ms.toFixed(0)} ms (${det.model.backend} backend)`);
  document.body.dataset.waves = String(d.waves.length);
}

function loadWfdb(heaText, files, title) {
  const header = parseWfdbHeader(heaText, title + '.hea');
  const rec = decodeWfdbSignals(header, files);
  current = { fs: rec.fs, title, signals: rec.signals.map((s) => ({ name: s.name, data: s.physical })) };
  setLeads(current.signals.map((s) => s.name), 'ii');
  show();
}

async function loadFiles(list) {
  try {
    const files = Array.from(list);
    const hea = files.find((f) => f.name.endsWith('.hea'));
    if (hea) {
      const dats = {};
      for (const f of files) if (!f.name.endsWith('.hea')) dats[f.name] = new Uint8Array(await f.arrayBuffer());
      loadWfdb(await hea.text(), dats, hea.name.replace(/\.hea$/, ''));
      return;
    }
    const f = files[0];
    const fs = Number($('fs').value);
    if (f.name.endsWith('.npy')) {
      const a = parseNpy(new Uint8Array(await f.arrayBuffer()), f.name);
      const cols = a.shape.length === 2 ? a.shape[1] : 1, rows = a.shape[0];
      if (!(rows > 0 && cols > 0)) throw new Error(`${f.name}: the array holds no samples`);
      if (cols > 1024) throw new Error(`${f.name}: ${cols} columns; at most 1024 leads are read`);
      current = { fs, title: f.name, signals: Array.from({ length: cols }, (_, c) => ({ name: String(c), data: Float64Array.from({ length: rows }, (_, r) => a.data[r * cols + c]) })) };
    } else {
      const t = parseCsv(await f.text(), f.name);
      current = { fs, title: f.name, signals: t.names.map((n, i) => ({ name: n, data: t.columns[i] })) };
    }
    setLeads(current.signals.map((s) => s.name), 'ii');
    show();
  } catch (e) { status(e.message, true); }
}

$('sample').onclick = async () => {
  try { loadWfdb(new TextDecoder().decode(await bytesOf('../samples/ludb-4.hea')), { 'ludb-4.dat': await bytesOf('../samples/ludb-4.dat') }, 'LUDB record 4'); }
  catch (e) { status(e.message, true); }
};
$('files').onchange = (e) => loadFiles(e.target.files);
$('lead').onchange = () => { try { show(); } catch (e) { status(e.message, true); } };
const drop = $('drop');
drop.ondragover = (e) => { e.preventDefault(); drop.classList.add('over'); };
drop.ondragleave = () => drop.classList.remove('over');
drop.ondrop = (e) => { e.preventDefault(); drop.classList.remove('over'); loadFiles(e.dataTransfer.files); };

try {
  det = await Inference.create({ model: await bytesOf('../models/boundary_int8.tflite') });
  status(`Model loaded (${det.model.backend} backend). Pick the sample or a file.`);
  document.body.dataset.ready = '1';
} catch (e) { status(e.message, true); }
