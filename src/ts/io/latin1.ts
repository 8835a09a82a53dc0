// Bytes as Latin-1 text (how WFDB reads headers: one character per byte), in chunks (no argument-count limits).
export function latin1(b: Uint8Array): string {
  let s = '';
  const CHUNK = 8192;
  for (let i = 0; i < b.length; i += CHUNK)
    s += String.fromCharCode.apply(null, Array.prototype.slice.call(b.subarray(i, Math.min(b.length, i + CHUNK))));
  return s;
}
