// The Holter summary (report/holter.ts): every episode kind checked — on the MIT-BIH fixtures against their reference
// annotations (119: bigeminy/trigeminy, from the reference beats and the reference rhythm spans; 201: AF; 107:
// paced), and on labelled sequences built here for the runs, pauses, HRV, minute and hourly rates; linear time;
// `openecg holter` JSON and its self-contained HTML page (in headless Chromium when it is installed).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inference, readWfdbRecord, readWfdbAnnotations, holterSummary } from '../dist/node.js';
import { FIX, ROOT, hasChromium, CHROMIUM, testIf } from './helpers.mjs';

const det = Inference.createSync();
const AAMI = {
  N: 'N',
  L: 'N',
  R: 'N',
  e: 'N',
  j: 'N',
  A: 'S',
  a: 'S',
  J: 'S',
  S: 'S',
  V: 'V',
  E: 'V',
  F: 'F',
  '/': 'Q',
};
const BEATS = 'NLRBAaJSVrFejnE/fQ?';
const rec = (r) => readWfdbRecord(join(FIX, 'mitdb', r));
const ann = (r) => readWfdbAnnotations(join(FIX, 'mitdb', r), 'atr');

/** A summary of labels given as classes and R times (s), all beats of good quality, all windows `rhythm`. */
function synthetic(classes, times, rhythm = 'sinus', fs = 250) {
  const labels = classes.map((c, i) => ({
    r: Math.round(times[i] * fs),
    cls: 1,
    type: c === 'P' ? 'paced' : c === 'V' ? 'vpc' : c === 'S' ? 'sveb' : 'sinus',
    aami: c === 'P' ? 'Q' : c,
    confidence: 1,
  }));
  const nSamples = Math.ceil((times[times.length - 1] + 1) * fs);
  const windows = [];
  for (let a = 0; a < nSamples; a += 6 * fs)
    windows.push({ keepFrom: a, keepTo: Math.min(nSamples, a + 6 * fs), rhythm: { name: rhythm } });
  return holterSummary({
    fs,
    nSamples,
    beats: [],
    labels,
    quality: new Float64Array(labels.length).fill(1),
    windows,
    ecgFound: true,
  });
}
const kinds = (s, k) => s.episodes.filter((e) => e.kind === k);

test('119: bigeminy and trigeminy where the reference beats form them, and over every reference (B / (T span', () => {
  const r = rec('119');
  const { summary } = det.holter(r.signals[0].physical, { fs: r.fs });
  const a = ann('119');
  const ref = a.filter((x) => BEATS.includes(x.symbol));
  const fromRef = synthetic(
    ref.map((x) => AAMI[x.symbol] ?? 'Q'),
    ref.map((x) => x.sample / r.fs),
  );
  for (const k of ['bigeminy', 'trigeminy']) {
    const ours = kinds(summary, k);
    const want = kinds(fromRef, k);
    assert.is(ours.length, want.length, k);
    ours.forEach((e, i) => {
      assert.is(e.beats, want[i].beats, `${k} ${i} beats`);
      assert.ok(Math.abs(e.startS - want[i].startS) < 0.15 && Math.abs(e.endS - want[i].endS) < 0.15, `${k} ${i}`);
    });
  }
  // every reference rhythm span of bigeminy / trigeminy holds an episode of that kind
  const marks = a.filter((x) => x.symbol === '+');
  marks.forEach((m, i) => {
    const kind = m.aux === '(B' ? 'bigeminy' : m.aux === '(T' ? 'trigeminy' : null;
    if (!kind) return;
    const from = m.sample / r.fs,
      to = i + 1 < marks.length ? marks[i + 1].sample / r.fs : r.nSamples / r.fs;
    assert.ok(
      kinds(summary, kind).some((e) => e.startS < to && e.endS > from),
      `${m.aux} at ${from.toFixed(1)}–${to.toFixed(1)} s`,
    );
  });
  assert.is(summary.afBurden, 0);
  assert.is(kinds(summary, 'af').length, 0);
});

test('201 (reference AFIB throughout): one AF episode over the excerpt', () => {
  const r = rec('201');
  assert.ok(ann('201').some((x) => x.aux === '(AFIB'));
  const { summary } = det.holter(r.signals[0].physical, { fs: r.fs });
  const af = kinds(summary, 'af');
  assert.is(af.length, 1);
  assert.ok(af[0].endS - af[0].startS >= 0.9 * 30 && summary.afBurden >= 0.9, JSON.stringify(af));
  const s220 = det.holter(rec('220').signals[0].physical, { fs: 360 }).summary;
  assert.ok(s220.beats.byClass.S >= 10, 'the APCs of 220 are counted as S');
  // (AF windows in 220, whose APCs make the rhythm irregular, are the rhythm layer's error, not the summary's)
});

test('107 (paced): paced beats counted, a paced episode, the headline says so', () => {
  const r = rec('107');
  const { summary } = det.holter(r.signals[0].physical, { fs: r.fs });
  assert.ok(summary.beats.byClass.paced >= 30, JSON.stringify(summary.beats));
  assert.is(kinds(summary, 'paced').length, 1);
  assert.match(summary.headline[0], /^Paced rhythm/);
});

test('runs: couplet, VT over 100 bpm, idioventricular at or under, SVT; pauses with the longest', () => {
  const cls = [],
    t = [];
  let at = 0;
  const add = (c, rrS, k = 1) => {
    for (let i = 0; i < k; i++) {
      at += rrS;
      cls.push(c);
      t.push(at);
    }
  };
  add('N', 0.8, 10);
  add('V', 0.5, 2); // couplet
  add('N', 0.8, 10);
  add('V', 0.4, 5); // VT, 150 bpm
  add('N', 0.8, 10);
  add('V', 0.9, 4); // idioventricular, 67 bpm
  add('N', 0.8, 10);
  add('S', 0.45, 4); // SVT
  add('N', 0.8, 5);
  add('N', 2.6, 1); // a pause of 2.6 s
  add('N', 0.8, 5);
  add('N', 3.2, 1); // ignored as an artefact for rates (> 3 s) but a pause
  add('N', 0.8, 5);
  const s = synthetic(cls, t);
  const one = (k) => kinds(s, k);
  assert.is(one('couplet').length, 1);
  assert.equal([one('vt').length, one('vt')[0].beats, one('vt')[0].bpm], [1, 5, 150]);
  assert.equal([one('idioventricular').length, one('idioventricular')[0].beats], [1, 4]);
  assert.equal([one('svt').length, one('svt')[0].beats], [1, 4]);
  assert.is(one('pause').length, 2);
  assert.equal(s.longestPause.durationS, 3.2);
  assert.is(s.heartRate.minBeat, Math.round(60 / 2.6));
  assert.match(
    s.headline.join(' '),
    /1 run of ventricular tachycardia.*1 ventricular couplet.*1 run of SVT.*2 pauses ≥ 2 s/,
  );
});

test('HRV on NN intervals: constant RR → 0; alternating 800/900 ms → RMSSD 100, pNN50 100 %', () => {
  const n = 600;
  const flat = synthetic(
    new Array(n).fill('N'),
    Array.from({ length: n }, (_, i) => 1 + 0.8 * i),
  );
  assert.equal([flat.hrv.sdnnMs, flat.hrv.rmssdMs, flat.hrv.pnn50], [0, 0, 0]);
  let at = 1;
  const times = Array.from({ length: n }, (_, i) => (at += i % 2 ? 0.9 : 0.8));
  const alt = synthetic(new Array(n).fill('N'), times);
  assert.is(alt.hrv.rmssdMs, 100);
  assert.is(alt.hrv.pnn50, 100);
  assert.ok(Math.abs(alt.hrv.sdnnMs - 50) < 0.2, String(alt.hrv.sdnnMs));
  // a V beat breaks the NN chain: its two intervals are not NN
  const withV = synthetic(['N', 'N', 'N', 'V', 'N', 'N', 'N'], [1, 2, 3, 3.5, 4.5, 5.5, 6.5]);
  assert.is(withV.hrv.nnCount, 4);
});

test('minute and hourly rates, sinus tachycardia of an hour, linear time for 200,000 beats', () => {
  // one hour at 60 bpm, then one hour at 120 bpm
  const t = [];
  for (let x = 0.5; x < 3600; x += 1) t.push(x);
  for (let x = 3600.25; x < 7200; x += 0.5) t.push(x);
  const s = synthetic(new Array(t.length).fill('N'), t);
  assert.equal(
    s.hours.slice(0, 2).map((h) => h.bpm.mean),
    [60, 120],
  );
  assert.equal([s.heartRate.minMinute.bpm, s.heartRate.maxMinute.bpm], [60, 120]);
  const tachy = kinds(s, 'sinus_tachycardia');
  assert.is(tachy.length, 1);
  assert.ok(tachy[0].startS === 3600 && tachy[0].endS >= 7140, JSON.stringify(tachy[0]));
  assert.is(kinds(s, 'sinus_bradycardia').length, 0);
  const big = [];
  for (let i = 0; i < 200000; i++) big.push(0.5 + 0.8 * i);
  const t0 = Date.now();
  synthetic(
    big.map((_, i) => (i % 7 === 3 ? 'V' : 'N')),
    big,
  );
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
});

// run from the repository root with a relative path: the page's title (and the README's screenshot) names the fixture
const cli = (args) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), ...args], { encoding: 'utf8', cwd: ROOT });
const html = join(mkdtempSync(join(tmpdir(), 'openecg-holter-')), 'holter.html');

test('openecg holter: JSON with every episode; a self-contained page (CSP, no script, no network)', () => {
  const r = cli(['holter', 'test/fixtures/mitdb/119.hea', '--json', '--html', html]);
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.ok(j.episodes.length >= 4 && j.hours.length === 1 && j.headline.length >= 2);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.not.match(page, /<script/i);
  assert.not.match(page.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, ''), /https?:\/\//);
  assert.is((page.match(/class="episode episode-/g) ?? []).length, j.episodes.length);
  assert.ok((page.match(/<figure class="strip">/g) ?? []).length >= 2, 'a strip per episode kind');
  const text = cli(['holter', join(FIX, 'mitdb', '119.hea')]);
  assert.match(text.stdout, /episodes: bigeminy \d+, trigeminy \d+/);
});

testIf(
  test,
  hasChromium,
  `Chromium not installed (${CHROMIUM})`,
)('the Holter page in headless Chromium: no errors, charts drawn', async () => {
  const { launchChromium } = await import('../tools/conformance/serve.mjs');
  const ctx = await launchChromium();
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => errors.push(m.text()));
    await page.goto('file://' + html);
    assert.ok((await page.$$eval('svg.chart polyline', (n) => n.length)) >= 1);
    assert.ok((await page.$$eval('svg.chart rect', (n) => n.length)) >= 10);
    assert.ok((await page.$$eval('#episodes tr.episode', (n) => n.length)) >= 4);
    assert.equal(errors, []);
    await page.setViewportSize({ width: 1150, height: 1000 });
    await page.screenshot({ path: join(ROOT, 'build', 'holter-page.png'), fullPage: false }); // the README's image
  } finally {
    await ctx.close();
  }
});

test.run();
