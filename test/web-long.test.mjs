// The web page with a 30-minute record (MIT-BIH 119's 30-s excerpt laid end to end 60 times, as a WFDB pair) in
// headless Chromium: the page and the strip stay a bounded size, the view moves across the whole record (slider,
// buttons, minimap, a click on any beat in the table), beat classes are marked on the strip, the token string is
// collapsed, and a failed file clears the previous results. Writes the README's screenshot to build/web-demo.png.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchChromium } from '../tools/conformance/serve.mjs';
import { ROOT, FIX, hasChromium, CHROMIUM, testIf } from './helpers.mjs';

const webTest = testIf(test, hasChromium, `Chromium not installed (${CHROMIUM}; apt-get install chromium)`);
const REPEAT = 60;

function longRecord() {
  const dir = mkdtempSync(join(tmpdir(), 'openecg-web-long-'));
  const dat = readFileSync(join(FIX, 'mitdb', '119.dat'));
  writeFileSync(join(dir, 'long119.dat'), Buffer.concat(new Array(REPEAT).fill(dat)));
  const hea = readFileSync(join(FIX, 'mitdb', '119.hea'), 'latin1')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l, i) =>
      i === 0
        ? `long119 2 360 ${10800 * REPEAT}`
        : l
            .replace('119.dat', 'long119.dat')
            .split(' ')
            .slice(0, 7)
            .concat(['0', l.split(' ').slice(-1)[0]])
            .join(' '),
    )
    .join('\n');
  writeFileSync(join(dir, 'long119.hea'), hea + '\n');
  return [join(dir, 'long119.hea'), join(dir, 'long119.dat')];
}

webTest(
  'a 30-min record: bounded page, every beat reachable, beat marks, collapsed tokens, stale results cleared',
  async () => {
    const srv = await serve(ROOT, {});
    let ctx;
    try {
      ctx = await launchChromium();
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${srv.url}/web/`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
      await page.setInputFiles('#files', longRecord());
      await page.waitForFunction(() => Number(document.body.dataset.waves) > 0, null, { timeout: 120000 });
      assert.match(await page.textContent('#status'), /beats in 1800\.0 s/);
      const beats = await page.$$eval('#beats tbody tr[data-sample]', (r) => r.length);
      assert.ok(beats > 2000, `${beats} beats`);
      // bounded: the strip shows one view, the page is not a 50,000-px scroll
      const sizes = await page.evaluate(() => ({
        page: document.documentElement.scrollHeight,
        strip: document.querySelector('#strip svg').getBoundingClientRect().height,
        table: document.querySelector('#beats-box').getBoundingClientRect().height,
      }));
      assert.ok(sizes.page < 3000, `page ${sizes.page} px high`);
      assert.ok(sizes.strip < 600, `strip ${sizes.strip} px high`);
      assert.ok(sizes.table <= 330, `table box ${sizes.table} px high`);
      assert.is(await page.$eval('#tokens-box', (d) => d.open), false);
      assert.match(await page.textContent('#tokens-summary'), /Token string \([\d,]+ characters\)/);
      // beat classes marked on the strip: 119 has ventricular bigeminy
      const marks = async () => page.$$eval('#strip .beat-mark', (n) => n.map((m) => m.textContent));
      const first = await marks();
      assert.ok(first.includes('N') && first.includes('V'), first.join(','));
      assert.ok((await page.$$eval('#minimap .tick-V', (n) => n.length)) > 100);
      assert.ok((await page.$$eval('#minimap .segment', (n) => n.length)) >= 1);
      // the slider to its end: the last seconds of the record are drawn
      await page.$eval('#pos', (el) => {
        el.value = el.max;
        el.dispatchEvent(new Event('input'));
      });
      await page.waitForFunction(() => Number(document.body.dataset.view) >= 1790, null, { timeout: 30000 });
      assert.ok((await page.$$eval('#strip text', (n) => n.map((t) => t.textContent))).includes('1800 s'));
      // the last beat of the table, clicked: the view holds it
      const rows = await page.$$('#beats tbody tr[data-sample]');
      const last = rows[rows.length - 1];
      const lastSample = Number(await last.getAttribute('data-sample'));
      await last.click(); // scrolled into view inside the table's box, then clicked
      await page.waitForFunction((s) => Math.abs(Number(document.body.dataset.view) - (s / 360 - 5)) <= 6, lastSample, {
        timeout: 30000,
      });
      const view = await page.evaluate(() => Number(document.body.dataset.view));
      assert.ok(
        view <= lastSample / 360 && lastSample / 360 < view + 10,
        `view ${view}, beat at ${lastSample / 360} s`,
      );
      // ◀ moves back one view; a click on the minimap's middle jumps to the middle
      await page.click('#prev');
      await page.waitForFunction((v) => Number(document.body.dataset.view) === v - 10, view, { timeout: 30000 });
      const box = await page.$eval('#minimap', (m) => m.getBoundingClientRect().toJSON());
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction(() => Math.abs(Number(document.body.dataset.view) - 895) <= 10, null, {
        timeout: 30000,
      });
      await page.click('#strip'); // the screenshot shows a view with marks
      await page.screenshot({ path: join(ROOT, 'build', 'web-demo.png'), fullPage: true });
      // a failed file: the previous results are gone
      const bad = join(mkdtempSync(join(tmpdir(), 'openecg-web-bad-')), 'bad.hea');
      writeFileSync(bad, 'this is not a header\n');
      await page.setInputFiles('#files', bad);
      await page.waitForSelector('#status.error', { timeout: 30000 });
      const after = await page.evaluate(() => ({
        strip: document.querySelector('#strip').children.length,
        rows: document.querySelectorAll('#beats tbody tr').length,
        tokens: document.querySelector('#tokens').textContent,
        summary: document.querySelector('#summary').textContent,
        nav: document.querySelector('#nav').hidden,
      }));
      assert.equal(after, { strip: 0, rows: 0, tokens: '', summary: '', nav: true });
      assert.equal(errors, []);
    } finally {
      if (ctx) await ctx.close().catch(() => {});
      srv.close();
    }
  },
);

test.run();
