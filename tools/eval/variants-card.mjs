// The model card's section on the bundled variant, written from models/boundary.variants.json by
// tools/eval/variants.mjs (--write) and kept by tools/train/select.mjs when it rewrites the card.
export const BEGIN = '<!-- variants -->',
  END = '<!-- /variants -->';

/** Markdown of the variants table (v: the parsed boundary.variants.json), between the markers. */
export function variantsSection(v) {
  return [
    BEGIN,
    '## Bundled variant',
    '',
    `\`boundary_int8.tflite\` is the converter's **${v.chosen}** variant of these weights: ${v.rule}.`,
    `Scores with this engine (wasm backend): LUDB dev lead II macro-F1 (${v.ludbDevWindows} windows), QTDB macro-F1`,
    `(${v.qtdbWindows} protocol windows, every shared record), MIT-BIH devA + devB QRS F1; latency: median wasm ms per`,
    `10-s window, variants alternating in one process (Node ${v.node}).`,
    'Reproduce: `node tools/eval/variants.mjs --ludb ../shared/data/ludb --qtdb ../shared/data/qtdb --mitdb ../shared/data/mitdb --split train-work/data/split.json --write`.',
    '',
    '| variant | LUDB dev II | QTDB | MIT-BIH QRS F1 | wasm ms | within 0.002 of float32 | bytes | sha256 |',
    '|---|---|---|---|---|---|---|---|',
    ...v.variants.map(
      (r) =>
        `| ${r.quant}${r.quant === v.chosen ? ' (bundled)' : ''} | ${r.ludbDevLeadII} | ${r.qtdb} | ${r.mitdbQrsF1} | ` +
        `${r.wasmMs.toFixed(1)} | ${r.withinTolerance ? 'yes' : 'no'} | ${r.bytes} | \`${r.sha256.slice(0, 16)}…\` |`,
    ),
    '',
    'float32: float weights. int8: weight-only (DEQUANTIZE → float kernels). hybrid: int8 weights fed to',
    'FULLY_CONNECTED and CONV_2D, activations quantised on the fly (integer GEMMs). integer: hybrid plus the numerics',
    'hint `batch_matmul=dynamic_int8` (attention products in integers in this engine; other runtimes run them in float).',
    'The numbers elsewhere in this card were measured on the int8 weight-only export when the weights were selected.',
    END,
  ].join('\n');
}

/** The card text with its variants section replaced (or appended). */
export function withVariants(card, v) {
  const a = card.indexOf(BEGIN),
    b = card.indexOf(END);
  const section = variantsSection(v);
  if (a >= 0 && b > a) return card.slice(0, a) + section + card.slice(b + END.length);
  return card.trimEnd() + '\n\n' + section + '\n';
}
