// The demo page end to end in headless Chromium: served on 127.0.0.1, loads the bundled sample
// and a dropped CSV file, and draws the delineated strip, the beat table and the token string.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchChromium } from '../tools/conformance/serve.mjs';
import { readWfdbRecord, resample } from '../dist/node.js';
import { ROOT, FIX, hasChromium, CHROMIUM, testIf } from './helpers.mjs';
import { writeEdf, wfdbAsEdfSignals } from './edf-writer.mjs';

const webTest = testIf(test, hasChromium, `Chromium not installed (${CHROMIUM}; apt-get install chromium)`);

/** Serves the repository, opens /web/ in headless Chromium, runs fn(page), then checks no page error occurred. */
async function onWebPage(serveOpts, fn, query = '') {
  const srv = await serve(ROOT, serveOpts);
  let ctx;
  try {
    ctx = await launchChromium();
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/web/${query}`);
    await fn(page);
    assert.equal(errors, []);
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    srv.close();
  }
}

webTest('web page: sample and a dropped CSV are delineated and drawn', () =>
  onWebPage({}, async (page) => {
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    await page.click('#sample');
    await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 60000 });
    const qrs = await page.$$eval('#strip .wave-QRS', (n) => n.length);
    const rows = await page.$$eval('#beats tbody tr', (n) => n.length);
    const tokens = await page.textContent('#tokens');
    assert.ok(qrs >= 8 && qrs <= 14, `${qrs} QRS spans drawn for 10 s`);
    assert.ok(rows >= 9, `${rows} table rows`);
    assert.match(tokens, /^_?(p_)?qr/);
    // The report's summary and the learned classifier's beat types, as text.
    assert.match(await page.textContent('#summary'), /^Sinus rhythm, HR \d+ bpm.*\(learned classifier\)$/);
    const types = await page.$$eval('#beats tbody tr td:nth-child(3)', (n) => n.map((c) => c.textContent));
    assert.ok(types.filter((t) => t === 'sinus').length >= 8, types.join(','));
    await page.screenshot({ path: join(ROOT, 'build', 'web-sample.png'), fullPage: true });
    // A CSV "dropped" through the file input, at its own sampling rate.
    const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
    const csv = join(mkdtempSync(join(tmpdir(), 'openecg-web-')), 'ecg.csv');
    writeFileSync(csv, 'ii\n' + Array.from(ii).join('\n'));
    await page.fill('#fs', '500');
    await page.evaluate(() => {
      document.body.dataset.waves = '0';
    });
    await page.setInputFiles('#files', csv);
    await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 60000 });
    assert.match(await page.textContent('#status'), /beats in 10\.0 s/);
  }),
);

webTest('web page: a dropped EDF is read in the worker (its own rate) and delineated', () =>
  onWebPage({}, async (page) => {
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    const rec = readWfdbRecord(join(FIX, 'ludb', '1'));
    const sigs = wfdbAsEdfSignals(rec); // its own digital samples; the EDF gain is the WFDB one
    const edf = join(mkdtempSync(join(tmpdir(), 'openecg-web-')), 'ludb1.edf');
    writeFileSync(edf, writeEdf({ signals: sigs, recordDuration: 1, nRecords: 10, format: 'EDF' }));
    await page.fill('#fs', '123'); // ignored: the file carries its rate
    await page.evaluate(() => {
      document.body.dataset.waves = '0';
    });
    await page.setInputFiles('#files', edf);
    await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 60000 });
    assert.match(await page.textContent('#status'), /beats in 10\.0 s/);
  }),
);

webTest('web page: markup in a dropped file is shown as text, never run (CSV column names)', () =>
  onWebPage({}, async (page) => {
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
    const evil = '<img src=x onerror=window.__pwned=1>';
    const csv = join(mkdtempSync(join(tmpdir(), 'openecg-web-')), 'evil.csv');
    writeFileSync(
      csv,
      `${evil},ii\n` +
        Array.from(ii)
          .map((v) => `${v},${v}`)
          .join('\n'),
    );
    await page.fill('#fs', '500');
    await page.evaluate(() => {
      document.body.dataset.waves = '0';
    });
    await page.setInputFiles('#files', csv);
    await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 60000 });
    assert.is(await page.evaluate(() => window.__pwned), undefined);
    assert.is(await page.$$eval('#lead option', (o) => o[0].textContent), evil);
    assert.is(await page.$$eval('img', (n) => n.length), 0);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(csp, /script-src 'self'/);
  }),
);

webTest(
  'web page: the engine runs in a worker under a time budget; past it the worker is stopped and the page stays usable',
  () =>
    onWebPage(
      {},
      async (page) => {
        await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
        for (let k = 0; k < 2; k++) {
          await page.click('#sample');
          await page.waitForFunction(() => /stopped after/.test(document.querySelector('#status').textContent), null, {
            timeout: 30000,
          });
          assert.is(await page.$eval('#status', (s) => s.className), 'error');
          assert.is(await page.evaluate(() => 1 + 1), 2, 'the page answers while the worker was busy');
        }
        assert.is(await page.$$eval('#strip .wave-QRS', (n) => n.length), 0);
      },
      '?budgetMs=1',
    ),
);

webTest('WebPool in Chromium: two Web Workers give exactly Inference.predict, without cross-origin isolation', () =>
  onWebPage({ isolate: false }, async (page) => {
    // 60 s at 500 Hz (LUDB record 1, lead II, six times): ten windows to share out.
    const ii = Array.from(readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical);
    const sig = [].concat(ii, ii, ii, ii, ii, ii);
    const r = await page.evaluate(async (sig) => {
      const out = { isolated: self.crossOriginIsolated };
      const bytes = new Uint8Array(await (await fetch('/models/boundary_int8.tflite')).arrayBuffer());
      for (const [entry, size] of [
        ['/dist/openecg.min.js', 2],
        ['/dist/index.js', 1],
      ]) {
        const m = await import(entry);
        const ref = (await m.Inference.create({ model: bytes })).predict(sig, { fs: 500 });
        const pool = await m.WebPool.create({ model: bytes, size });
        let progress = 0;
        const got = await pool.predict(sig, {
          fs: 500,
          onProgress: (d) => {
            progress = d;
          },
        });
        pool.close();
        out[entry] = {
          same: JSON.stringify(got) === JSON.stringify(ref),
          waves: ref.waves.length,
          progress,
          size: pool.size,
        };
      }
      return out;
    }, sig);
    assert.is(r.isolated, false);
    // Other sampling rates through WebPool (ESM entry): each equals predict at that rate.
    const rates = [360, 128, 257.5, 1000];
    const sigs = rates.map((fs) => Array.from(resample(Float64Array.from(sig), 500, fs)));
    const same = await page.evaluate(
      async ({ sigs, rates }) => {
        const bytes = new Uint8Array(await (await fetch('/models/boundary_int8.tflite')).arrayBuffer());
        const m = await import('/dist/index.js');
        const det = await m.Inference.create({ model: bytes });
        const pool = await m.WebPool.create({ model: bytes, size: 2 });
        const out = [];
        for (let k = 0; k < rates.length; k++) {
          const ref = det.predict(sigs[k], { fs: rates[k] });
          const got = await pool.predict(sigs[k], { fs: rates[k] });
          out.push(JSON.stringify(got) === JSON.stringify(ref) && ref.waves.length > 100);
        }
        pool.close();
        return out;
      },
      { sigs, rates },
    );
    assert.equal(
      same,
      rates.map(() => true),
      `WebPool equals predict at ${rates.join(', ')} Hz`,
    );
    for (const entry of ['/dist/openecg.min.js', '/dist/index.js']) {
      assert.ok(r[entry].same, `${entry}: pool result differs from predict`);
      assert.ok(r[entry].waves > 100, `${entry}: ${r[entry].waves} waves`);
      assert.is(r[entry].progress, 10, `${entry}: progress reached ${r[entry].progress} of 10 windows`);
    }
  }),
);

webTest('ranged reads in Chromium: a File-like Blob read by slices gives the Node part, reading only its bytes', () =>
  onWebPage({ isolate: false }, async (page) => {
    const got = await page.evaluate(async () => {
      const m = await import('/dist/index.js');
      const hea = await (await fetch('/test/fixtures/mitdb/119.hea')).text();
      const dat = await (await fetch('/test/fixtures/mitdb/119.dat')).blob();
      const part = await m.readWfdbRanged(hea, { '119.dat': m.blobSource(dat) }, { from: 1000, to: 2000 });
      return { bytesRead: part.bytesRead, v1: Array.from(part.signals[1].physical) };
    });
    const node = readWfdbRecord(join(FIX, 'mitdb', '119'), { from: 1000, to: 2000 });
    assert.is(got.bytesRead, 3000);
    assert.equal(got.v1, Array.from(node.signals[1].physical));
  }),
);

test.run();
