// readWfdbRecord('physionet:<db>/<version>/<record>'): HTTP range reads against a local server in PhysioNet's layout
// (test/support/physionet-server.mjs), equal to reading the same files from disk; the directory cache; a server
// that refuses ranges; typed errors for a 404, a truncated body, a bad path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWfdbRecord, readWfdbAnnotations, FormatError } from '../dist/node.js';
import { physionetServer } from './support/physionet-server.mjs';
import { FIX, ROOT, hasChromium, CHROMIUM, testIf, rejectsTyped } from './helpers.mjs';

const folders = { 'mitdb/1.0.0': join(FIX, 'mitdb') };
const local = readWfdbRecord(join(FIX, 'mitdb', '119'));

test('a whole record over HTTP equals the file on disk; a second read comes from the cache', async () => {
  const srv = await physionetServer(folders);
  const cacheDir = mkdtempSync(join(tmpdir(), 'openecg-cache-'));
  try {
    const rec = await readWfdbRecord('physionet:mitdb/1.0.0/119', { baseUrl: srv.baseUrl, cacheDir });
    assert.is(rec.fs, 360);
    assert.is(rec.nSamples, local.nSamples);
    assert.equal(Array.from(rec.signals[0].digital), Array.from(local.signals[0].digital));
    assert.equal(
      Array.from(rec.signals[1].physical.subarray(0, 500)),
      Array.from(local.signals[1].physical.subarray(0, 500)),
    );
    const n = srv.requests.length;
    assert.ok(readdirSync(cacheDir).length > 0, 'cache written');
    const again = await readWfdbRecord('physionet:mitdb/1.0.0/119', { baseUrl: srv.baseUrl, cacheDir });
    assert.is(srv.requests.length, n, 'no request the second time');
    assert.equal(Array.from(again.signals[0].digital), Array.from(local.signals[0].digital));
  } finally {
    await srv.close();
  }
});

test('a part (from, to) reads only its bytes with a Range request', async () => {
  const srv = await physionetServer(folders);
  try {
    const rec = await readWfdbRecord('physionet:mitdb/1.0.0/119', {
      baseUrl: srv.baseUrl,
      cache: null,
      from: 3600,
      to: 7200,
    });
    assert.is(rec.signals[0].digital.length, 3600);
    assert.equal(Array.from(rec.signals[0].digital), Array.from(local.signals[0].digital.subarray(3600, 7200)));
    assert.is(rec.bytesRead, 3600 * 3); // format 212, two signals: 3 bytes per frame
    const ranged = srv.requests.filter((r) => r.range && r.range !== 'bytes=0-0');
    assert.equal(
      ranged.map((r) => r.range),
      [`bytes=${3600 * 3}-${7200 * 3 - 1}`],
    );
  } finally {
    await srv.close();
  }
});

test('a server that refuses ranges: the whole file is used, the values are the same', async () => {
  const srv = await physionetServer(folders, 'no-ranges');
  try {
    const rec = await readWfdbRecord('physionet:mitdb/1.0.0/119', {
      baseUrl: srv.baseUrl,
      cache: null,
      from: 100,
      to: 200,
    });
    assert.equal(Array.from(rec.signals[0].digital), Array.from(local.signals[0].digital.subarray(100, 200)));
  } finally {
    await srv.close();
  }
});

test('404, a truncated body and a path that is not a record path are typed errors', async () => {
  const srv = await physionetServer(folders);
  const cut = await physionetServer(folders, 'truncate');
  try {
    await rejectsTyped(
      readWfdbRecord('physionet:mitdb/1.0.0/999', { baseUrl: srv.baseUrl, cache: null }),
      FormatError,
      /404/,
    );
    await rejectsTyped(
      readWfdbRecord('physionet:nodb/1.0.0/119', { baseUrl: srv.baseUrl, cache: null }),
      FormatError,
      /404/,
    );
    await rejectsTyped(
      readWfdbRecord('physionet:mitdb/1.0.0/119', { baseUrl: cut.baseUrl, cache: null, from: 0, to: 3600 }),
      FormatError,
      /truncated|download failed/,
    );
    await rejectsTyped(
      readWfdbRecord('physionet:../etc/passwd', { cache: null }),
      FormatError,
      /not a PhysioNet record path/,
    );
    await rejectsTyped(
      readWfdbRecord('physionet:mitdb/1.0.0/..', { cache: null }),
      FormatError,
      /not a PhysioNet record path/,
    );
  } finally {
    await srv.close();
    await cut.close();
  }
});

test('annotations over HTTP equal the local file; a missing annotator is a 404', async () => {
  const srv = await physionetServer(folders);
  try {
    const want = readWfdbAnnotations(join(FIX, 'mitdb', '119'), 'atr');
    const got = await readWfdbAnnotations('physionet:mitdb/1.0.0/119', 'atr', { baseUrl: srv.baseUrl, cache: null });
    assert.equal(got, want);
    await rejectsTyped(
      readWfdbAnnotations('physionet:mitdb/1.0.0/119', 'qrs', { baseUrl: srv.baseUrl, cache: null }),
      FormatError,
      /404/,
    );
  } finally {
    await srv.close();
  }
});

test('OPENECG_PHYSIONET_URL names a mirror when no baseUrl is given', async () => {
  const srv = await physionetServer(folders);
  process.env.OPENECG_PHYSIONET_URL = srv.baseUrl;
  try {
    const rec = await readWfdbRecord('physionet:mitdb/1.0.0/119', { cache: null, to: 360 });
    assert.is(rec.url, `${srv.baseUrl}mitdb/1.0.0/119.hea`);
  } finally {
    delete process.env.OPENECG_PHYSIONET_URL;
    await srv.close();
  }
});

test('a server that never answers: a typed error within the timeout', async () => {
  const { createServer } = await import('node:http');
  const server = createServer(() => {}); // accepts, never answers
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const t0 = Date.now();
  try {
    await rejectsTyped(
      readWfdbRecord('physionet:mitdb/1.0.0/119', {
        baseUrl: `http://127.0.0.1:${server.address().port}/files/`,
        cache: null,
        timeoutMs: 300,
      }),
      FormatError,
      /no answer within 300 ms/,
    );
    assert.ok(Date.now() - t0 < 5000);
  } finally {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
});

testIf(
  test,
  hasChromium,
  `Chromium not installed (${CHROMIUM})`,
)('in a browser: the same values over HTTP, a second read from the IndexedDB cache', async () => {
  const { serve, launchChromium } = await import('../tools/conformance/serve.mjs');
  const srv = await physionetServer(folders);
  const site = await serve(ROOT, {});
  let ctx;
  try {
    ctx = await launchChromium();
    const page = await ctx.newPage();
    await page.goto(`${site.url}/package.json`); // a page of the site without the demo page's CSP (connect-src)
    const read = () =>
      page.evaluate(async (base) => {
        const m = await import('/dist/index.js');
        const r = await m.readWfdbRecord('physionet:mitdb/1.0.0/119', { baseUrl: base, from: 100, to: 400 });
        return { fs: r.fs, d: Array.from(r.signals[1].digital) };
      }, srv.baseUrl);
    const first = await read();
    assert.is(first.fs, 360);
    assert.equal(first.d, Array.from(local.signals[1].digital.subarray(100, 400)));
    const n = srv.requests.length;
    assert.ok(n > 0);
    const again = await read();
    assert.equal(again.d, first.d);
    assert.is(srv.requests.length, n, 'the second read is served by IndexedDB');
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    site.close();
    await srv.close();
  }
});

test.run();
