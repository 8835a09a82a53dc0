#!/usr/bin/env node
// Stable launcher of the openecg command line (the implementation is in dist/cli).
import { main } from '../dist/cli/main.js';
Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
