// Argument parsing against a command's declared options: positionals, --flag, --key value, --key=value.
// An option the command does not declare, or a value-taking option without its value, is a one-line
// UsageError (exit 2) — never silently ignored.
import { OpenEcgError } from '../errors.js';

export interface Args {
  _: string[];
  [k: string]: string | boolean | string[];
}

/** One option of a command: `value` names what it takes (omitted for a boolean flag). */
export interface OptionSpec {
  name: string;
  value?: string;
  help: string;
}

export class UsageError extends OpenEcgError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec[] = [
  { name: 'help', help: 'show this help' },
  { name: 'backend', value: 'auto|js|wasm|wasm-relaxed', help: 'engine backend (js and wasm give the same bytes)' },
  {
    name: 'model',
    value: 'file.tflite|micro',
    help: "a boundary model instead of the bundled one ('micro': the small model)",
  },
  { name: 'classifier', value: 'learned|rules', help: 'beat and rhythm classifier (default learned)' },
  { name: 'quiet', help: 'no progress line on stderr (it is shown only on a terminal, for work over a second)' },
];

function closest(word: string, names: string[]): string | null {
  let best: string | null = null,
    bestD = 3;
  for (const n of names) {
    const d = editDistance(word, n);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

export function parseArgs(argv: string[], specs: OptionSpec[] = [], command = 'openecg'): Args {
  const out: Args = { _: [] };
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || a === '--') {
      if (a !== '--') out._.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = byName.get(key);
    if (!spec) {
      const near = closest(
        key,
        specs.map((s) => s.name),
      );
      throw new UsageError(
        `${command}: unknown option --${key}${near ? ` (did you mean --${near}?)` : ''}; see '${command} --help'`,
      );
    }
    if (!spec.value) {
      if (eq > 0) throw new UsageError(`${command}: --${key} takes no value`);
      out[key] = true;
      continue;
    }
    if (eq > 0) out[key] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else throw new UsageError(`${command}: --${key} needs a value (${spec.value})`);
    if (out[key] === '') throw new UsageError(`${command}: --${key} needs a value (${spec.value})`);
  }
  return out;
}

/** Help text of one command from its usage line and option specs. */
export function commandHelp(usage: string, about: string, specs: OptionSpec[]): string {
  const rows = specs.map((s) => [`--${s.name}${s.value ? ` <${s.value}>` : ''}`, s.help]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return (
    [`usage: ${usage}`, '', about, '', 'options:', ...rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`)].join('\n') + '\n'
  );
}
