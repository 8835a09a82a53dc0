// Distributable single-file bundles of the portable entry (part of `npm run build`):
//   dist/openecg.min.js  ESM, minified      dist/openecg.cjs  CommonJS
import { build } from 'esbuild';
const common = { entryPoints: ['dist/index.js'], bundle: true, platform: 'neutral', target: 'es2020', legalComments: 'none', logLevel: 'error' };
await build({ ...common, format: 'esm', minify: true, outfile: 'dist/openecg.min.js' });
await build({ ...common, format: 'cjs', outfile: 'dist/openecg.cjs' });
// The browser pool's worker as one file next to the bundle (WebPool's default workerUrl from dist/openecg.min.js).
await build({ ...common, entryPoints: ['dist/delineate/web-pool-worker.js'], format: 'esm', minify: true, outfile: 'dist/web-pool-worker.js' });
// CommonJS Node entry (`require('openecg')` in Node): the Node entry point bundled, with import.meta.url
// standing for dist/package-root.js so that packageRoot() finds models/, samples/ and the pool worker.
await build({
  entryPoints: ['dist/node.js'], bundle: true, platform: 'node', target: 'node18', format: 'cjs', legalComments: 'none', logLevel: 'error',
  outfile: 'dist/openecg-node.cjs',
  define: { 'import.meta.url': '__openecgModuleUrl' },
  banner: { js: "const __openecgModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'package-root.js')).href;" },
});
