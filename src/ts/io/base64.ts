// Base64 → bytes without atob or Buffer (neither exists in every engine this package runs on).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let nBits = 0;
  let k = 0;
  for (let i = 0; i < clean.length; i++) {
    bits = (bits << 6) | ALPHABET.indexOf(clean[i]);
    nBits += 6;
    if (nBits >= 8) {
      nBits -= 8;
      out[k++] = (bits >> nBits) & 0xff;
    }
  }
  return out.subarray(0, k);
}
