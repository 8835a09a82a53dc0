// Global delineation from several leads: waves of one kind whose midpoints lie within a
// tolerance of each other (P and QRS 60 ms, T 100 ms) form a cluster; a cluster found in at
// least half of the leads becomes one global wave with the median onset and median offset.
import type { Wave } from '../ecg/beats.js';
import { median } from '../dsp/median.js';

const TOL_MS = { P: 60, QRS: 60, T: 100 };

/** Median sample position (members are never empty here; an even count rounds to a sample). */
const medianPos = (v: number[]): number => Math.round(median(v) as number);

export function mergeLeads(perLead: Wave[][], fs: number): Wave[] {
  const need = Math.ceil(perLead.length / 2);
  const out: Wave[] = [];
  for (const kind of ['P', 'QRS', 'T'] as const) {
    const tol = (TOL_MS[kind] * fs) / 1000;
    const all: { w: Wave; lead: number; mid: number }[] = [];
    perLead.forEach((ws, lead) =>
      ws.forEach((w) => {
        if (w.wave === kind) all.push({ w, lead, mid: (w.onset + w.offset) / 2 });
      }),
    );
    all.sort((a, b) => a.mid - b.mid);
    for (let i = 0; i < all.length;) {
      let j = i;
      const seen: Record<number, true> = {}; // a Set, without ES2015
      const members: Wave[] = [];
      while (j < all.length && all[j].mid - all[i].mid <= tol) {
        if (!seen[all[j].lead]) {
          seen[all[j].lead] = true;
          members.push(all[j].w);
        }
        j++;
      }
      if (members.length >= need)
        out.push({
          wave: kind,
          onset: medianPos(members.map((m) => m.onset)),
          offset: medianPos(members.map((m) => m.offset)),
        });
      i = j;
    }
  }
  return out.sort((a, b) => a.onset - b.onset);
}
