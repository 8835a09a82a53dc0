// The demo page end to end in headless Chromium: served on 127.0.0.1, loads the bundled sample
// and a dropped CSV file, and draws the delineated strip, the beat table and the token string.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchChromium } from '../tools/conformance/serve.mjs';
import { readWfdbRecord } from '../dist/node.js';
import { ROOT, FIX } from './helpers.mjs';

test('web page: sample and a dropped CSV are delineated and drawn', async () => {
  const srv = await serve(ROOT);
  const ctx = await launchChromium();
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/web/`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    await page.click('#sample');
    await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 60000 });
    const qrs = await page.$$eval('#strip .wave-QRS', (n) => n.length);
    const rows = await page.$$eval('#beats tbody tr', (n) => n.length);
    const tokens = await page.textContent('#tokens');
    assert.ok(qrs >= 8 && qrs <= 14, `${qrs} QRS spans drawn for 10 s`);
    assert.ok(rows >= 9, `${rows} table rows`);
    assert.match(tokens, /^_?(p_)?qr/);
    await page.screenshot({ path: join(ROOT, 'build', 'web-demo.png'), fullPage: true });
    // A CSV "dropped" through the file input, at its own sampling rate.
    const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
    const csv = join(mkdtempSync(join(tmpdir(), 'openecg-web-')), 'ecg.csv');
    writeFileSync(csv, 'ii\n' + Array.from(ii).join('\n'));
    await page.fill('#fs', '500');
    await page.evaluate(() => { document.body.dataset.waves = '0'; });
    await page.setInputFiles('#files', csv);
    await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 60000 });
    assert.match(await page.textContent('#status'), /beats in 10\.0 s/);
    assert.equal(errors, []);
  } finally { await ctx.close(); srv.close(); }
});

test.run();
