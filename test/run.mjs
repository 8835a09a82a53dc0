// Runs every test/*.test.mjs file in its own Node process (one hang or crash cannot take the
// others with it; each file has a time limit) and ends with one summary line:
//   "N passed, N failed, N skipped"
// Skipped tests are those whose tool is missing (Chromium, Duktape, PyTorch) or whose data is
// absent (../shared); each prints "skipped: <test> — <why>". Under CI=true a skip is a failure:
// CI installs everything, so a skip there means a test silently stopped running.
//   node test/run.mjs [filter regex]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ? new RegExp(process.argv[2]) : null;
const FILE_LIMIT_MS = Number(process.env.OPENECG_TEST_FILE_LIMIT_MS ?? 20 * 60 * 1000);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs') && (!filter || filter.test(f)))
  .sort();

let passed = 0,
  failed = 0,
  skipped = 0;
const problems = [];
for (const f of files) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(dir, f)], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: FILE_LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  process.stdout.write(`\n── ${f}\n${out}`);
  const text = out.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const total = num(/Total:\s+(\d+)/),
    ok = num(/Passed:\s+(\d+)/),
    sk = num(/Skipped:\s+(\d+)/) || 0;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.error || r.signal) {
    failed++;
    problems.push(
      `${f}: ${r.error && r.error.code === 'ETIMEDOUT' ? `timed out after ${FILE_LIMIT_MS / 1000} s` : `killed (${r.signal ?? r.error.message})`}`,
    );
    continue;
  }
  if (!Number.isFinite(total) || !Number.isFinite(ok)) {
    failed++;
    problems.push(`${f}: no uvu summary (exit ${r.status})`);
    continue;
  }
  const bad = total - ok; // uvu's Total does not include skipped tests
  passed += ok;
  skipped += sk;
  failed += bad > 0 ? bad : r.status !== 0 ? 1 : 0;
  if (bad > 0 || r.status !== 0) problems.push(`${f}: ${bad} failed (exit ${r.status})`);
  console.log(`   ${f}: ${ok} passed, ${bad} failed, ${sk} skipped in ${secs} s`);
}
if (process.env.CI === 'true' && skipped > 0)
  problems.push(`CI=true: ${skipped} test(s) skipped — CI installs every tool, so nothing may skip`);
for (const p of problems) console.log(`problem: ${p}`);
console.log(
  `${passed} passed, ${failed + (process.env.CI === 'true' && skipped > 0 ? 1 : 0)} failed, ${skipped} skipped`,
);
process.exit(problems.length ? 1 : 0);
