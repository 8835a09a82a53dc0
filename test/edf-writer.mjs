// A small EDF / EDF+ / BDF writer for the reader's tests (fixtures are written, not downloaded).
// writeEdf({ signals: [{ label, samplesPerRecord, digital: Int32Array (all records), physMin, physMax, digMin, digMax,
//   unit }], recordDuration, nRecords, format: 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF', annotations: per record a list of TAL
//   strings (EDF+: the first is the time-keeping TAL), annotationBytes, headerRecords (what the header claims) })
export function writeEdf(o) {
  const sigs = o.signals.slice();
  const plus = o.format === 'EDF+C' || o.format === 'EDF+D';
  if (plus)
    sigs.push({
      label: 'EDF Annotations',
      samplesPerRecord: o.annotationBytes / 2,
      physMin: -1,
      physMax: 1,
      digMin: -32768,
      digMax: 32767,
      unit: '',
    });
  const ns = sigs.length;
  const sb = o.format === 'BDF' ? 3 : 2;
  const field = (s, n) => String(s).slice(0, n).padEnd(n, ' ');
  let head = '';
  head += o.format === 'BDF' ? 'X' + 'BIOSEMI' : field('0', 8);
  head += field('X X X X', 80) + field('Startdate X X X X', 80) + field('01.01.26', 8) + field('00.00.00', 8);
  head += field(256 * (ns + 1), 8) + field(plus ? o.format : o.format === 'BDF' ? '24BIT' : '', 44);
  head += field(o.headerRecords ?? o.nRecords, 8) + field(o.recordDuration, 8) + field(o.nsOverride ?? ns, 4);
  const per = (key, n) => sigs.map((s) => field(s[key] ?? '', n)).join('');
  head += per('label', 16) + per('transducer', 80) + per('unit', 8) + per('physMin', 8) + per('physMax', 8);
  head +=
    per('digMin', 8) + per('digMax', 8) + per('prefiltering', 80) + per('samplesPerRecord', 8) + per('reserved', 32);
  const recordBytes = sigs.reduce((a, s) => a + s.samplesPerRecord * sb, 0);
  const out = new Uint8Array(head.length + o.nRecords * recordBytes);
  for (let i = 0; i < head.length; i++) out[i] = head.charCodeAt(i) & 0xff;
  if (o.format === 'BDF') out[0] = 0xff;
  let p = head.length;
  for (let r = 0; r < o.nRecords; r++)
    for (const s of sigs) {
      if (s.label === 'EDF Annotations') {
        const text = (o.annotations[r] ?? []).join('');
        for (let k = 0; k < s.samplesPerRecord * sb; k++) out[p + k] = k < text.length ? text.charCodeAt(k) : 0;
        p += s.samplesPerRecord * sb;
        continue;
      }
      for (let j = 0; j < s.samplesPerRecord; j++) {
        const d = s.digital[r * s.samplesPerRecord + j];
        out[p] = d & 0xff;
        out[p + 1] = (d >> 8) & 0xff;
        if (sb === 3) out[p + 2] = (d >> 16) & 0xff;
        p += sb;
      }
    }
  return out;
}

/** A WFDB record's signals as EDF signals: its own digital samples, ±16 mV around each baseline (ranges EDF's
 * 8-character fields hold exactly), so the EDF gain is the WFDB one. */
export function wfdbAsEdfSignals(rec) {
  return rec.signals.map((sg) => ({
    label: sg.name,
    samplesPerRecord: rec.fs,
    physMin: -16,
    physMax: 16,
    digMin: sg.baseline - 16 * sg.gain,
    digMax: sg.baseline + 16 * sg.gain,
    unit: 'mV',
    digital: sg.digital,
  }));
}
