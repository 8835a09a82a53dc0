// `npm run serve [-- --port N]`: a static file server for the repository (the web page is /web/), no download and no
// dependency: Node's http module, files under the repository root only, 127.0.0.1 only, GET/HEAD with byte ranges.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { join, normalize, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = normalize(join(fileURLToPath(import.meta.url), '..', '..'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.md': 'text/plain; charset=utf-8',
  '.hea': 'text/plain; charset=utf-8',
};

const argv = process.argv.slice(2);
const pi = argv.indexOf('--port');
const port = pi >= 0 ? Number(argv[pi + 1]) : 8080;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`serve: --port takes 0..65535, got '${argv[pi + 1]}'\n`);
  process.exit(2);
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = normalize(join(ROOT, path));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) {
    res.writeHead(403).end();
    return;
  }
  let st;
  try {
    st = statSync(file);
    if (st.isDirectory()) {
      file = join(file, 'index.html');
      st = statSync(file);
    }
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (m) {
    const a = Number(m[1]);
    const b = m[2] ? Math.min(Number(m[2]), st.size - 1) : st.size - 1;
    if (a > b) {
      res.writeHead(416, { 'content-range': `bytes */${st.size}` }).end();
      return;
    }
    res.writeHead(206, {
      'content-type': type,
      'content-length': b - a + 1,
      'content-range': `bytes ${a}-${b}/${st.size}`,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file, { start: a, end: b }).pipe(res);
    return;
  }
  res.writeHead(200, { 'content-type': type, 'content-length': st.size, 'accept-ranges': 'bytes' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`serving the repository at http://127.0.0.1:${server.address().port}/ — the page: /web/\n`);
});
