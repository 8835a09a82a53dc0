// A one-line progress bar on stderr, shown only when stderr is a terminal.
export function progress(label: string, enabled: boolean): { tick(done: number, total: number): void; end(): void } {
  const on = enabled && !!process.stderr.isTTY;
  let last = -1;
  return {
    tick(done, total) {
      if (!on) return;
      const pct = Math.floor((100 * done) / Math.max(1, total));
      if (pct === last) return;
      last = pct;
      const w = 30,
        fill = Math.round((w * done) / Math.max(1, total));
      process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${done}/${total}`);
    },
    end() {
      if (on) process.stderr.write('\n');
    },
  };
}
