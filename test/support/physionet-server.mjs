// A local HTTP server in PhysioNet's layout (/files/<db>/<version>/<record>.*) over a folder of records, for tests
// (no internet). Modes: 'ranges' (206 answers, as physionet.org), 'no-ranges' (always the whole file, 200),
// 'truncate' (range answers that announce n bytes and send fewer, then close).
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';

export function physionetServer(folders, mode = 'ranges') {
  const requests = [];
  // CORS, so that a page served from another origin can read it (as pages read physionet.org)
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'range',
    'access-control-expose-headers': 'content-range, content-length',
  };
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (code, headers = {}) => writeHead(code, { ...cors, ...headers });
    requests.push({ url: req.url, range: req.headers.range ?? null });
    const m = /^\/files\/([^/]+)\/([^/]+)\/([^?]+)$/.exec(req.url ?? '');
    const dir = m && folders[`${m[1]}/${m[2]}`];
    const file = dir ? normalize(join(dir, m[3])) : null;
    if (!file || !file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = readFileSync(file);
    const r = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!r || mode === 'no-ranges') {
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
      return;
    }
    const a = Number(r[1]);
    const b = Math.min(Number(r[2]), body.length - 1);
    const part = body.subarray(a, b + 1);
    res.writeHead(206, { 'content-length': part.length, 'content-range': `bytes ${a}-${b}/${body.length}` });
    if (mode === 'truncate' && part.length > 1) {
      res.write(part.subarray(0, part.length >> 1));
      res.socket.destroy();
      return;
    }
    res.end(part);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        baseUrl: `http://127.0.0.1:${server.address().port}/files/`,
        requests,
        close: () => new Promise((r) => server.close(r)),
      }),
    ),
  );
}
