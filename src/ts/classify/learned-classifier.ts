// The learned beat and rhythm classifiers (the original's codec heads, specification §6.4–6.5, rebuilt as
// small MLPs over delineation features; trained by tools/classify, shipped as int8 .tflite files that
// this project's engine runs, bit-identical on the JS and WASM backends).
//  beat    beat-features.ts → beat model → argmax over BEAT_MODEL_CLASSES; a pacer stimulus attached to
//          the beat (pacer.ts, 0 false positives on LUDB) makes it paced whatever the model says, since
//          the training data hold paced beats of only one person. Inside a 10-s stretch whose rhythm the rhythm
//          model calls AFib and where P waves precede fewer than 20 % of the beats, a beat called sveb becomes
//          sinus: "premature" has no meaning without an organised atrial rhythm (MIT-BIH labels the beats of AFib
//          N), and the irregular RR of AFib looks premature. (The P-wave condition keeps runs of atrial
//          premature beats, which the rhythm model can mistake for AFib but which keep their P waves.)
//  rhythm  rhythm-features.ts → rhythm model → argmax over the six rhythm classes; a window without
//          beats is 'unclassified'.
import type { Model, Backend } from '../engine/model.js';
import { loadModelSync } from '../engine/model.js';
import { rPeak } from '../ecg/r-peak.js';
import { BEAT, BEAT_NAMES, RHYTHM, RHYTHM_NAMES } from './classes.js';
import { BEAT_MODEL_TO_BEAT } from './beat-classes.js';
import { beatFeatures, BEAT_FEATURES } from './beat-features.js';
import { rhythmFeatures, windowAfib, RHYTHM_FEATURES } from './rhythm-features.js';
import { aamiOfType } from './beat-types.js';
import { rulesClassifier } from './rules-classifier.js';
import { decodeBase64 } from '../io/base64.js';
import { BEAT_MODEL_B64, RHYTHM_MODEL_B64 } from './embedded-models.js';
import { ModelError } from '../errors.js';
import { windowOf, type Classifier, type ClassifyInput, type BeatLabel, type RhythmLabel } from './classifier.js';

const SPIKE_BEFORE_S = 0.1;
const SPIKE_AFTER_S = 0.03;
const AFIB_STRETCH_S = 10;
const AFIB_MAX_P_FRACTION = 0.2;

export class LearnedClassifier implements Classifier {
  readonly name = 'learned' as const;
  constructor(
    private readonly beatModel: Model,
    private readonly rhythmModel: Model | null,
  ) {
    checkShape(beatModel, BEAT_FEATURES, BEAT_MODEL_TO_BEAT.length, 'beat');
    if (rhythmModel) checkShape(rhythmModel, RHYTHM_FEATURES, RHYTHM_NAMES.length, 'rhythm');
  }

  beats(input: ClassifyInput): BeatLabel[] {
    const { x, fs, delineation: d, spikes } = input;
    const rs = d.beats.map((b) => rPeak(x, b.qrs.onset, b.qrs.offset));
    const f = beatFeatures(input, rs); // [nBeats, BEAT_FEATURES]
    let s = 0;
    const labels = d.beats.map((b, i): BeatLabel => {
      const p = this.beatModel.run([f.subarray(i * BEAT_FEATURES, (i + 1) * BEAT_FEATURES)])[0];
      let k = 0;
      for (let j = 1; j < p.length; j++) if (p[j] > p[k]) k = j;
      let cls: number = BEAT_MODEL_TO_BEAT[k];
      let confidence = p[k];
      while (s < spikes.length && spikes[s] < b.qrs.onset - SPIKE_BEFORE_S * fs) s++;
      if (s < spikes.length && spikes[s] <= b.qrs.onset + SPIKE_AFTER_S * fs) {
        cls = BEAT.PACED;
        confidence = 1;
      }
      const type = BEAT_NAMES[cls];
      const modelCls = cls;
      return {
        r: rs[i],
        cls,
        type,
        aami: aamiOfType(type),
        confidence: Math.round(confidence * 1000) / 1000,
        modelCls,
      };
    });
    if (this.rhythmModel) this.noSvebInAfib(input, labels);
    return labels;
  }

  /** sveb → sinus inside consecutive 10-s stretches whose rhythm is AFib (see the header). */
  private noSvebInAfib(input: ClassifyInput, labels: BeatLabel[]): void {
    const n = input.x.length;
    const step = Math.round(AFIB_STRETCH_S * input.fs);
    const beats = input.delineation.beats;
    const sveb = labels.filter((l) => l.cls === BEAT.SVEB);
    // Only stretches holding a whole sveb beat can change: the others are not looked at (long recordings).
    const stretches: number[] = [];
    beats.forEach((b, i) => {
      const k = Math.floor(b.qrs.onset / step);
      if (
        labels[i].cls === BEAT.SVEB &&
        b.qrs.offset < Math.min(n, (k + 1) * step) &&
        stretches[stretches.length - 1] !== k
      )
        stretches.push(k);
    });
    for (const k of stretches) {
      const a = k * step;
      const w = windowOf(input, labels, a, Math.min(n, a + step));
      if (w.labels.length < 2) continue;
      const withP = w.input.delineation.beats.filter((b) => b.p).length;
      if (withP >= AFIB_MAX_P_FRACTION * w.labels.length) continue;
      if (this.rhythm(w.input, w.labels).rhythm !== RHYTHM.AFIB) continue;
      for (const l of sveb) {
        if (l.cls !== BEAT.SVEB || l.r < a || l.r >= a + step) continue;
        l.cls = BEAT.SINUS;
        l.type = BEAT_NAMES[BEAT.SINUS];
        l.aami = aamiOfType(l.type);
      }
    }
  }

  rhythm(input: ClassifyInput, beats: BeatLabel[]): RhythmLabel {
    if (!this.rhythmModel) return rulesClassifier.rhythm(input, beats);
    const d = input.delineation;
    const afib = windowAfib(input);
    if (d.beats.length < 2)
      return { rhythm: -1, name: 'unclassified', confidence: 0, reason: 'fewer than 2 beats', afib };
    const p = this.rhythmModel.run([rhythmFeatures(input, beats, afib)])[0];
    let k = 0;
    for (let j = 1; j < p.length; j++) if (p[j] > p[k]) k = j;
    return {
      rhythm: k,
      name: RHYTHM_NAMES[k],
      confidence: Math.round(p[k] * 1000) / 1000,
      reason: 'rhythm model',
      afib,
    };
  }
}

function checkShape(m: Model, nIn: number, nOut: number, what: string): void {
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  if (
    m.inputs.length !== 1 ||
    size(m.inputs[0].shape) !== nIn ||
    m.outputs.length !== 1 ||
    size(m.outputs[0].shape) !== nOut
  ) {
    throw new ModelError(`${what} model must map ${nIn} features to ${nOut} class probabilities`);
  }
}

/** The bundled learned classifier (embedded models) on the given backend. */
export function bundledLearnedClassifier(backend: Backend = 'auto'): LearnedClassifier {
  const beat = loadModelSync(decodeBase64(BEAT_MODEL_B64), { backend });
  const rhythm = RHYTHM_MODEL_B64 ? loadModelSync(decodeBase64(RHYTHM_MODEL_B64), { backend }) : null;
  return new LearnedClassifier(beat, rhythm);
}
