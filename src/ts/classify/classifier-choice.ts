// Which beat/rhythm classifier an entry point runs: 'learned' (default), 'rules', or the caller's own object. Shared by
// the Node/browser facade (inference.ts) and the ES5 one (es5-inference.ts).
import { OpenEcgError } from '../errors.js';
import type { Backend } from '../engine/model.js';
import type { Classifier } from './classifier.js';
import { rulesClassifier } from './rules-classifier.js';
import { bundledLearnedClassifier } from './learned-classifier.js';

export type ClassifierChoice = 'learned' | 'rules' | Classifier;

export function classifierFor(choice: ClassifierChoice | undefined, backend: Backend): Classifier {
  if (choice && typeof choice === 'object') return choice;
  if (choice === 'rules') return rulesClassifier;
  if (choice !== undefined && choice !== 'learned')
    throw new OpenEcgError(`unknown classifier '${String(choice)}' (learned or rules)`);
  return bundledLearnedClassifier(backend);
}
