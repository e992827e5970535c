// The model worker: one per page, shared by every widget through site/worker/client.ts. It loads TensorFlow.js,
// chooses the fastest backend for this device by evidence (backend-probe.ts) unless `?backend=` names one, starts it
// (webgl needs OffscreenCanvas in a worker; wasm loads its binaries from our own origin, /tfjs-wasm/), then answers
// requests one at a time so timings never overlap.
// Messages are described in protocol.ts; handlers are registered in handlers/index.ts.
import type { BackendInfo, BackendName, FromWorker, HandlerContext, ToWorker } from './protocol.ts';

type AutoChoice = Extract<ToWorker, { kind: 'init' }>['auto'];

type Registry = Record<string, (payload: unknown, ctx: HandlerContext) => unknown>;

const post = (msg: FromWorker) => (self as unknown as Worker).postMessage(msg);
const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

let started: Promise<{ backend: BackendInfo; handlers: Registry }> | undefined;
let queue: Promise<unknown> = Promise.resolve();

async function start(
  order: BackendName[],
  auto: AutoChoice | undefined,
): Promise<{ backend: BackendInfo; handlers: Registry }> {
  post({ kind: 'status', message: 'Loading TensorFlow.js…', fraction: 0 });
  const [{ chooseBackend }, { handlers }, { setWasmPaths }, tf] = await Promise.all([
    import('../../lib/backend.ts'),
    import('./handlers/index.ts'),
    import('@tensorflow/tfjs-backend-wasm'),
    import('@tensorflow/tfjs'),
  ]);
  setWasmPaths(`${self.location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}tfjs-wasm/`); // before any wasm start
  // One thread, always: on a cross-origin-isolated page tfjs would otherwise pick its threaded binary, whose helper
  // threads start from a blob: script that fails under COEP ("e is not defined"). The SIMD binary is single-threaded.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  let reason: string | undefined;
  let renderer: string | null | undefined;
  if (auto) {
    // No `?backend=`: choose by evidence (software WebGL, a short probe), or as this browser remembered.
    post({ kind: 'status', message: 'Choosing the fastest backend for this device…', fraction: 0.3 });
    const { probeBackends } = await import('./backend-probe.ts');
    const d = await probeBackends(auto.remembered);
    ({ order, reason, renderer } = d);
  }
  post({ kind: 'status', message: `Starting a backend (trying ${order.join(', ')})…`, fraction: 0.5 });
  const skipped: BackendInfo['skipped'] = [];
  let tryOrder = order;
  if (typeof OffscreenCanvas === 'undefined' && order.includes('webgl')) {
    skipped.push({ name: 'webgl', reason: 'no OffscreenCanvas in this worker' });
    tryOrder = order.filter((b) => b !== 'webgl');
  }
  const choice = await chooseBackend(tryOrder);
  if (choice.name !== order[0]) reason = `${order[0]} could not start here, so ${choice.name} runs the models.`;
  else if (!auto) reason = `${choice.name} was asked for with ?backend= in the address.`;
  const backend: BackendInfo = { name: choice.name, skipped: [...skipped, ...choice.skipped], reason, renderer };
  post({ kind: 'ready', backend });
  return { backend, handlers: handlers as unknown as Registry };
}

async function serve(id: number, type: string, payload: unknown): Promise<void> {
  try {
    const { backend, handlers } = await started!;
    const handler = Object.hasOwn(handlers, type) ? handlers[type] : undefined;
    if (!handler)
      throw new Error(`Unknown request type "${type}"; this worker answers: ${Object.keys(handlers).join(', ')}.`);
    const ctx: HandlerContext = {
      backend,
      progress: (message, fraction) => post({ kind: 'progress', id, message, fraction }),
    };
    post({ kind: 'result', id, result: await handler(payload, ctx) });
  } catch (err) {
    post({ kind: 'error', id, message: text(err) });
  }
}

function ensureStarted(order: BackendName[], auto?: AutoChoice): void {
  if (started) return; // one backend per worker
  started = start(order, auto);
  started.catch((err) => post({ kind: 'init-failed', message: text(err) }));
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg?.kind === 'init') ensureStarted(msg.order, msg.auto);
  else if (msg?.kind === 'request') {
    ensureStarted(['wasm', 'webgl', 'cpu'], {}); // a request without init: choose by evidence
    queue = queue.then(() => serve(msg.id, msg.type, msg.payload)); // one at a time, in arrival order
  }
});
