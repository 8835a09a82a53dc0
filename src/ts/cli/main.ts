// The `openecg` command line. Errors become one line on stderr and a non-zero exit code.
import { OpenEcgError } from '../errors.js';
import { parseArgs } from './args.js';
import { evalCommand } from './eval-command.js';
import { delineateCommand, demoCommand, reportCommand } from './delineate-command.js';
import '../node.js';

const USAGE = `usage: openecg <command> [options]
  delineate <file.hea|.csv|.npy> [--fs N] [--lead ii|0] [--format json|csv|tokens] [--svg out.svg] [--model m.tflite]
  report <file> [--fs N] [--lead ii] [--json] [--svg out.svg]   rhythm, heart rate, beats, intervals, AFib/pacing checks
  (all commands: --backend auto|js|wasm|wasm-relaxed; js = the bit-exact reference, wasm = the same bytes, faster)
  demo [--svg demo.svg]                 delineate the bundled LUDB sample, print beats, intervals and tokens
  eval <dir> --protocol ludb|qtdb|mitdb [--lead ii|all] [--records 1,2,3|devA|devB] [--model m.tflite]
             [--predictions p.json] [--write-truth t.json] [--min-t-ratio 0.8] [--json]`;

export function main(argv: string[]): number {
  const a = parseArgs(argv, ['json', 'help']);
  const cmd = a._[0];
  try {
    if (!cmd || a.help) { process.stdout.write(USAGE + '\n'); return cmd ? 0 : 2; }
    if (cmd === 'eval') return evalCommand(a);
    if (cmd === 'delineate') return delineateCommand(a);
    if (cmd === 'demo') return demoCommand(a);
    if (cmd === 'report') return reportCommand(a);
    process.stderr.write(`openecg: unknown command '${cmd}'\n${USAGE}\n`);
    return 2;
  } catch (e) {
    const err = e as Error;
    if (err instanceof OpenEcgError || (err && (err as any).code === 'ENOENT')) { process.stderr.write(`openecg: ${err.message}\n`); return 1; }
    throw e;
  }
}
