// FLAC samples must fit the stream's bit depth: a FIXED predictor or a residual that leaves the 16-bit range is a
// FormatError (it once decoded to values like 536,864,739 in a 16-bit stream); a stream of 1-sample frames decodes
// with memory that follows the samples (no per-frame objects). Streams built here bit by bit, CRCs included.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeFlac } from '../dist/io/flac.js';
import { FormatError } from '../dist/node.js';
import { throwsTyped } from './helpers.mjs';

class BitWriter {
  bits = [];
  put(v, n) {
    for (let i = n - 1; i >= 0; i--) this.bits.push(Math.floor(v / 2 ** i) % 2);
  }
  align() {
    while (this.bits.length % 8) this.bits.push(0);
  }
  bytes() {
    const out = new Uint8Array(this.bits.length / 8);
    for (let i = 0; i < out.length; i++) for (let k = 0; k < 8; k++) out[i] = (out[i] << 1) | this.bits[8 * i + k];
    return out;
  }
}
const crc8 = (b) => {
  let c = 0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  }
  return c;
};
const crc16 = (b) => {
  let c = 0;
  for (const x of b) {
    c ^= x << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
  }
  return c;
};

function streaminfo(blockSize, total) {
  const w = new BitWriter();
  [0x66, 0x4c, 0x61, 0x43].forEach((c) => w.put(c, 8));
  w.put(1, 1); // last metadata block
  w.put(0, 7); // STREAMINFO
  w.put(34, 24);
  w.put(blockSize, 16);
  w.put(blockSize, 16);
  w.put(0, 24);
  w.put(0, 24);
  w.put(360, 20); // sample rate
  w.put(0, 3); // 1 channel
  w.put(15, 5); // 16 bits per sample
  w.put(total, 36);
  for (let i = 0; i < 16; i++) w.put(0, 8); // MD5 (not checked)
  return w.bytes();
}

/** One mono frame: FIXED order 1, warm-up `warm`, then `residuals` (Rice, k = 0). */
function frame(number, warm, residuals) {
  const h = new BitWriter();
  h.put(0xfff8, 16);
  h.put(0b0110, 4); // block size: 8-bit (size − 1) at the end of the header
  h.put(0, 4); // sample rate from STREAMINFO
  h.put(0, 4); // mono
  h.put(0, 3); // sample size from STREAMINFO
  h.put(0, 1);
  h.put(number, 8); // frame number (< 128: one UTF-8 byte)
  h.put(residuals.length, 8); // block size − 1 = residual count (1 warm-up + residuals)
  const head = h.bytes();
  const w = new BitWriter();
  for (const b of head) w.put(b, 8);
  w.put(crc8(head), 8);
  w.put(0, 1);
  w.put(9, 6); // FIXED, order 1
  w.put(0, 1); // no wasted bits
  w.put(warm < 0 ? warm + 65536 : warm, 16);
  w.put(0, 2); // Rice, 4-bit parameters
  w.put(0, 4); // partition order 0
  w.put(0, 4); // k = 0
  for (const r of residuals) {
    const u = r >= 0 ? 2 * r : -2 * r - 1;
    w.put(0, u); // unary: u zeros, then a one
    w.put(1, 1);
  }
  w.align();
  const body = w.bytes();
  const out = new Uint8Array(body.length + 2);
  out.set(body);
  const c = crc16(body);
  out[body.length] = c >> 8;
  out[body.length + 1] = c & 0xff;
  return out;
}
const join = (...parts) => {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
};

test('a well-formed stream decodes exactly (the writer is right)', () => {
  const s = join(streaminfo(4, 4), frame(0, 100, [1, -2, 3]));
  assert.equal(Array.from(decodeFlac(s, 1000).samples[0]), [100, 101, 99, 102]);
});

test('a predicted sample past 16 bits is a FormatError, never a wrapped or wide value', () => {
  const s = join(streaminfo(4, 4), frame(0, 32767, [10, 0, 0]));
  throwsTyped(() => decodeFlac(s, 1000, 'x.flac'), FormatError, /outside the subframe's 16 bits/);
  const low = join(streaminfo(4, 4), frame(0, -32768, [-1, 0, 0]));
  throwsTyped(() => decodeFlac(low, 1000, 'x.flac'), FormatError, /outside/);
});

test('10,000 one-sample frames: decoded, memory a small multiple of the samples', () => {
  const n = 10000;
  const frames = [];
  // block size 1 is written as size − 1 = 0 with no residuals: a FIXED order-1 subframe needs 2 samples, so use 2
  for (let k = 0; k < n; k++) frames.push(frame(k % 128, k % 1000, [1]));
  const s = join(streaminfo(2, 2 * n), ...frames);
  const before = process.memoryUsage().heapUsed;
  const out = decodeFlac(s, 1e9).samples[0];
  assert.is(out.length, 2 * n);
  assert.is(out[2 * 77 + 1], (77 % 1000) + 1);
  assert.ok(process.memoryUsage().heapUsed - before < 20e6);
});

test.run();
