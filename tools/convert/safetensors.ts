// safetensors reader (F32 tensors): 8-byte LE header length, JSON header, raw little-endian data.
export interface Weights {
  [name: string]: { shape: number[]; data: Float32Array };
}

export function readSafetensors(bytes: Uint8Array): Weights {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  if (8 + n > bytes.length) throw new Error('safetensors: header runs past the end of the file');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  const base = 8 + n,
    out: Weights = {};
  for (const [name, info] of Object.entries<any>(header)) {
    if (name === '__metadata__') continue;
    if (info.dtype !== 'F32') throw new Error(`safetensors: ${name} has dtype ${info.dtype}, only F32 is supported`);
    const [a, b] = info.data_offsets;
    if (base + b > bytes.length || b - a !== 4 * info.shape.reduce((x: number, y: number) => x * y, 1))
      throw new Error(`safetensors: ${name} has bad offsets`);
    const data = new Float32Array((b - a) / 4);
    for (let i = 0; i < data.length; i++) data[i] = dv.getFloat32(base + a + 4 * i, true);
    out[name] = { shape: info.shape, data };
  }
  return out;
}
