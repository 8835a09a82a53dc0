// The Holter summary as one self-contained HTML page: no script, no network (a Content-Security-Policy that allows
// nothing but inline styles), every text from the data escaped. Headline, heart-rate trend, RR tachogram, beat
// classes per hour, the episode list, and an ECG strip of the worst episode of each kind (strips are SVG made by
// report/svg.ts and passed in).
import type { HolterSummary, HolterEpisode } from './holter.js';
import { clock } from './holter.js';
import { AAMI_CLASSES } from '../classify/classes.js';
import { escapeXml } from './escape-xml.js';

export interface HolterPageOptions {
  title: string;
  /** One strip per episode kind: the SVG of its worst episode. */
  strips: { kind: string; startS: number; svg: string }[];
}

const MAX_EPISODE_ROWS = 500;
const MAX_POINTS = 3000;

const esc = escapeXml;

const KIND_NAMES: Record<HolterEpisode['kind'], string> = {
  af: 'atrial fibrillation',
  paced: 'paced rhythm',
  ventricular_rhythm: 'ventricular rhythm',
  vt: 'ventricular tachycardia',
  idioventricular: 'idioventricular run',
  couplet: 'ventricular couplet',
  svt: 'supraventricular tachycardia',
  bigeminy: 'bigeminy',
  trigeminy: 'trigeminy',
  pause: 'pause',
  sinus_bradycardia: 'sinus bradycardia',
  sinus_tachycardia: 'sinus tachycardia',
  noise: 'noise / unreadable',
};

/** The worst episode of each kind: the longest (a pause, AF, noise) or the one of most beats (runs). */
export function worstEpisodes(s: HolterSummary): HolterEpisode[] {
  const best: Record<string, HolterEpisode> = {};
  for (const e of s.episodes) {
    const b = best[e.kind];
    const size = (x: HolterEpisode) => (x.beats > 0 ? x.beats : x.endS - x.startS);
    if (!b || size(e) > size(b)) best[e.kind] = e;
  }
  return Object.keys(best).map((k) => best[k]);
}

interface ChartOptions {
  w: number;
  h: number;
  yMin: number;
  yMax: number;
  xMax: number;
  label: string;
  unit: string;
  dots?: boolean;
}

/** A line (or dot) chart of (x, y) points in a w × h box; null y values break the line. */
function chart(xs: number[], ys: (number | null)[], o: ChartOptions): string {
  const step = Math.max(1, Math.ceil(xs.length / MAX_POINTS));
  const X = (x: number) => (40 + (x / Math.max(1e-9, o.xMax)) * (o.w - 50)).toFixed(1);
  const clampY = (y: number) => Math.min(o.yMax, Math.max(o.yMin, y));
  const Y = (y: number) => (o.h - 20 - ((clampY(y) - o.yMin) / (o.yMax - o.yMin)) * (o.h - 30)).toFixed(1);
  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1 && !o.dots)
      parts.push(`<polyline fill="none" stroke="#1f5fd6" stroke-width="1" points="${run.join(' ')}"/>`);
    run = [];
  };
  for (let i = 0; i < xs.length; i += step) {
    const y = ys[i];
    if (y === null || y === undefined) {
      flush();
      continue;
    }
    if (o.dots) parts.push(`<rect x="${X(xs[i])}" y="${Y(y)}" width="1.5" height="1.5" fill="#1f5fd6"/>`);
    else run.push(`${X(xs[i])},${Y(y)}`);
  }
  flush();
  const ticks: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = o.yMin + ((o.yMax - o.yMin) * k) / 4;
    ticks.push(
      `<text x="2" y="${Number(Y(v)) + 4}" font-size="10">${Math.round(v)}</text>`,
      `<path d="M40 ${Y(v)}H${o.w - 10}" stroke="#eee"/>`,
    );
  }
  for (let hh = 0; hh <= Math.floor(o.xMax / 3600); hh++)
    ticks.push(`<text x="${X(hh * 3600)}" y="${o.h - 5}" font-size="10">${hh} h</text>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${o.w}" height="${o.h}" ` +
    `viewBox="0 0 ${o.w} ${o.h}" role="img" aria-label="${esc(o.label)}">` +
    `<text x="44" y="12" font-size="11">${esc(o.label)} (${esc(o.unit)})</text>${ticks.join('')}${parts.join('')}` +
    '</svg>'
  );
}

const row = (cells: unknown[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;

export function holterHtml(s: HolterSummary, o: HolterPageOptions): string {
  const rr = s.trend.bpm.map((b) => (b === null ? null : Math.round(60000 / b)));
  const dash = (v: number | null) => (v === null ? '—' : v);
  const hourRows = s.hours
    .map((h) =>
      row([
        h.hour,
        clock(h.startS),
        h.beats,
        ...AAMI_CLASSES.map((c) => h.byClass[c.aami]),
        h.byClass.paced,
        dash(h.bpm.min),
        dash(h.bpm.mean),
        dash(h.bpm.max),
        h.pauses,
      ]),
    )
    .join('\n');
  const kindName = (k: string) => esc(KIND_NAMES[k as HolterEpisode['kind']] ?? k);
  const eps = s.episodes.slice(0, MAX_EPISODE_ROWS);
  const episodeRows = eps
    .map(
      (e) =>
        `<tr class="episode episode-${esc(e.kind)}">` +
        [kindName(e.kind), clock(e.startS), (e.endS - e.startS).toFixed(1), e.beats, dash(e.bpm)]
          .map((c) => `<td>${c}</td>`)
          .join('') +
        '</tr>',
    )
    .join('\n');
  const more =
    s.episodes.length > eps.length
      ? `<p>… and ${s.episodes.length - eps.length} more episodes (the JSON has them all).</p>`
      : '';
  const strips = o.strips
    .map(
      (st) =>
        `<figure class="strip"><figcaption>${kindName(st.kind)} at ${clock(st.startS)}</figcaption>${st.svg}</figure>`,
    )
    .join('\n');
  const hr = s.heartRate;
  const hrv = s.hrv;
  const at = (m: { bpm: number; atS: number } | null) => (m ? `${m.bpm} at ${clock(m.atS)}` : '—');
  const box = { w: 1000, h: 180, xMax: s.durationS };
  const tens = s.trend.every10s.map((_, k) => 10 * k + 5);
  const unit = (v: number | null, u: string) => (v === null ? '—' : `${v} ${u}`);
  const rates = [
    unit(hr.mean, 'bpm'),
    at(hr.minMinute),
    at(hr.maxMinute),
    dash(hr.minBeat),
    dash(hr.maxBeat),
    unit(hrv.sdnnMs, 'ms'),
    unit(hrv.sdannMs, 'ms'),
    unit(hrv.rmssdMs, 'ms'),
    unit(hrv.pnn50, '%'),
    `${(100 * s.afBurden).toFixed(1)} %`,
  ];
  const rateHead = ['mean', 'minute min', 'minute max', 'beat min', 'beat max', 'SDNN', 'SDANN', 'RMSSD', 'pNN50'];
  const hourHead = ['hour', 'from', 'beats', ...AAMI_CLASSES.map((c) => c.aami), 'paced', 'min bpm', 'mean bpm'];
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${esc(o.title)} — Holter summary</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #111; max-width: 1100px; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 1.5rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
td, th { border: 1px solid #ddd; padding: 2px 8px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.headline p { margin: .2rem 0; font-weight: 600; }
.strip svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
#episodes { max-height: 420px; overflow: auto; display: block; }
</style>
</head>
<body>
<h1>${esc(o.title)} — Holter summary</h1>
<div class="headline">${s.headline.map((l) => `<p>${esc(l)}</p>`).join('')}</div>
<h2>Heart rate and HRV</h2>
<table id="rates">${row([...rateHead, 'AF burden'], 'th')}
${row(rates)}</table>
<h2>Heart-rate trend</h2>
${chart(tens, s.trend.every10s, { ...box, yMin: 30, yMax: 200, label: 'heart rate, 10-s means', unit: 'bpm' })}
<h2>RR tachogram</h2>
${chart(s.trend.tS, rr, { ...box, yMin: 200, yMax: 2400, label: 'RR interval', unit: 'ms', dots: true })}
<h2>Beats per hour</h2>
<table id="hours">${row([...hourHead, 'max bpm', 'pauses'], 'th')}
${hourRows}
</table>
<h2>Episodes (${s.episodes.length})</h2>
<table id="episodes">${row(['kind', 'at', 'duration (s)', 'beats', 'bpm'], 'th')}
${episodeRows}
</table>
${more}
<h2>The worst episode of each kind</h2>
${strips}
</body>
</html>
`;
}
