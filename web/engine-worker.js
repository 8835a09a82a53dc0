// The demo page's engine, off the main thread: parses dropped files, runs the delineation and draws the SVG,
// so a hostile or huge file can only stall this worker — the page stays responsive and stops it after its
// time budget. Messages: init {model} → ready; load {kind, ...} → leads; show {lead} → result (delineation, beat
// types, report summary); any failure → error.
import {
  Inference,
  parseWfdbHeader,
  decodeWfdbSignals,
  decodeEdf,
  parseCsv,
  parseNpy,
  npyColumn,
  npyLeadNames,
  renderSvg,
  codec,
} from '../dist/index.js';

let det = null,
  current = null;

function load(m) {
  if (m.kind === 'wfdb') {
    const rec = decodeWfdbSignals(parseWfdbHeader(m.hea, m.title + '.hea'), m.dats);
    // One rate for the page: the signals at the first signal's rate (multi-frequency records have several).
    const fs = rec.signals[0].fs;
    const same = rec.signals.filter((s) => s.fs === fs);
    return { fs, title: m.title, signals: same.map((s) => ({ name: s.name, data: s.physical })) };
  }
  if (m.kind === 'edf') {
    const r = decodeEdf(new Uint8Array(m.bytes), m.title);
    if (!r.signals.length) throw new Error(`${m.title}: no signals (annotations only)`);
    // One rate for the page: the signals at the first signal's rate (EDF allows a rate per signal).
    const fs = r.signals[0].fs;
    const same = r.signals.filter((s) => s.fs === fs);
    return { fs, title: m.title, signals: same.map((s) => ({ name: s.name, data: s.physical })) };
  }
  if (m.kind === 'npy') {
    const a = parseNpy(new Uint8Array(m.bytes), m.title);
    return {
      fs: m.fs,
      title: m.title,
      signals: npyLeadNames(a, m.title).map((name, c) => ({ name, data: npyColumn(a, c, m.title) })),
    };
  }
  const t = parseCsv(m.text, m.title);
  return { fs: m.fs, title: m.title, signals: t.names.map((n, i) => ({ name: n, data: t.columns[i] })) };
}

function show(k) {
  const { signals, fs, title } = current;
  const s = signals[k] ?? signals[0];
  const t0 = performance.now();
  // report(): the delineation plus the classifier's beat labels and rhythm (the learned layer by default).
  const rep = det.report(s.data, { fs });
  const d = rep.delineation;
  const ms = performance.now() - t0;
  return {
    d,
    ms,
    backend: det.model.backend,
    fs,
    types: rep.labels.map((l) => [l.type, l.aami]),
    summary: rep.summary,
    classifier: rep.classifier,
    svg: renderSvg(s.data, d.waves, { fs, title: `${title} — lead ${s.name}` }),
    tokens: codec.renderCompact(codec.eventsFromDelineation(d, s.data)),
  };
}

self.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      det = await Inference.create({ model: new Uint8Array(m.model) });
      self.postMessage({ id: m.id, type: 'ready', backend: det.model.backend });
    } else if (m.type === 'load') {
      current = load(m);
      self.postMessage({ id: m.id, type: 'leads', names: current.signals.map((s) => s.name) });
    } else if (m.type === 'show') self.postMessage({ id: m.id, type: 'result', ...show(m.lead) });
  } catch (err) {
    self.postMessage({ id: m.id, type: 'error', message: err && err.message ? err.message : String(err) });
  }
};
