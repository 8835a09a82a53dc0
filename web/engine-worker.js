// The demo page's engine, off the main thread: parses dropped files, runs the delineation and draws the SVG,
// so a hostile or huge file can only stall this worker — the page stays responsive and stops it after its
// time budget. Messages: init {model} → ready; load {kind, ...} → leads; show {lead, seconds} → result (delineation,
// beat types, report summary, the first view's strip); view {fromS, seconds} → that view's strip; failure → error.
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
  layers,
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

// colours from the library's one class table (classify/classes.ts), sent to the page with each result
const RHYTHM_COLORS = layers.colorsOf(layers.RHYTHM_CLASSES);
const PALETTE = {
  aami: Object.fromEntries(layers.AAMI_CLASSES.map((c) => [c.aami, c.color])),
  rhythm: Object.fromEntries(layers.RHYTHM_CLASSES.map((c) => [c.name, c.color])),
};

/** The strip of one view [fromS, fromS + seconds) of the current lead, with beat marks, pauses and the rhythm track. */
function view(fromS, seconds) {
  const { signals, fs, title, shown } = current;
  const s = signals[shown.k] ?? signals[0];
  const rep = shown.rep;
  return renderSvg(s.data, rep.delineation.waves, {
    fs,
    fromS,
    maxSeconds: seconds,
    secondsPerRow: Math.min(seconds, 10),
    title: `${title} — lead ${s.name}`,
    beats: rep.labels.map((l) => ({ sample: l.r, label: l.aami })),
    tracks: [{ name: 'rhythm', values: rep.layers.rhythm, colors: RHYTHM_COLORS }],
  });
}

function show(k, seconds) {
  const { signals, fs } = current;
  const s = signals[k] ?? signals[0];
  const t0 = performance.now();
  // report(): the delineation plus the classifier's beat labels and rhythm (the learned layer by default).
  const rep = det.report(s.data, { fs });
  const d = rep.delineation;
  const ms = performance.now() - t0;
  current.shown = { k, rep };
  return {
    d,
    ms,
    backend: det.backend,
    fs,
    types: rep.labels.map((l) => [l.type, l.aami]),
    rPeaks: rep.labels.map((l) => l.r),
    segments: rep.rhythm.segments,
    palette: PALETTE,
    summary: rep.summary,
    classifier: rep.classifier,
    svg: view(0, seconds),
    tokens: codec.renderCompact(codec.eventsFromDelineation(d, s.data)),
  };
}

self.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      det = await Inference.create({ model: new Uint8Array(m.model) });
      self.postMessage({ id: m.id, type: 'ready', backend: det.backend });
    } else if (m.type === 'load') {
      current = load(m);
      self.postMessage({ id: m.id, type: 'leads', names: current.signals.map((s) => s.name) });
    } else if (m.type === 'show') self.postMessage({ id: m.id, type: 'result', ...show(m.lead, m.seconds) });
    else if (m.type === 'view') self.postMessage({ id: m.id, type: 'view', svg: view(m.fromS, m.seconds) });
  } catch (err) {
    self.postMessage({ id: m.id, type: 'error', message: err && err.message ? err.message : String(err) });
  }
};
