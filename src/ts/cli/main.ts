// The `openecg` command line: a table of commands, each with its declared options and help.
// Errors become one line on stderr with a non-zero exit code (2 for usage, 1 for everything else).
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { OpenEcgError } from '../errors.js';
import { parseArgs, commandHelp, UsageError, COMMON_OPTIONS, type Args, type OptionSpec } from './args.js';
import { evalCommand } from './eval-command.js';
import { delineateCommand, demoCommand, reportCommand } from './delineate-command.js';
import { batchCommand } from './batch-command.js';
import { beatsCommand } from './beats-command.js';
import { holterCommand } from './holter-command.js';
import { version } from './version.js';
import { printable } from './warnings.js';
import '../node.js';

interface Command {
  usage: string;
  about: string;
  options: OptionSpec[];
  run(a: Args): number | Promise<number>;
}

const FS: OptionSpec = { name: 'fs', value: 'Hz', help: 'sampling rate (needed for CSV and .npy)' };
const LEAD: OptionSpec = { name: 'lead', value: 'name|index|all', help: "which lead (default 'ii', else the first)" };
const ONE_LEAD: OptionSpec = { name: 'lead', value: 'name|index', help: "which lead (default 'ii', else the first)" };
const SVG: OptionSpec = { name: 'svg', value: 'out.svg', help: 'also draw an ECG-paper strip with the waves' };

const COMMANDS: Record<string, Command> = {
  delineate: {
    usage: 'openecg delineate <file.hea|.csv|.npy> [options]',
    about:
      'P, QRS and T waves, beats and intervals of one lead (or of all leads: --lead all gives the ' +
      'multi-lead delineation).',
    options: [FS, LEAD, { name: 'format', value: 'json|csv|tokens', help: 'output format (default json)' }, SVG],
    run: delineateCommand,
  },
  report: {
    usage: 'openecg report <file.hea|.csv|.npy> [options]',
    about: 'Rhythm, heart rate, beat types, intervals, AFib and pacing checks of one lead.',
    options: [
      FS,
      ONE_LEAD,
      { name: 'json', help: 'print the report as JSON (every beat in beats.events)' },
      { name: 'events', value: 'N', help: 'json: at most N beat events (the flag beat_events_truncated says so)' },
      SVG,
    ],
    run: reportCommand,
  },
  beats: {
    usage: 'openecg beats <file.hea|.csv|.npy> [options]',
    about: 'One row per beat: R peak, QRS onset/offset (samples and seconds), beat type and AAMI class (N S V F Q).',
    options: [
      FS,
      ONE_LEAD,
      { name: 'format', value: 'json|csv|wfdb', help: 'output format (default json; wfdb: an annotation file)' },
      { name: 'annotator', value: 'name', help: "wfdb: annotator name, the file's extension (default oecg)" },
      { name: 'out', value: 'file', help: 'wfdb: where to write it (default <record>.<annotator> here)' },
    ],
    run: beatsCommand,
  },
  holter: {
    usage: 'openecg holter <file.hea|.edf|.csv|.npy> [options]',
    about:
      'Holter summary of a long recording: rhythm episodes, ectopy per class and hour, heart rate, pauses, AF ' +
      'burden, HRV.',
    options: [
      FS,
      ONE_LEAD,
      { name: 'json', help: 'print the summary as JSON (every episode, the per-beat rate trend)' },
      { name: 'html', value: 'out.html', help: 'also write a self-contained page (charts, tables, a strip per kind)' },
    ],
    run: holterCommand,
  },
  batch: {
    usage: 'openecg batch <dir | list file | glob> --out results.jsonl [options]',
    about:
      'One JSON line per recording (the report of one lead), in sorted path order.\n' +
      'Unreadable recordings are logged and written as { ok: false, error } lines.\n' +
      'docs/scale-out.md: recipes for Kubernetes Indexed Jobs, Slurm arrays and GNU parallel.',
    options: [
      { name: 'out', value: 'results.jsonl', help: 'output file (JSON lines)' },
      { name: 'shard', value: 'k/n', help: 'only the k-th of n contiguous blocks (0 ≤ k < n)' },
      { name: 'workers', value: 'N', help: 'worker threads (default 1)' },
      { name: 'resume', help: 'keep the complete lines of an existing --out and do the rest' },
      { name: 'force', help: 'overwrite an existing --out (without it, an existing file is refused)' },
      { name: 'waves', help: 'also write every wave' },
      { ...FS, help: 'sampling rate of CSV/.npy inputs (without it only WFDB records are taken)' },
      ONE_LEAD,
    ],
    run: batchCommand,
  },
  demo: {
    usage: 'openecg demo [options]',
    about: 'Delineates the bundled LUDB sample and prints beats, intervals and tokens.',
    options: [
      { name: 'lead', value: 'name|index', help: "which lead (default 'ii')" },
      { ...SVG, help: 'where to draw the strip (default: a new temporary folder, printed)' },
    ],
    run: demoCommand,
  },
  eval: {
    usage: 'openecg eval <dir> --protocol ludb|qtdb|mitdb|ec57|cinc2017 [options]',
    about: 'Scores the model on an annotated database (docs/evaluation.md).',
    options: [
      {
        name: 'protocol',
        value: 'ludb|qtdb|mitdb|ec57|cinc2017',
        help: 'evaluation protocol (default ludb; ec57 = bxb rules)',
      },
      { name: 'annotator', value: 'name', help: "ec57: score the records' <rec>.<name> files instead of openecg" },
      { name: 'from', value: 's', help: 'ec57: start of the comparison in seconds (300, the learning period)' },
      { name: 'window', value: 's', help: 'ec57: match window in seconds (0.15)' },
      {
        name: 'lead',
        value: 'name|index|all',
        help: "ludb: 'ii' (default) or 'all'; mitdb, ec57: signal name or index (default 0)",
      },
      {
        name: 'records',
        value: 'a,b,… | devA | devB',
        help: 'only these records (mitdb, ec57, cinc2017: also a named development split)',
      },
      { name: 'predictions', value: 'p.json', help: 'score these boundaries instead of running the model' },
      { name: 'write-truth', value: 't.json', help: 'write the ground truth boundaries' },
      { name: 'min-t-ratio', value: 'x', help: 'qtdb: keep records whose T_on/QRS_on ratio is at least x (0.8)' },
      { name: 'json', help: 'print JSON' },
    ],
    run: evalCommand,
  },
};

export { version };

function usage(): string {
  const w = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return (
    [
      'usage: openecg <command> [options]',
      '',
      'commands:',
      ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(w)}  ${c.about.split('\n')[0]}`),
      '',
      'every command: --backend auto|js|wasm|wasm-relaxed, --model m.tflite|micro, --help',
      "'openecg <command> --help' for its options; 'openecg --version'",
    ].join('\n') + '\n'
  );
}

function fail(e: unknown): number {
  const err = e as Error & { code?: string };
  // messages name files and labels from the data: control characters are shown escaped, never sent to the terminal
  if (err instanceof UsageError) {
    process.stderr.write(`${printable(err.message)}\n`);
    return 2;
  }
  if (err instanceof OpenEcgError) {
    process.stderr.write(`openecg: ${printable(err.message)}\n`);
    return 1;
  }
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    process.stderr.write(`openecg: ${printable(err.message)}\n`);
    return 1;
  }
  process.stderr.write(
    `openecg: internal error: ${printable(err && err.message ? err.message : String(err))} (please report it)\n`,
  );
  return 70;
}

export function main(argv: string[]): number | Promise<number> {
  endQuietlyOnClosedPipe();
  const cmd = argv[0];
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(usage());
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const c = COMMANDS[cmd];
  if (!c) {
    process.stderr.write(`openecg: unknown command '${printable(cmd)}'; see 'openecg --help'\n`);
    return 2;
  }
  try {
    const a = parseArgs(argv, [...c.options, ...COMMON_OPTIONS], `openecg ${cmd}`);
    if (a.help) {
      process.stdout.write(commandHelp(c.usage, c.about, [...c.options, ...COMMON_OPTIONS]));
      return 0;
    }
    const r = c.run(a);
    return typeof r === 'number' ? r : r.catch(fail);
  } catch (e) {
    return fail(e);
  }
}
