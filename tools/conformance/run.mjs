// `npm run conformance`: runs the conformance suite on every runtime it can find — Node (js and
// wasm backends), headless Chromium (js and wasm), QuickJS (quickjs-emscripten) and Duktape (duk,
// the ES5 bundle) — prints a runtime × case table of digests, and exits non-zero on any mismatch
// with the committed digests (test/fixtures/conformance/digests.json) or any missing runtime.
//   node tools/conformance/run.mjs [--update] [--only node,duktape,...]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './suite.mjs';
import { serve, launchChromium } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const update = process.argv.includes('--update');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1].split(',') : null;
const want = (r) => !only || only.includes(r);
const digestSrc = readFileSync(join(root, 'tools', 'conformance', 'digest.js'), 'utf8');
const suite = buildSuite(root);
mkdirSync(join(root, 'build', 'conformance'), { recursive: true });
writeFileSync(join(root, 'build', 'conformance', 'suite.json'), JSON.stringify(suite));
const SMALL = ['mini', 'miniInt', 'micro', 'pre', 'beat', 'rhythm', 'edf', 'wfdb']; // what the slow embedded engines run
const miniSuite = {
  models: {
    mini: suite.models.mini,
    miniInt: suite.models.miniInt,
    micro: suite.models.micro,
    beat: suite.models.beat,
    rhythm: suite.models.rhythm,
  },
  cases: suite.cases.filter((c) => SMALL.includes(c.model)),
};
const parse = (text) =>
  Object.fromEntries(
    String(text)
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, lg, bd, ms] = l.split(' ');
        return [name, { logits: lg.slice(7), boundaries: bd.slice(11), ms: Number(ms.slice(3)) }];
      }),
  );
const results = {};
const missing = [];

// Node.
const openecg = await import(join(root, 'dist', 'index.js'));
const runConformance = new Function(digestSrc + '\nreturn runConformance;')();
if (want('node')) for (const b of ['js', 'wasm']) results[`node-${b}`] = parse(runConformance(openecg, suite, b, null));

// ES5 bundle for the embedded engines.
const es5 = join(root, 'build', 'openecg-es5.js');
if ((want('duktape') || want('quickjs')) && !existsSync(es5))
  spawnSync('npm', ['run', 'build:es5', '--silent'], { cwd: root, stdio: 'inherit' });
const script = () => readFileSync(es5, 'utf8') + '\n' + digestSrc + `\nvar suite = ${JSON.stringify(miniSuite)};\n`;

if (want('duktape')) {
  const file = join(root, 'build', 'conformance', 'duk.js');
  writeFileSync(file, script() + 'print(runConformance(openecg, suite, null, ' + JSON.stringify(SMALL) + '));\n');
  const r = spawnSync('duk', [file], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600000 });
  if (r.error || r.status !== 0) missing.push(`duktape (${r.error ? r.error.code : r.stderr.trim().split('\n')[0]})`);
  else results.duktape = parse(r.stdout);
}
if (want('quickjs')) {
  try {
    const { getQuickJS } = await import('quickjs-emscripten');
    const QuickJS = await getQuickJS();
    const vm = QuickJS.newContext();
    const res = vm.evalCode(script() + 'runConformance(openecg, suite, null, ' + JSON.stringify(SMALL) + ');');
    if (res.error) {
      const e = vm.dump(res.error);
      res.error.dispose();
      throw new Error(JSON.stringify(e));
    }
    results.quickjs = parse(vm.dump(res.value));
    res.value.dispose();
    vm.dispose();
  } catch (e) {
    missing.push(`quickjs (${e.message})`);
  }
}
if (want('chromium')) {
  let srv, ctx;
  try {
    srv = await serve(root);
    ctx = await launchChromium();
    const page = await ctx.newPage();
    await page.goto(`${srv.url}/tools/conformance/page.html`);
    await page.waitForFunction(() => window.__result, null, { timeout: 300000 });
    const r = await page.evaluate(() => window.__result);
    for (const b of ['js', 'wasm']) {
      if (String(r[b]).startsWith('ERROR')) throw new Error(r[b]);
      results[`chromium-${b}`] = parse(r[b]);
    }
  } catch (e) {
    missing.push(`chromium (${e.message.split('\n')[0]})`);
  } finally {
    if (ctx) await ctx.close();
    if (srv) srv.close();
  }
}

// Compare.
const digestsFile = join(root, 'test', 'fixtures', 'conformance', 'digests.json');
const ref = results['node-js'];
if (update) {
  mkdirSync(dirname(digestsFile), { recursive: true });
  writeFileSync(
    digestsFile,
    JSON.stringify(
      Object.fromEntries(Object.entries(ref).map(([k, v]) => [k, { logits: v.logits, boundaries: v.boundaries }])),
      null,
      1,
    ) + '\n',
  );
}
const expected = existsSync(digestsFile) ? JSON.parse(readFileSync(digestsFile, 'utf8')) : {};
const runtimes = Object.keys(results);
let mismatches = 0,
  missingCases = 0;
const rows = [
  '| case | committed digest (logits / boundaries) | ' + runtimes.join(' | ') + ' |',
  '|---|---|' + runtimes.map(() => '---|').join(''),
];
for (const c of suite.cases) {
  const e = expected[c.name];
  const cells = runtimes.map((rt) => {
    const got = results[rt][c.name];
    // The embedded ES5 engines run the miniature suite only; any other gap is a missing case.
    const expectedHere = !/^(duktape|quickjs)$/.test(rt) || miniSuite.cases.includes(c);
    if (!got && expectedHere) {
      missingCases++;
      return 'MISSING';
    }
    if (!got) return '–';
    const ok = e && got.logits === e.logits && got.boundaries === e.boundaries;
    if (!ok) mismatches++;
    return `${ok ? 'ok' : 'MISMATCH'} (${got.ms} ms)`;
  });
  rows.push(
    `| ${c.name} | ${e ? e.logits.slice(0, 12) + '… / ' + e.boundaries.slice(0, 12) + '…' : 'none'} | ${cells.join(' | ')} |`,
  );
}
console.log(rows.join('\n'));
for (const m of missing) console.log(`missing runtime: ${m}`);
console.log(
  `${runtimes.length} runtimes, ${mismatches} mismatches, ${missing.length} missing, ${missingCases} missing cases`,
);
process.exit(mismatches || missing.length || missingCases ? 1 : 0);
