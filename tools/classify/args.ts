// `--name value` command-line options of the classifier tools.
export function argValue(name: string, def?: string): string {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && process.argv[i + 1] !== undefined) return process.argv[i + 1];
  if (def === undefined) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
  return def;
}
export const hasFlag = (name: string): boolean => process.argv.indexOf('--' + name) >= 0;
