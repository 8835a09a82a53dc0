// Activation memory plan: every non-constant tensor gets a byte range in one buffer;
// tensors whose lifetimes [first write, last read] do not overlap may share bytes.
// Greedy: largest first, each at the lowest 16-byte-aligned offset free during its lifetime.

export interface Lifetime {
  id: number;
  bytes: number;
  first: number;
  last: number;
}

export function planArena(items: Lifetime[]): { offsets: { id: number; offset: number }[]; size: number } {
  const order = items.slice().sort((a, b) => b.bytes - a.bytes || a.id - b.id);
  const placed: { off: number; end: number; first: number; last: number }[] = [];
  const offsets: { id: number; offset: number }[] = [];
  let size = 0;
  for (const it of order) {
    const need = Math.ceil(it.bytes / 16) * 16;
    const clashes = placed.filter((p) => p.first <= it.last && it.first <= p.last).sort((a, b) => a.off - b.off);
    let off = 0;
    for (const c of clashes) {
      if (off + need <= c.off) break;
      off = Math.max(off, c.end);
    }
    placed.push({ off, end: off + need, first: it.first, last: it.last });
    offsets.push({ id: it.id, offset: off });
    size = Math.max(size, off + need);
  }
  return { offsets, size };
}
