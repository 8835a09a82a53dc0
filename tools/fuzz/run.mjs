// A time-boxed fuzz run over every parser and entry point that takes outside input:
//   npm run fuzz -- [--minutes 5] [--seed 1]        (CI runs a short one from test/fuzz.test.mjs)
// Seeded, structure-aware mutations of real inputs: .tflite models (load, then run on both backends),
// WFDB headers / signal files / annotation files / multi-segment headers, CSV, .npy, EDF/EDF+/BDF+ (EDFlib's files),
// batch resume files, PhysioNet paths, token word streams, and signals for predict.
// Each case must end in a valid result or a typed openecg error (OpenEcgError and its subclasses) within
// 1 s, and the process must not grow by more than 200 MB. Prints a summary; exits 1 on any violation.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const m = await import(join(root, 'dist', 'index.js'));
const { buildOpCases } = await import(join(root, 'build', 'tools', 'convert', 'op-cases.js'));
const { decodeEvents, toFrames, renderTimed, encodeEvents } = await import(join(root, 'dist', 'codec', 'tokens.js'));
const { writeEdf } = await import(join(root, 'test', 'edf-writer.mjs'));
const { completeLinesOf } = await import(join(root, 'dist', 'batch', 'resume.js'));
const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const minutes = arg('minutes', 1),
  seed = arg('seed', 1);
const seconds = arg('seconds', minutes * 60);

let state = seed >>> 0;
// High bits of the LCG: its low bits repeat with short periods.
const r = (n) => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return Math.floor((state / 4294967296) * n);
};
const fix = (p) => join(root, 'test', 'fixtures', p);
const heaText = readFileSync(fix('ludb/1.hea'), 'utf8');
const dat = new Uint8Array(readFileSync(fix('ludb/1.dat')));
const flacHea = readFileSync(fix('flac/119_516.hea'), 'utf8');
const flacDat = new Uint8Array(readFileSync(fix('flac/119_516.dat')));
const atr = new Uint8Array(readFileSync(fix('qtdb/sel100.q1c')));
const models = buildOpCases().map((c) => ({ model: c.model, inputs: c.inputs }));
const csvText =
  'ii,v1\n' +
  Array.from({ length: 600 }, (_, i) => `${Math.sin(i / 9).toFixed(4)},${Math.cos(i / 7).toFixed(4)}`).join('\n');
// An EDF+C file: two signals at their own rates and an annotation signal, 10 records.
const edf = writeEdf({
  signals: [
    {
      label: 'I',
      samplesPerRecord: 50,
      physMin: -5,
      physMax: 5,
      digMin: -2048,
      digMax: 2047,
      unit: 'mV',
      digital: Int32Array.from({ length: 500 }, (_, i) => (i * 37) % 2000),
    },
    {
      label: 'II',
      samplesPerRecord: 25,
      physMin: -5,
      physMax: 5,
      digMin: -2048,
      digMax: 2047,
      unit: 'mV',
      digital: Int32Array.from({ length: 250 }, (_, i) => (i * 91) % 2000),
    },
  ],
  recordDuration: 1,
  nRecords: 10,
  format: 'EDF+C',
  annotations: Array.from({ length: 10 }, (_, k) => [`+${k}\x14\x14\x00`, `+${k}.5\x150.1\x14Beat\x14\x00`]),
  annotationBytes: 60,
});
// EDF+/BDF+ files EDFlib wrote: several annotation signals, UTF-8 texts, a first record at +0.5 s
const edflib = ['multi-annot.edf', 'bdfplus.bdf', 'subsecond.edf'].map(
  (f) => new Uint8Array(readFileSync(fix(`edflib/${f}`))),
);
const msHea = readFileSync(fix('wfdb-rdsamp/ms.hea'), 'utf8');
const resumeFile = new TextEncoder().encode(
  Array.from({ length: 6 }, (_, k) =>
    JSON.stringify({ id: `r${k}.hea`, ok: true, settings: { lead: null, fs: 360 } }),
  ).join('\n') + '\n',
);
const npy = m.writeNpy(
  Float32Array.from({ length: 1200 }, (_, i) => Math.sin(i / 9)),
  [600, 2],
);

const mutateBytes = (b) => {
  if (r(4) === 0) return b.subarray(0, r(b.length + 1));
  const c = b.slice();
  const k = 1 + r(8);
  for (let j = 0; j < k; j++) {
    const at = r(c.length);
    // Structure-aware for little-endian fields: sometimes write an extreme 32-bit value.
    if (r(4) === 0 && at + 4 <= c.length)
      new DataView(c.buffer, c.byteOffset).setInt32(at, [0, -1, 0x7fffffff, -0x80000000, 1 << 20][r(5)], true);
    else c[at] = r(256);
  }
  return c;
};
const mutateText = (s) => {
  const pieces = [
    ' ',
    '0',
    '-1',
    '999999999',
    '1e308',
    'NaN',
    '\n',
    '/',
    '(',
    ')',
    'x',
    '#',
    ',',
    '\t',
    '__proto__',
    '212',
    '16x4',
    '+3',
  ];
  let out = s;
  for (let k = 1 + r(4); k > 0; k--) {
    const pos = r(out.length + 1),
      p = pieces[r(pieces.length)];
    out = r(2) ? out.slice(0, pos) + p + out.slice(pos) : out.slice(0, pos) + p + out.slice(pos + 1 + r(6));
  }
  return out;
};

const targets = {
  tflite() {
    const c = models[r(models.length)];
    const model = m.loadModelSync(mutateBytes(c.model), { backend: 'js' });
    model.run(c.inputs);
  },
  wfdbHeader() {
    m.decodeWfdbSignals(m.parseWfdbHeader(mutateText(heaText), 'x.hea'), { '1.dat': dat });
  },
  wfdbSignal() {
    m.decodeWfdbSignals(m.parseWfdbHeader(heaText, 'x.hea'), { '1.dat': mutateBytes(dat) });
  },
  annotations() {
    m.parseWfdbAnnotations(mutateBytes(atr), 'x.atr', r(2) ? 225000 : undefined);
  },
  csv() {
    m.parseCsv(mutateText(csvText), 'x.csv');
  },
  npy() {
    m.parseNpy(mutateBytes(npy), 'x.npy');
  },
  flac() {
    // A FLAC-format WFDB record (two signals, format 516) with its signal file damaged.
    m.decodeWfdbSignals(m.parseWfdbHeader(flacHea, 'f.hea'), { '119_516.dat': mutateBytes(flacDat) });
  },
  edf() {
    m.decodeEdf(mutateBytes(edf), 'x.edf', r(2) ? {} : { from: r(12), to: r(12) });
  },
  edfPlus() {
    // EDFlib's files, damaged, read whole or in a part (the timeline, annotations of records outside the part)
    const b = mutateBytes(edflib[r(edflib.length)]);
    const opts = [{}, { from: r(30) / 3, to: r(40) / 3 }, { channels: [0, r(3)] }, { from: NaN }][r(4)];
    m.decodeEdf(b, 'x.edf', opts);
  },
  multiSegmentHeader() {
    m.parseWfdbMultiSegmentHeader(mutateText(msHea), 'ms.hea');
  },
  batchResume() {
    // the kept part of a damaged resume file ends on a line boundary and is made of whole lines
    const b = mutateBytes(resumeFile);
    const { ids, bytes } = completeLinesOf(b);
    if (bytes > b.length || (bytes > 0 && b[bytes - 1] !== 10) || ids.length > 6)
      throw new Error(`resume kept ${bytes} bytes / ${ids.length} lines of ${b.length}`);
  },
  physionetPath() {
    m.parsePhysionetPath(mutateText('physionet:mitdb/1.0.0/100'));
  },
  tokens() {
    const words = Uint16Array.from({ length: 1 + r(2000) }, () => r(65536));
    const ev = decodeEvents(words);
    toFrames(ev, 1 + r(40));
    renderTimed(ev, 1 + r(40));
    encodeEvents(ev);
  },
  signal() {
    const fs = [50, 128, 250, 360, 500, 1000, 257.5, 19999.999, 0, -5, NaN][r(11)];
    // At most 20 s of signal (4 windows), so a case's work is bounded like any other's.
    const n = Math.min(r(3) ? 500 + r(6000) : r(100), Number.isFinite(fs) && fs > 0 ? Math.floor(20 * fs) : 6500);
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i / (3 + r(20))));
    for (let k = r(5); k > 0; k--) x[r(n || 1)] = [NaN, Infinity, -Infinity, 1e300, -1e300, 0][r(6)];
    det.predict(x, { fs });
  },
};
const det = m.Inference.createSync({
  model: new Uint8Array(readFileSync(join(root, 'models', 'boundary_int8.tflite'))),
});

const names = Object.keys(targets);
const stats = Object.fromEntries(names.map((k) => [k, { cases: 0, ok: 0, typed: 0, slowestMs: 0 }]));
const violations = [];
const rss0 = process.memoryUsage().rss;
const until = Date.now() + seconds * 1000;
let i = 0;
while (Date.now() < until && violations.length < 10) {
  const name = names[i++ % names.length];
  const s = stats[name];
  const caseSeed = state;
  const t0 = performance.now();
  try {
    targets[name]();
    s.ok++;
  } catch (e) {
    if (e instanceof m.OpenEcgError) {
      s.typed++;
      if (process.env.FUZZ_SHOW === name && s.typed <= 3) console.log(name, e.message);
    } else
      violations.push(
        `${name} (seed state ${caseSeed}): ${e && e.constructor && e.constructor.name}: ${e && e.message}`,
      );
  }
  const ms = performance.now() - t0;
  s.cases++;
  s.slowestMs = Math.max(s.slowestMs, Math.round(ms));
  if (ms > 1000) violations.push(`${name} (seed state ${caseSeed}): ${Math.round(ms)} ms`);
  const grown = (process.memoryUsage().rss - rss0) / 2 ** 20;
  if (grown > 200) {
    violations.push(`memory grew by ${Math.round(grown)} MB after ${name}`);
    break;
  }
}
for (const [k, s] of Object.entries(stats))
  console.log(
    `${k.padEnd(12)} ${String(s.cases).padStart(6)} cases, ${String(s.ok).padStart(6)} ok, ${String(s.typed).padStart(6)} typed errors, slowest ${s.slowestMs} ms`,
  );
for (const v of violations) console.log(`VIOLATION ${v}`);
console.log(
  `fuzz: ${Object.values(stats).reduce((a, s) => a + s.cases, 0)} cases in ${seconds} s, seed ${seed}, ${violations.length} violations`,
);
process.exit(violations.length ? 1 : 0);
