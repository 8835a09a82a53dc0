// Minimal argument parser: positionals, --flag, --key value, --key=value.
export interface Args { _: string[]; [k: string]: string | boolean | string[] }

export function parseArgs(argv: string[], booleans: string[] = []): Args {
  const out: Args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) out[key] = a.slice(eq + 1);
      else if (booleans.indexOf(key) >= 0) out[key] = true;
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
      else out[key] = true;
    } else out._.push(a);
  }
  return out;
}
