// openecg's WFDB reader against PhysioNet's rdsamp 10.7 on records WFDB's own xform wrote (every signal format,
// one-signal packed formats with an odd frame count, skew, multi-frequency; test/fixtures/wfdb-rdsamp, made by
// tools/fixtures/wfdb-rdsamp.sh): our reads printed as `rdsamp -c` prints them (time column dropped) — raw and
// physical (-P, %.8f), frame-averaged and high-resolution (-H), up to the header's length — and compared by
// SHA-256 with rdsamp's output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readWfdbRecord, frameAveraged, highResolution } from '../dist/node.js';
import { FIX } from './helpers.mjs';

const DIR = join(FIX, 'wfdb-rdsamp');
const want = readFileSync(join(DIR, 'rdsamp.sha256'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => l.split('\t'))
  .map(([record, opt, rows, sha]) => ({ record, opt, rows: Number(rows), sha }));

/** Our read in rdsamp's CSV text: one row per sample vector, values of every signal; invalid: raw −32768, '-'. */
function rdsampText(rec, physical) {
  const n = rec.signals[0].digital.length;
  const rows = [];
  for (let t = 0; t < n; t++)
    rows.push(
      rec.signals
        .map((s) => {
          const p = s.physical[t];
          if (!physical) return String(p !== p ? -32768 : s.digital[t]);
          return p !== p ? '-' : p.toFixed(8);
        })
        .join(','),
    );
  return rows.join('\n') + '\n';
}

// rdsamp stops when a skewed signal runs out (3 frames early in fskew); we return every frame, the skewed signal's
// missing samples invalid: the rows rdsamp does not print are checked to be those.
const SKEWED = { fskew: 3 };

for (const w of want) {
  test(`${w.record} (${w.opt}): as rdsamp reads it`, () => {
    const rec = readWfdbRecord(join(DIR, w.record));
    const high = w.opt.includes('-H');
    let view = high ? highResolution(rec) : frameAveraged(rec);
    let rows = view.signals[0].digital.length;
    if (SKEWED[w.record]) {
      // the last frames hold the skewed signal's invalid samples: rdsamp does not print them
      const cut = rows - SKEWED[w.record];
      assert.ok(Number.isNaN(view.signals[1].physical[cut]), 'the skewed signal is invalid where rdsamp stops');
      view = {
        ...view,
        signals: view.signals.map((s) => ({
          ...s,
          digital: s.digital.subarray(0, cut),
          physical: s.physical.subarray(0, cut),
        })),
      };
      rows = cut;
    }
    assert.is(rows, w.rows, 'rows');
    const text = rdsampText(view, w.opt.includes('-P'));
    assert.is(createHash('sha256').update(text).digest('hex'), w.sha, `${w.record} ${w.opt}: our values differ`);
  });
}

test.run();
