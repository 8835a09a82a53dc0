// Runs the uvu suite and ends with one summary line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const uvu = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'uvu', 'bin.js');
const r = spawnSync(process.execPath, [uvu, 'test', '.test.mjs$', ...process.argv.slice(2)], { encoding: 'utf8', maxBuffer: 1 << 28 });
process.stdout.write(r.stdout); process.stderr.write(r.stderr);
const text = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
const num = (re) => { const m = re.exec(text); return m ? Number(m[1]) : NaN; };
const total = num(/Total:\s+(\d+)/), passed = num(/Passed:\s+(\d+)/), skipped = num(/Skipped:\s+(\d+)/) || 0;
if (!Number.isFinite(total) || !Number.isFinite(passed)) { console.log('0 passed, 1 failed'); process.exit(1); }
const failed = total - passed - skipped + (r.status !== 0 && total === passed ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || r.status !== 0 ? 1 : 0);
