// A browser pool worker (module worker): the first message is the model, then window jobs
// (protocol in pool-core.ts).
import '../wasm/register.js';
import { serveWindows, type Init, type Job } from './pool-core.js';

declare const self: {
  postMessage(m: unknown): void;
  addEventListener(t: 'message', fn: (e: { data: any }) => void): void;
  removeEventListener(t: 'message', fn: (e: { data: any }) => void): void;
};

const first = (e: { data: Init }) => {
  self.removeEventListener('message', first);
  serveWindows(
    e.data,
    (m) => self.postMessage(m),
    (fn: (m: Job) => void) => self.addEventListener('message', (ev) => fn(ev.data)),
  );
};
self.addEventListener('message', first);
