// renderSvg's view of a long record and its marks: `fromS` draws [fromS, fromS + maxSeconds) with the record's own
// times on the axis; beat letters at the R peaks in their AAMI colour; a pause (an RR gap ≥ pauseS) as a bar with its
// length, over every row it crosses; nothing outside the view.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderSvg, layers } from '../dist/node.js';

const fs = 250;
const x = Float64Array.from({ length: 600 * fs }, (_, i) => Math.sin(i / 20) * 0.5);

test('a view 300–310 s of a 10-min signal: its own times, its samples only', () => {
  const svg = renderSvg(x, [], { fs, fromS: 300, maxSeconds: 10 });
  const labels = [...svg.matchAll(/>(\d+(?:\.\d)?) s</g)].map((m) => Number(m[1]));
  assert.equal([labels[0], labels[labels.length - 1]], [300, 310]);
  const points = /points="([^"]*)"/.exec(svg)[1].trim().split(' ');
  assert.is(points.length, 10 * fs);
  // a view past the end is cut to what exists
  const end = renderSvg(x, [], { fs, fromS: 595, maxSeconds: 10 });
  assert.is(/points="([^"]*)"/.exec(end)[1].trim().split(' ').length, 5 * fs);
});

test('beat marks in their AAMI colours, only inside the view; pauses with their length on every row crossed', () => {
  const beats = [
    { sample: 301 * fs, label: 'N' },
    { sample: 302 * fs, label: 'V' },
    { sample: 302.8 * fs, label: 'S' },
    { sample: 309.5 * fs, label: 'N' }, // a pause of 6.7 s from 302.8 s, inside the first row
    { sample: 313 * fs, label: 'N' }, // 3.5 s, crossing from row 1 (300–310) into row 2 (310–320)
    { sample: 400 * fs, label: 'V' }, // outside the view (not marked)
  ];
  const svg = renderSvg(x, [], { fs, fromS: 300, maxSeconds: 20, beats });
  const marks = [...svg.matchAll(/class="beat-mark beat-(\w)"[^>]*fill="(#[0-9a-f]+)"/g)].map((m) => [m[1], m[2]]);
  const color = Object.fromEntries(layers.AAMI_CLASSES.map((c) => [c.aami, c.color]));
  assert.equal(marks, [
    ['N', color.N],
    ['V', color.V],
    ['S', color.S],
    ['N', color.N],
    ['N', color.N],
  ]);
  const pauses = [...svg.matchAll(/pause (\d+\.\d) s/g)].map((m) => m[1]);
  // the 3.5-s pause crosses two rows; the 87-s gap to the beat outside the view is drawn up to the view's edge
  assert.equal(pauses, ['6.7', '3.5', '3.5', '87.0']);
  assert.not.match(renderSvg(x, [], { fs, fromS: 300, maxSeconds: 20, beats, pauseS: 100 }), /pause/);
});

test.run();
