// ECG strip as SVG: ECG-paper grid (minor squares 40 ms × 0.1 mV, major 200 ms × 0.5 mV at
// 25 mm/s and 10 mm/mV), the trace, shaded P (red) / QRS (blue) / T (green) spans with onset
// and offset ticks, and a time axis in seconds. Long recordings wrap into rows of 10 s.
import type { Wave } from '../ecg/beats.js';
import { SignalError } from '../errors.js';
import { AAMI_CLASSES } from '../classify/classes.js';
import { escapeXml } from './escape-xml.js';

export interface SvgTrack {
  name: string;
  values: ArrayLike<number>;
  colors: Record<number, string>;
}
/** A beat drawn as a letter above its R peak, coloured by its AAMI class (classify/classes.ts AAMI_CLASSES). */
export interface SvgBeat {
  sample: number;
  label: string;
}
export interface SvgOptions {
  fs: number;
  secondsPerRow?: number;
  maxSeconds?: number;
  /** First second drawn (default 0): the strip shows [fromS, fromS + maxSeconds) with the record's own times. */
  fromS?: number;
  /** Beat marks (samples of the whole signal); RR gaps over `pauseS` between consecutive marks are drawn as pauses. */
  beats?: SvgBeat[];
  /** Shortest RR gap drawn as a pause, s (default 2). */
  pauseS?: number;
  title?: string;
  units?: string;
  tracks?: SvgTrack[];
}
const TRACK_H = 12;

const PX_PER_MM = 4,
  MM_PER_S = 25,
  MM_PER_MV = 10;
const COLORS: Record<Wave['wave'], string> = { P: '#d62728', QRS: '#1f5fd6', T: '#2ca02c' };
const BEAT_COLORS: Record<string, string> = {};
for (const c of AAMI_CLASSES) BEAT_COLORS[c.aami] = c.color; // classify/classes.ts: the one class table

// The plotted range: at least 3 mV, at most MAX_SPAN_MV (a 1e300 sample or raw 24-bit ADC counts would
// otherwise ask for billions of grid lines); taken between the 0.1th and 99.9th percentiles of the finite
// samples, and every sample outside it is drawn clipped to its edge.
const MAX_SPAN_MV = 20;

export function renderSvg(signal: ArrayLike<number>, waves: Wave[], opts: SvgOptions): string {
  const fs = Number(opts && opts.fs);
  if (!(fs > 0 && fs <= 1e6))
    throw new SignalError(`renderSvg: fs must be a positive sampling rate in Hz, got ${opts && opts.fs}`);
  const rowS = Math.min(60, Math.max(1, Number(opts.secondsPerRow ?? 10) || 10));
  // [a0, a0 + n): the drawn samples; every index below is relative to a0 (the view of a long record)
  const a0 = Math.min(Math.max(0, Math.round((Number(opts.fromS) || 0) * fs)), Math.max(0, signal.length - 1));
  const n = Math.min(
    signal.length - a0,
    Math.round(Math.min(3600, Math.max(1 / fs, Number(opts.maxSeconds ?? 60) || 60)) * fs),
  );
  const at = (i: number) => signal[a0 + i];
  const rows = Math.max(1, Math.ceil(n / (rowS * fs)));
  const finite: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = Number(at(i));
    if (Number.isFinite(v)) finite.push(v);
  }
  finite.sort((a, b) => a - b);
  let lo = finite.length ? finite[Math.floor(0.001 * (finite.length - 1))] : -1;
  let hi = finite.length ? finite[Math.ceil(0.999 * (finite.length - 1))] : 1;
  if (!(hi - lo < 1e300)) {
    lo = -1;
    hi = 1;
  }
  const mid = (lo + hi) / 2,
    spanMv = Math.min(MAX_SPAN_MV, Math.max(3, Math.ceil((hi - lo + 0.6) * 2) / 2));
  const tracks = opts.tracks ?? [];
  const W = rowS * MM_PER_S * PX_PER_MM,
    rowH = spanMv * MM_PER_MV * PX_PER_MM,
    top = 28,
    axis = 18 + tracks.length * TRACK_H;
  const H = top + rows * (rowH + axis);
  const x = (i: number) => ((i / fs) % rowS) * MM_PER_S * PX_PER_MM;
  const rowOf = (i: number) => Math.floor(i / (rowS * fs));
  const clip = (v: number) => Math.min(mid + spanMv / 2, Math.max(mid - spanMv / 2, v));
  const y = (v: number, r: number) => top + r * (rowH + axis) + rowH / 2 - (clip(v) - mid) * MM_PER_MV * PX_PER_MM;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
      `font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(
    `<text x="4" y="16" font-size="13">${esc(opts.title ?? 'ECG')} — 25 mm/s, 10 ` +
      `mm/${esc(opts.units ?? 'mV')}; P red, QRS blue, T green</text>`,
  );
  for (let r = 0; r < rows; r++) {
    const y0 = top + r * (rowH + axis);
    const minor: string[] = [],
      major: string[] = [];
    for (let mm = 0; mm <= rowS * MM_PER_S; mm++)
      (mm % 5 ? minor : major).push(`M${mm * PX_PER_MM} ${y0}V${y0 + rowH}`);
    for (let mm = 0; mm <= spanMv * MM_PER_MV; mm++) (mm % 5 ? minor : major).push(`M0 ${y0 + mm * PX_PER_MM}H${W}`);
    out.push(
      `<path d="${minor.join('')}" stroke="#f6c9c9" stroke-width="0.5"/>`,
      `<path d="${major.join('')}" stroke="#e99" stroke-width="1"/>`,
    );
    for (let s = 0; s <= rowS; s++)
      out.push(
        `<text x="${Math.min(W - 24, s * MM_PER_S * PX_PER_MM + 2)}" y="${y0 + rowH + 13}">` +
          `${secondLabel(a0 / fs + r * rowS + s)} s</text>`,
      );
    // Label tracks (e.g. the layered codec's frame / beat / rhythm) as coloured runs under the strip.
    tracks.forEach((t, k) => {
      const ty = y0 + rowH + 16 + k * TRACK_H,
        a = r * rowS * fs,
        b = Math.min(n, (r + 1) * rowS * fs);
      const tv = (i: number) => t.values[a0 + i];
      out.push(`<text x="${W - 4}" y="${ty + 9}" text-anchor="end" font-size="9">${esc(t.name)}</text>`);
      for (let i = a; i < b;) {
        let j = i;
        while (j < b && tv(j) === tv(i)) j++;
        const c = t.colors[tv(i)];
        if (c)
          out.push(
            `<rect class="track track-${esc(t.name)}" x="${x(i).toFixed(1)}" y="${ty}" ` +
              `width="${Math.max(0.5, x(j - 1) - x(i) + (PX_PER_MM * MM_PER_S) / fs).toFixed(1)}" ` +
              `height="${TRACK_H - 3}" fill="${esc(String(c))}"/>`,
          );
        i = j;
      }
    });
  }
  for (const wave of waves) {
    const w = { wave: wave.wave, onset: wave.onset - a0, offset: wave.offset - a0 };
    if (!(w.onset >= 0 && w.onset < n && w.offset >= w.onset)) continue;
    const r = rowOf(w.onset),
      y0 = top + r * (rowH + axis);
    const x0 = x(w.onset),
      x1 = rowOf(w.offset) === r ? x(w.offset) + (PX_PER_MM * MM_PER_S) / fs : W;
    const c = COLORS[w.wave] ?? '#777';
    out.push(
      `<rect class="wave wave-${esc(String(w.wave))}" x="${x0.toFixed(1)}" y="${y0}" ` +
        `width="${Math.max(1, x1 - x0).toFixed(1)}" height="${rowH}" fill="${c}" fill-opacity="0.16"/>`,
    );
    out.push(
      `<path d="M${x0.toFixed(1)} ${y0}v8M${x0.toFixed(1)} ${y0 + rowH}v-8M${x1.toFixed(1)} ` +
        `${y0}v8M${x1.toFixed(1)} ${y0 + rowH}v-8" stroke="${c}" stroke-width="1.5"/>`,
    );
  }
  for (let r = 0; r < rows; r++) {
    const a = r * rowS * fs,
      b = Math.min(n, (r + 1) * rowS * fs);
    const pts: string[] = [];
    for (let i = a; i < b; i++) if (Number.isFinite(at(i))) pts.push(`${x(i).toFixed(1)},${y(at(i), r).toFixed(1)}`);
    out.push(`<polyline fill="none" stroke="#111" stroke-width="1.2" points="${pts.join(' ')}"/>`);
  }
  // Beat marks above the R peaks, and pauses (an RR gap over pauseS) as a bar with its length
  const marks = opts.beats ?? [];
  const pauseS = Number(opts.pauseS ?? 2) || 2;
  for (let k = 0; k < marks.length; k++) {
    const i = marks[k].sample - a0;
    if (i >= 0 && i < n) {
      const r = rowOf(i),
        y0 = top + r * (rowH + axis);
      const label = String(marks[k].label).slice(0, 3);
      const c = BEAT_COLORS[label] ?? BEAT_COLORS.Q;
      out.push(
        `<text class="beat-mark beat-${esc(label)}" x="${x(i).toFixed(1)}" y="${y0 + 11}" text-anchor="middle" ` +
          `font-size="10" font-weight="bold" fill="${c}">${esc(label)}</text>`,
      );
    }
    if (k === 0) continue;
    const p = marks[k - 1].sample - a0;
    const gapS = (i - p) / fs;
    if (gapS < pauseS || i < 0 || p >= n) continue;
    // a pause may span rows: one bar per row it crosses
    for (let r = rowOf(Math.max(0, p)); r <= rowOf(Math.min(n - 1, i)); r++) {
      const from = Math.max(p, r * rowS * fs, 0),
        to = Math.min(i, (r + 1) * rowS * fs - 1, n - 1);
      const y0 = top + r * (rowH + axis);
      out.push(
        `<rect class="pause" x="${x(from).toFixed(1)}" y="${y0 + 14}" ` +
          `width="${Math.max(1, x(to) - x(from)).toFixed(1)}" height="4" fill="#c00" fill-opacity="0.5"/>`,
        `<text class="pause-label" x="${((x(from) + x(to)) / 2).toFixed(1)}" y="${y0 + 28}" text-anchor="middle" ` +
          `font-size="10" fill="#c00">pause ${gapS.toFixed(1)} s</text>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Seconds on the axis: whole numbers as such, else one decimal. */
function secondLabel(s: number): string {
  const r = Math.round(s * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

const esc = escapeXml;
