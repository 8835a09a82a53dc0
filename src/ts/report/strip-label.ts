// The wearable question for a short single-lead strip (the CinC 2017 challenge's classes), answered from the report:
//   '~' too noisy: the quality gate found no ECG;
//   'A' atrial fibrillation: the rhythm is AFib or the AFib rule holds in most windows;
//   'N' normal: sinus rhythm at 50–100 bpm with at most STRIP_MAX_ECTOPIC_SHARE of the beats ectopic (VPC/SVEB);
//   'O' any other rhythm (brady/tachycardia, ectopy, block, bundle branch block, paced, ventricular).
// The rate limits are the usual definition of normal sinus rhythm; the ectopy share was set on the CinC 2017
// development records (eval --protocol cinc2017).
import type { EcgReport } from './report.js';

export type StripLabel = 'N' | 'A' | 'O' | '~';
export const STRIP_MAX_ECTOPIC_SHARE = 0.2;

export function stripLabel(r: EcgReport): StripLabel {
  if (!r.quality.ecgFound) return '~';
  if (r.rhythm.label === 'afib' || r.afib.isAfib) return 'A';
  const bpm = r.heartRate.bpm;
  const ectopic = (r.beats.byType.vpc ?? 0) + (r.beats.byType.sveb ?? 0);
  const share = r.beats.count ? ectopic / r.beats.count : 1;
  if (r.rhythm.label === 'sinus' && bpm !== null && bpm >= 50 && bpm <= 100 && share <= STRIP_MAX_ECTOPIC_SHARE)
    return 'N';
  return 'O';
}
