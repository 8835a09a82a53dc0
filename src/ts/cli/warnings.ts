// Reader warnings on stderr, one line each, as text: control characters from file contents are shown escaped
// (\xNN), never sent to the terminal.
export function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`openecg: warning: ${printable(w)}\n`);
}

export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
