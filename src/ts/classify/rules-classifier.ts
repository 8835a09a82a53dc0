// The hand rules (rules.ts) behind the Classifier interface: selectable with { classifier: 'rules' }.
// Beat rules use the median RR of the beats they are given (the whole recording here).
import { rPeak } from '../ecg/r-peak.js';
import { BEAT_NAMES, RHYTHM_NAMES } from './classes.js';
import { classifyBeats, classifyRhythm } from './rules.js';
import { aamiOfType } from './beat-types.js';
import { afibScore } from './afib.js';
import type { Classifier, ClassifyInput, BeatLabel, RhythmLabel } from './classifier.js';

export const rulesClassifier: Classifier = {
  name: 'rules',
  beats(input: ClassifyInput): BeatLabel[] {
    const { x, fs, delineation: d, spikes } = input;
    const cls = classifyBeats(d.beats, d.waves, fs, spikes);
    return d.beats.map((b, i) => {
      const type = BEAT_NAMES[cls[i]];
      return { r: rPeak(x, b.qrs.onset, b.qrs.offset), cls: cls[i], type, aami: aamiOfType(type), confidence: 1 };
    });
  },
  rhythm(input: ClassifyInput, beats: BeatLabel[]): RhythmLabel {
    const { fs, delineation: d } = input;
    if (!d.beats.length) {
      const afib = afibScore([], [], fs);
      return { rhythm: -1, name: 'unclassified', confidence: 0, reason: 'no beats', afib };
    }
    const r = classifyRhythm(
      d.beats,
      beats.map((b) => b.cls),
      d.waves,
      fs,
    );
    return { rhythm: r.rhythm, name: RHYTHM_NAMES[r.rhythm], confidence: 1, reason: r.reason, afib: r.afib };
  },
};
