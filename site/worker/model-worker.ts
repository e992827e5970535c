// The model worker: one per page, shared by every widget through site/worker/client.ts. It loads TensorFlow.js,
// starts the first backend that works (webgl needs OffscreenCanvas in a worker; wasm loads its binaries from our
// own origin, /tfjs-wasm/), then answers requests one at a time so timings never overlap.
// Messages are described in protocol.ts; handlers are registered in handlers/index.ts.
import type { BackendInfo, BackendName, FromWorker, HandlerContext, ToWorker } from './protocol.ts';

type Registry = Record<string, (payload: unknown, ctx: HandlerContext) => unknown>;

const post = (msg: FromWorker) => (self as unknown as Worker).postMessage(msg);
const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

let started: Promise<{ backend: BackendInfo; handlers: Registry }> | undefined;
let queue: Promise<unknown> = Promise.resolve();

async function start(order: BackendName[]): Promise<{ backend: BackendInfo; handlers: Registry }> {
  post({ kind: 'status', message: 'Loading TensorFlow.js…', fraction: 0 });
  const [{ chooseBackend }, { handlers }] = await Promise.all([import('../../lib/backend.ts'), import('./handlers/index.ts')]);
  post({ kind: 'status', message: `Starting a backend (trying ${order.join(', ')})…`, fraction: 0.5 });
  const skipped: BackendInfo['skipped'] = [];
  let tryOrder = order;
  if (typeof OffscreenCanvas === 'undefined' && order.includes('webgl')) {
    skipped.push({ name: 'webgl', reason: 'no OffscreenCanvas in this worker' });
    tryOrder = order.filter((b) => b !== 'webgl');
  }
  const base = `${self.location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}tfjs-wasm/`;
  const choice = await chooseBackend(tryOrder, { wasmPath: base });
  const backend: BackendInfo = { name: choice.name, skipped: [...skipped, ...choice.skipped] };
  post({ kind: 'ready', backend });
  return { backend, handlers: handlers as unknown as Registry };
}

async function serve(id: number, type: string, payload: unknown): Promise<void> {
  try {
    const { backend, handlers } = await started!;
    const handler = Object.hasOwn(handlers, type) ? handlers[type] : undefined;
    if (!handler) throw new Error(`Unknown request type "${type}"; this worker answers: ${Object.keys(handlers).join(', ')}.`);
    const ctx: HandlerContext = {
      backend,
      progress: (message, fraction) => post({ kind: 'progress', id, message, fraction }),
    };
    post({ kind: 'result', id, result: await handler(payload, ctx) });
  } catch (err) {
    post({ kind: 'error', id, message: text(err) });
  }
}

function ensureStarted(order: BackendName[]): void {
  if (started) return; // one backend per worker
  started = start(order);
  started.catch((err) => post({ kind: 'init-failed', message: text(err) }));
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg?.kind === 'init') ensureStarted(msg.order);
  else if (msg?.kind === 'request') {
    ensureStarted(['webgl', 'wasm', 'cpu']); // a request without init gets the default order
    queue = queue.then(() => serve(msg.id, msg.type, msg.payload)); // one at a time, in arrival order
  }
});
