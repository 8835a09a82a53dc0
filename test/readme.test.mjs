// The package as a user gets it: `npm pack`, installed into an empty project in a temporary
// directory (no network: the package has no dependencies), then the README's ESM (```js), CommonJS
// (```cjs) and TypeScript (```ts, tsc --strict, nodenext) examples run there unchanged, from that
// directory. Every `// prints: …` line of an example must equal the line the example printed.
// Also: the tarball's contents, and the CLI through npx.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, readdirSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = (lang) => [...md.matchAll(new RegExp('```' + lang + '\\n([^]*?)```', 'g'))].map((m) => m[1]);
const npm = (args, cwd) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 180000,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });

const work = mkdtempSync(join(tmpdir(), 'openecg-pkg-'));

// The PhysioNet example reads from a local server in PhysioNet's layout (no internet in tests), in its own process:
// the examples run with spawnSync, which blocks this one.
const server = spawn(process.execPath, [
  join(ROOT, 'test', 'support', 'physionet-server-cli.mjs'),
  `mitdb/1.0.0=${join(ROOT, 'test', 'fixtures', 'mitdb')}`,
]);
const mirror = await new Promise((resolve, reject) => {
  server.stdout.once('data', (b) => resolve(String(b).trim()));
  server.once('error', reject);
});
const exampleEnv = { ...process.env, OPENECG_PHYSIONET_URL: mirror, XDG_CACHE_HOME: join(work, 'cache') };
const project = join(work, 'project');
let tarball = '';

/** Lines after `// prints: ` in an example, in order. */
const expectedPrints = (code) => [...code.matchAll(/^\s*\/\/ prints: (.*)$/gm)].map((m) => m[1]);

function runExample(file, code, argv = [file], cwd = project) {
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', timeout: 120000, env: exampleEnv });
  assert.is(r.status, 0, r.stderr);
  const want = expectedPrints(code);
  const got = r.stdout
    .trimEnd()
    .split('\n')
    .filter((l) => l.length);
  assert.equal(got, want, `${file}: printed lines differ from the README's '// prints:' lines`);
}

test('npm pack: the tarball holds the package, not the float32 twin or the build tree', () => {
  const r = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT); // dist/ is built by npm test
  assert.is(r.status, 0, r.stderr);
  const info = JSON.parse(r.stdout)[0];
  tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  for (const must of [
    'LICENSE',
    'README.md',
    'package.json',
    'bin/openecg.js',
    'dist/node.js',
    'dist/node.d.ts',
    'dist/openecg-node.cjs',
    'dist/openecg-es5.js',
    'dist/openecg-es5.min.js',
    'models/micro_int8.tflite',
    'models/boundary_int8.tflite',
    'samples/ludb-4.hea',
  ]) {
    assert.ok(files.includes(must), `${must} missing from the tarball`);
  }
  assert.not.ok(files.includes('models/boundary_f32.tflite'), 'the float32 model is not shipped');
  assert.not.ok(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('build/')));
  // 2.58 MB at the time of writing: the boundary model (1.2 MB compressed), the bundles (ES5 and its minified twin
  // included), docs with two screenshots, one sample record.
  assert.ok(info.size < 2_750_000, `tarball ${info.size} bytes`);
  // README links to files of the repository that the tarball ships.
  for (const [, link] of md.matchAll(/\]\(((?:docs|models)\/[^)#\s]+)\)/g))
    assert.ok(files.includes(link), `README links to ${link}, not in the tarball`);
});

test('installs into an empty project without scripts or network', () => {
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module' }),
  );
  const r = npm(['install', '--offline', '--no-package-lock', tarball], project);
  assert.is(r.status, 0, r.stderr);
  const installed = readdirSync(join(project, 'node_modules', 'openecg'));
  assert.ok(installed.includes('dist') && installed.includes('models'));
});

/** Writes each README block of `lang` into the user's project as example-N.<ext> and runs it there. */
function runBlocks(lang, ext) {
  const list = blocks(lang);
  assert.ok(list.length >= 1, `README has a ${lang} example`);
  list.forEach((code, i) => {
    const file = join(project, `example-${i + 1}.${ext}`);
    writeFileSync(file, code);
    runExample(file, code);
  });
}

test("README's ESM examples run from the user's project and print what the README says", () => runBlocks('js', 'mjs'));

test("README's CommonJS example runs (require('openecg') is the Node build with files and the bundled model)", () =>
  runBlocks('cjs', 'cjs'));

/** Compiles the README's TypeScript examples with tsc --strict (nodenext) in `dir` and runs them. */
function typeScriptExamples(dir) {
  const ts = blocks('ts');
  assert.ok(ts.length >= 1);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        outDir: 'out',
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      include: ['*.ts'],
    }),
  );
  ts.forEach((code, i) => writeFileSync(join(dir, `example-${i + 1}.ts`), code));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.is(tsc.status, 0, tsc.stdout + tsc.stderr);
  ts.forEach((code, i) => runExample(join(dir, 'out', `example-${i + 1}.js`), code, undefined, dir));
}

test("README's TypeScript example type-checks with tsc --strict (nodenext) and runs in an ES-module package", () =>
  typeScriptExamples(project));

test('README\'s TypeScript example type-checks and runs in a default CommonJS package (no "type")', () => {
  const cjs = join(work, 'cjs-project');
  mkdirSync(cjs, { recursive: true });
  writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'cjs-project', version: '1.0.0', private: true }));
  const r = npm(['install', '--offline', '--no-package-lock', tarball], cjs);
  assert.is(r.status, 0, r.stderr);
  typeScriptExamples(cjs);
});

test('the CLI through npx in the user project: --version, report of the shipped sample, one-line errors', () => {
  const npx = (args) =>
    spawnSync('npx', ['--offline', 'openecg', ...args], { cwd: project, encoding: 'utf8', timeout: 120000 });
  const v = npx(['--version']);
  assert.is(v.status, 0, v.stderr);
  assert.is(v.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  const r = npx(['report', join(project, 'node_modules', 'openecg', 'samples', 'ludb-4.hea'), '--json']);
  assert.is(r.status, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).beats.count, 10);
  const bad = npx(['report', join(project, 'missing.hea')]);
  assert.is(bad.status, 1);
  assert.is(bad.stderr.trim().split('\n').length, 1, bad.stderr);
});

test.after(() => server.kill());

test.run();
