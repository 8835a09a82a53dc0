// Stage 1 of training: real ECG windows → .npy arrays, using the project's own WFDB
// reader, resampler and label code (the same code inference and evaluation use).
//
//   node build/tools/train/prepare.js --ludb <dir> --qtdb <dir> [--mitdb <dir>] [--svdb <dir>] --out <dir> [--dev-frac 0.2]
//        [--qtdb-per-lead 5] [--mitdb-per-record 80] [--seed 42] [--leads i,ii,...]
//
// Writes <out>/{train,dev}_{x,frames,soft,reg,regmask,qrsneg}.npy, <out>/{train,dev}_meta.json and <out>/split.json.
// MIT-BIH (training records only, see MITDB_SPLIT): beat positions without wave boundaries, so its windows carry
// partial labels — frames within ±40 ms of an annotated beat are QRS (soft target), frames more than 200 ms from
// every beat are "not QRS" (qrsneg = 1), everything else is ignored; no regression targets.
// LUDB: every lead of every record (one 10-s window each), split by record into train/dev,
// stratified by the record's rhythm. QTDB: seeded 10-s windows overlapping the q1c clusters
// of both leads (q1c + pu0 onset merge), training only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRecords, loadLudbLeads, ludbRhythms, LUDB_LEADS } from '../../src/ts/datasets/ludb.js';
import {
  hasQ1c,
  loadQtdbRecord,
  annotationClusters,
  windowWaves,
  windowBoundaries,
  QTDB_WINDOW,
} from '../../src/ts/datasets/qtdb.js';
import {
  paintSamples,
  maskOutside,
  labelledRange,
  frameLabels,
  softTargets,
  regressionTargets,
} from '../../src/ts/ecg/labels.js';
import { writeNpy } from '../../src/ts/io/npy.js';
import { allBoundarySamples, type AnnotatedWave, type Boundaries } from '../../src/ts/ecg/waves.js';
import { loadMitdbRecord, MITDB_SPLIT } from '../../src/ts/datasets/mitdb.js';
import { SVDB_SPLIT } from '../../src/ts/datasets/svdb.js';
import { resample } from '../../src/ts/dsp/resample.js';

function arg(name: string, def?: string): string {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
  if (def === undefined) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
  return def;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Win {
  x: Float32Array; // [2500] signal at 250 Hz
  frames: Uint8Array; // [500] frame class, 255 = ignore
  soft: Float32Array; // [500, 4] soft targets (all zero = frame not in the class loss)
  reg: Float32Array; // [500, 6] boundary offsets
  mask: Uint8Array; // [500, 6] which offsets are supervised
  qrsneg?: Uint8Array; // [500] 1 = frame known not to be QRS (partial labels)
  meta: Record<string, unknown>;
}

function makeWindow(
  signal: ArrayLike<number>,
  waves: AnnotatedWave[],
  b: Boundaries,
  meta: Record<string, unknown>,
): Win | null {
  const n = QTDB_WINDOW;
  const x = new Float32Array(n);
  for (let i = 0; i < n && i < signal.length; i++) x[i] = signal[i];
  const [lo, hi] = labelledRange(b, n);
  if (hi - lo < 250 || allBoundarySamples(b).length < 4) return null;
  const lab = maskOutside(paintSamples(n, waves), lo, hi);
  const frames = frameLabels(lab);
  const { target, mask } = regressionTargets(b, frames);
  return { x, frames, soft: softTargets(frames, 0.9), reg: target, mask, meta };
}

function save(out: string, name: string, wins: Win[]): void {
  const N = wins.length;
  const cat = <T extends Float32Array | Uint8Array>(C: new (n: number) => T, get: (w: Win) => T, per: number): T => {
    const a = new C(N * per);
    wins.forEach((w, i) => a.set(get(w), i * per));
    return a;
  };
  writeFileSync(
    join(out, `${name}_x.npy`),
    writeNpy(
      cat(Float32Array, (w) => w.x, 2500),
      [N, 2500],
    ),
  );
  writeFileSync(
    join(out, `${name}_frames.npy`),
    writeNpy(
      cat(Uint8Array, (w) => w.frames, 500),
      [N, 500],
    ),
  );
  writeFileSync(
    join(out, `${name}_soft.npy`),
    writeNpy(
      cat(Float32Array, (w) => w.soft, 2000),
      [N, 500, 4],
    ),
  );
  writeFileSync(
    join(out, `${name}_reg.npy`),
    writeNpy(
      cat(Float32Array, (w) => w.reg, 3000),
      [N, 500, 6],
    ),
  );
  writeFileSync(
    join(out, `${name}_regmask.npy`),
    writeNpy(
      cat(Uint8Array, (w) => w.mask, 3000),
      [N, 500, 6],
    ),
  );
  writeFileSync(
    join(out, `${name}_qrsneg.npy`),
    writeNpy(
      cat(Uint8Array, (w) => w.qrsneg ?? new Uint8Array(500), 500),
      [N, 500],
    ),
  );
  writeFileSync(join(out, `${name}_meta.json`), JSON.stringify(wins.map((w) => w.meta)));
  console.log(`${name}: ${N} windows`);
}

const ludbDir = arg('ludb'),
  qtdbDir = arg('qtdb', ''),
  out = arg('out');
const devFrac = Number(arg('dev-frac', '0.2')),
  perLead = Number(arg('qtdb-per-lead', '5')),
  seed = Number(arg('seed', '42'));
const leads = arg('leads', LUDB_LEADS.join(',')).split(',');
mkdirSync(out, { recursive: true });

// Rhythm-stratified record split.
const rng = mulberry32(seed);
const records = listRecords(ludbDir);
const rhythm = ludbRhythms(ludbDir);
const groups: Record<string, string[]> = {};
for (const r of records) (groups[rhythm[r] || 'unknown'] ??= []).push(r);
const dev: string[] = [];
for (const g of Object.keys(groups).sort()) {
  const ids = groups[g].slice();
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  dev.push(...ids.slice(0, Math.round(devFrac * ids.length)));
}
const devSet = new Set(dev);
const train = records.filter((r) => !devSet.has(r));
dev.sort((a, b) => Number(a) - Number(b));
writeFileSync(join(out, 'split.json'), JSON.stringify({ seed, devFrac, dev, train }, null, 1));

const trainWins: Win[] = [],
  devWins: Win[] = [];
for (const r of records) {
  for (const w of loadLudbLeads(ludbDir, r, leads)) {
    const win = makeWindow(w.signal250, w.waves, w.boundaries, {
      source: 'ludb',
      record: r,
      lead: w.lead,
      rhythm: rhythm[r] || '',
    });
    if (win) (devSet.has(r) ? devWins : trainWins).push(win);
  }
}
if (qtdbDir) {
  for (const r of listRecords(qtdbDir)) {
    if (!hasQ1c(qtdbDir, r)) continue;
    const q = loadQtdbRecord(qtdbDir, r, true);
    const samples = q.q1c.map((a) => a.sample);
    const clusters = annotationClusters(samples);
    const n = q.rec.nSamples;
    q.rec.signals.forEach((sig) => {
      let made = 0;
      for (let attempt = 0; attempt < perLead * 8 && made < perLead; attempt++) {
        const [c0, c1] = clusters[Math.floor(rng() * clusters.length)];
        // Window overlapping the cluster by ≥ 1000 samples.
        const lo = Math.max(0, c0 - QTDB_WINDOW + 1000),
          hi = Math.min(n - QTDB_WINDOW, Math.max(lo, c1 - 1000));
        const start = lo + Math.floor(rng() * (hi - lo + 1));
        const waves = windowWaves(q.waves, start);
        const b = windowBoundaries(q.waves, start);
        const win = makeWindow(sig.physical.subarray(start, start + QTDB_WINDOW), waves, b, {
          source: 'qtdb',
          record: r,
          lead: sig.name,
          start,
        });
        if (win) {
          trainWins.push(win);
          made++;
        }
      }
    });
  }
}
/** Windows with partial labels (beat positions only) from a MIT-BIH-style database, its `held` records left out. */
function beatWindows(dir: string, held: Set<string>, perRecord: number, source: string): void {
  for (const r of listRecords(dir)) {
    if (held.has(r)) continue;
    const m = loadMitdbRecord(dir, r);
    const k = 250 / m.rec.fs;
    const beats250 = m.beats.map((b) => ({ s: Math.round(b.sample * k), symbol: b.symbol }));
    const flutter = m.unreadable.map(([a, b]) => [Math.floor(a * k), Math.ceil(b * k)]);
    const leads = m.rec.signals.map((sig) => resample(sig.physical, m.rec.fs, 250));
    const n = leads[0].length;
    const odd: number[] = [],
      plain: number[] = [];
    for (let start = 0; start + QTDB_WINDOW <= n; start += 625) {
      if (flutter.some(([a, b]) => a < start + QTDB_WINDOW && b > start)) continue;
      const inside = beats250.filter((b) => b.s >= start && b.s < start + QTDB_WINDOW);
      if (inside.length < 3) continue;
      (inside.some((b) => b.symbol !== 'N') ? odd : plain).push(start);
    }
    const take = (list: number[], count: number): number[] => {
      const a = list.slice();
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, count);
    };
    const nOdd = Math.min(odd.length, Math.round(perRecord * 0.6));
    const starts = [...take(odd, nOdd), ...take(plain, perRecord - nOdd)];
    for (const start of starts) {
      const lead = rng() < 0.6 ? 0 : leads.length - 1;
      const x = new Float32Array(QTDB_WINDOW);
      for (let i = 0; i < QTDB_WINDOW; i++) x[i] = leads[lead][start + i];
      const frames = new Uint8Array(500).fill(255);
      const soft = new Float32Array(2000),
        qrsneg = new Uint8Array(500);
      const rel = beats250.filter((b) => b.s >= start - 100 && b.s < start + QTDB_WINDOW + 100).map((b) => b.s - start);
      for (let f = 0; f < 500; f++) {
        const c = 5 * f + 2;
        let d = Infinity;
        for (const b of rel) d = Math.min(d, Math.abs(b - c));
        if (d <= 10) {
          frames[f] = 2;
          soft[4 * f + 2] = 1;
        } // ±40 ms: QRS
        else if (d > 50) qrsneg[f] = 1; // > 200 ms from every beat: not QRS
      }
      trainWins.push({
        x,
        frames,
        soft,
        reg: new Float32Array(3000),
        mask: new Uint8Array(3000),
        qrsneg,
        meta: { source, record: r, lead: m.rec.signals[lead].name, start },
      });
    }
  }
}
const mitdbDir = arg('mitdb', ''),
  svdbDir = arg('svdb', ''),
  perRecord = Number(arg('mitdb-per-record', '80'));
if (mitdbDir) beatWindows(mitdbDir, new Set([...MITDB_SPLIT.devA, ...MITDB_SPLIT.devB]), perRecord, 'mitdb');
// SVDB (128 Hz): its development records (svdbDevA, svdbDevB) are left out like MIT-BIH's.
if (svdbDir) beatWindows(svdbDir, new Set([...SVDB_SPLIT.svdbDevA, ...SVDB_SPLIT.svdbDevB]), perRecord, 'svdb');
save(out, 'train', trainWins);
save(out, 'dev', devWins);
console.log(`dev records (${dev.length}): ${dev.join(' ')}`);
