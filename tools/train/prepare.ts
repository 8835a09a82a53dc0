// Stage 1 of training: real ECG windows → .npy arrays, using the project's own WFDB
// reader, resampler and label code (the same code inference and evaluation use).
//
//   node build/tools/train/prepare.js --ludb <dir> --qtdb <dir> --out <dir> [--dev-frac 0.2] [--qtdb-per-lead 5] [--seed 42] [--leads i,ii,...]
//
// Writes <out>/{train,dev}_{x,frames,soft,reg,regmask}.npy, <out>/{train,dev}_meta.json and <out>/split.json.
// LUDB: every lead of every record (one 10-s window each), split by record into train/dev,
// stratified by the record's rhythm. QTDB: seeded 10-s windows overlapping the q1c clusters
// of both leads (q1c + pu0 onset merge), training only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRecords, loadLudbLeads, ludbRhythms, LUDB_LEADS } from '../../src/ts/datasets/ludb.js';
import { hasQ1c, loadQtdbRecord, annotationClusters, windowWaves, windowBoundaries, QTDB_WINDOW } from '../../src/ts/datasets/qtdb.js';
import { paintSamples, maskOutside, labelledRange, frameLabels, softTargets, regressionTargets } from '../../src/ts/ecg/labels.js';
import { writeNpy } from '../../src/ts/io/npy.js';
import { allBoundarySamples, type AnnotatedWave, type Boundaries } from '../../src/ts/ecg/waves.js';

function arg(name: string, def?: string): string {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
  if (def === undefined) { console.error(`missing --${name}`); process.exit(2); }
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

interface Win { x: Float32Array; frames: Uint8Array; soft: Float32Array; reg: Float32Array; mask: Uint8Array; meta: Record<string, unknown> }

function makeWindow(signal: ArrayLike<number>, waves: AnnotatedWave[], b: Boundaries, meta: Record<string, unknown>): Win | null {
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
  writeFileSync(join(out, `${name}_x.npy`), writeNpy(cat(Float32Array, (w) => w.x, 2500), [N, 2500]));
  writeFileSync(join(out, `${name}_frames.npy`), writeNpy(cat(Uint8Array, (w) => w.frames, 500), [N, 500]));
  writeFileSync(join(out, `${name}_soft.npy`), writeNpy(cat(Float32Array, (w) => w.soft, 2000), [N, 500, 4]));
  writeFileSync(join(out, `${name}_reg.npy`), writeNpy(cat(Float32Array, (w) => w.reg, 3000), [N, 500, 6]));
  writeFileSync(join(out, `${name}_regmask.npy`), writeNpy(cat(Uint8Array, (w) => w.mask, 3000), [N, 500, 6]));
  writeFileSync(join(out, `${name}_meta.json`), JSON.stringify(wins.map((w) => w.meta)));
  console.log(`${name}: ${N} windows`);
}

const ludbDir = arg('ludb'), qtdbDir = arg('qtdb', ''), out = arg('out');
const devFrac = Number(arg('dev-frac', '0.2')), perLead = Number(arg('qtdb-per-lead', '5')), seed = Number(arg('seed', '42'));
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
  for (let i = ids.length - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [ids[i], ids[j]] = [ids[j], ids[i]]; }
  dev.push(...ids.slice(0, Math.round(devFrac * ids.length)));
}
const devSet = new Set(dev);
const train = records.filter((r) => !devSet.has(r));
dev.sort((a, b) => Number(a) - Number(b));
writeFileSync(join(out, 'split.json'), JSON.stringify({ seed, devFrac, dev, train }, null, 1));

const trainWins: Win[] = [], devWins: Win[] = [];
for (const r of records) {
  for (const w of loadLudbLeads(ludbDir, r, leads)) {
    const win = makeWindow(w.signal250, w.waves, w.boundaries, { source: 'ludb', record: r, lead: w.lead, rhythm: rhythm[r] || '' });
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
    q.rec.signals.forEach((sig, lead) => {
      let made = 0;
      for (let attempt = 0; attempt < perLead * 8 && made < perLead; attempt++) {
        const [c0, c1] = clusters[Math.floor(rng() * clusters.length)];
        // Window overlapping the cluster by ≥ 1000 samples.
        const lo = Math.max(0, c0 - QTDB_WINDOW + 1000), hi = Math.min(n - QTDB_WINDOW, Math.max(lo, c1 - 1000));
        const start = lo + Math.floor(rng() * (hi - lo + 1));
        const waves = windowWaves(q.waves, start);
        const b = windowBoundaries(q.waves, start);
        const win = makeWindow(sig.physical.subarray(start, start + QTDB_WINDOW), waves, b, { source: 'qtdb', record: r, lead: sig.name, start });
        if (win) { trainWins.push(win); made++; }
      }
    });
  }
}
save(out, 'train', trainWins);
save(out, 'dev', devWins);
console.log(`dev records (${dev.length}): ${dev.join(' ')}`);
