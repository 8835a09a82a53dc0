// One class table (classify/classes.ts) for codec characters, AAMI classes, colours and order: every class of every
// layer has all of them, the codec characters come from it, and the CLI's strip colours every beat class — the SVEBs
// of MIT-BIH 220 included (before, the strip's colours stopped at class 5 and SVEBs were never drawn).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layers } from '../dist/node.js';
import { FIX, ROOT } from './helpers.mjs';

test('every class of every layer has a name, character, colour and a distinct order; chars come from the table', () => {
  for (const [layer, table] of [
    ['frame', layers.FRAME_CLASSES],
    ['beat', layers.BEAT_CLASSES],
    ['rhythm', layers.RHYTHM_CLASSES],
  ]) {
    assert.equal(
      table.map((c) => c.id),
      table.map((_, i) => i),
      layer,
    );
    for (const c of table) {
      assert.ok(c.name && c.char.length === 1 && /^#[0-9a-f]{6}$/.test(c.color), `${layer} ${c.id}`);
      assert.is(layers.DEFAULT_CHARS[layer][c.id], c.char);
    }
    assert.is(new Set(table.map((c) => c.order)).size, table.length, `${layer}: orders distinct`);
  }
  for (const c of layers.BEAT_CLASSES.filter((x) => x.name !== 'none'))
    assert.ok(['N', 'S', 'V', 'F', 'Q'].includes(c.aami), c.name);
  assert.equal(
    layers.BEAT_NAMES,
    layers.BEAT_CLASSES.map((c) => c.name),
  );
  assert.is(layers.BEAT_CLASSES[layers.BEAT.SVEB].aami, 'S');
});

test('report --svg colours every beat class: the SVEBs of record 220 are drawn in the SVEB colour', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'openecg-svg-')), 'r.svg');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'openecg.js'), 'report', join(FIX, 'mitdb', '220.hea'), '--svg', out],
    {
      encoding: 'utf8',
    },
  );
  assert.is(r.status, 0, r.stderr);
  const svg = readFileSync(out, 'utf8');
  const sveb = layers.BEAT_CLASSES[layers.BEAT.SVEB].color;
  const n = (svg.match(new RegExp(`class="track track-beat"[^>]*fill="${sveb}"`, 'g')) ?? []).length;
  const m = /sveb (\d+)/.exec(r.stdout);
  assert.ok(m && Number(m[1]) > 0, r.stdout);
  assert.is(n, Number(m[1]), `${n} SVEB runs drawn for ${m[1]} SVEBs`);
});

test.run();
