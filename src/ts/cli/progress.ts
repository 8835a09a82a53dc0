// A one-line progress report on stderr: done / total, rate and time left. Shown only when stderr is a
// terminal (never in a pipe or a log file) and the command was not given --quiet; redrawn at most ~10 times
// a second, and not at all for work that ends within its first second.
export interface Progress {
  tick(done: number, total: number): void;
  /** A line of its own on stderr (always printed), the progress line redrawn after it. */
  note(text: string): void;
  end(): void;
}

/** The text of one progress line (no terminal codes besides the leading carriage return the caller adds). */
export function progressLine(label: string, done: number, total: number, elapsedS: number, unit = 'windows'): string {
  const t = Math.max(1, total);
  const w = 24;
  const fill = Math.min(w, Math.round((w * done) / t));
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const left = rate > 0 ? Math.max(0, (total - done) / rate) : NaN;
  return (
    `${label} [${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${Math.floor(done)}/${total} ${unit}` +
    (rate > 0 ? `, ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}/s, ETA ${clock(left)}` : '')
  );
}

function clock(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const r = Math.round(s);
  const h = Math.floor(r / 3600);
  const m = Math.floor((r % 3600) / 60);
  const ss = String(r % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function progress(label: string, enabled: boolean, unit = 'windows'): Progress {
  const on = enabled && !!process.stderr.isTTY;
  const start = Date.now();
  let lastDraw = 0;
  let drawn = false;
  let width = 0;
  return {
    tick(done, total) {
      if (!on) return;
      const now = Date.now();
      if (now - start < 1000 || (now - lastDraw < 100 && done < total)) return;
      lastDraw = now;
      const line = progressLine(label, done, total, (now - start) / 1000, unit);
      process.stderr.write(`\r${line.padEnd(width)}`);
      width = line.length;
      drawn = true;
    },
    note(text) {
      process.stderr.write((drawn ? `\r${' '.repeat(width)}\r` : '') + text + '\n');
      width = 0;
      lastDraw = 0;
    },
    end() {
      if (drawn) process.stderr.write('\n');
    },
  };
}
