// A reader that goes away (`openecg beats rec.hea | head`) closes the pipe under us: like a Unix tool, end quietly
// with exit 0 instead of an unhandled EPIPE stack trace. Any other stream error is a one-line message, exit 1.
let installed = false;

export function endQuietlyOnClosedPipe(): void {
  if (installed) return;
  installed = true;
  for (const s of [process.stdout, process.stderr])
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e && e.code === 'EPIPE') process.exit(0);
      if (s !== process.stderr) process.stderr.write(`openecg: output error: ${e && e.message}\n`);
      process.exit(1);
    });
}
