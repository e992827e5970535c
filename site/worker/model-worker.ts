// The model worker: one per page, shared by every widget through site/worker/client.ts. It loads TensorFlow.js,
// chooses the fastest backend for this device by evidence (backend-probe.ts) unless `?backend=` names one, starts it
// (webgl needs OffscreenCanvas in a worker; wasm loads its binaries from our own origin, /tfjs-wasm/), then answers
// requests one at a time so timings never overlap.
// Messages are described in protocol.ts; handlers are registered in handlers/index.ts.
//
// Only types are imported at the top. A value imported here (a class, a function) that the handlers import too is
// put by the bundler into this file's own chunk, which the handler chunks then import back; WebKit (WebKitGTK 2.50)
// evaluates a worker's entry module a second time for such an import, so two copies of this file listened and every
// request ran twice (a streamed generation skipped every other batch of tokens). Code goes in by `import()` below.
// tests/site/worker-entry.test.ts checks the built chunks.
import type { Lang } from '../i18n/lang.ts';
import type { BackendInfo, BackendName, DecodeEngine, FromWorker, HandlerContext, ToWorker } from './protocol.ts';
import type { WorkerText } from './text.ts';

type AutoChoice = Extract<ToWorker, { kind: 'init' }>['auto'];

type Registry = Record<string, (payload: unknown, ctx: HandlerContext) => unknown>;

const post = (msg: FromWorker) => (self as unknown as Worker).postMessage(msg);
/** The handlers' CancelledError, loaded as they are (see the top: no value imports in this file). */
const cancelledError = async () => new (await import('./protocol.ts')).CancelledError();
const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

let started: Promise<{ backend: BackendInfo; handlers: Registry }> | undefined;
let queue: Promise<unknown> = Promise.resolve();
/** Requests the page cancelled that have not ended yet (ctx.checkpoint throws for them). */
const cancelled = new Set<number>();
let engine: DecodeEngine = 'lean'; // what generation decodes with; `?engine=tfjs` in the page's address switches
let lang: Lang = 'en'; // the page's edition: the words of status and progress lines
let words: WorkerText | undefined; // loaded by start(), before any status line is posted
const wordsFor = async (l: Lang) => (await import('./text.ts')).WORKER_TEXT[l];

// WebGL can lose its context at any time (a GPU reset, the browser reclaiming memory); tfjs's tensors on it are gone
// then. The request running at that moment fails with this message, and the worker carries on with wasm (or cpu):
// models load again there, so the reader's next press computes the same text as wasm always does.
const dropped = () => {
  const t = words!;
  return new Error(t.webglLostDropped(t.webglLost));
};
let webgl: WebGLRenderingContext | undefined;
let failInFlight: ((err: Error) => void) | undefined;
// Sessions (a decoder and its KV cache, kept between requests) made before a loss lived on the lost context: a
// request that continues one fails with the message above. Key "generate:3" (handler family and session number).
let backendEpoch = 0;
const sessionEpoch = new Map<string, number>();
const sessionKey = (type: string, data: unknown) => {
  const session = (data as { session?: unknown } | null)?.session;
  return typeof session === 'number' ? `${type.split('.')[0]}:${session}` : undefined;
};

function watchWebgl(gl: WebGLRenderingContext | undefined): void {
  webgl = gl;
  // Also fires between requests; inside one, serve() sees isContextLost() as soon as the handler returns.
  (gl?.canvas as EventTarget | undefined)?.addEventListener('webglcontextlost', () => replaceLostWebgl(), {
    once: true,
  });
}

function replaceLostWebgl(): void {
  if (!webgl || !started) return;
  webgl = undefined;
  backendEpoch++;
  failInFlight?.(dropped());
  const t = words!;
  started = started.then(async ({ backend, handlers }) => {
    post({ kind: 'status', message: t.webglLostStarting(t.webglLost) });
    const [{ chooseBackend }, { forgetModels }] = await Promise.all([
      import('../../lib/backend.ts'),
      import('./models.ts'),
    ]);
    forgetModels(); // their weights were on the lost context
    const choice = await chooseBackend(['wasm', 'cpu']);
    const next: BackendInfo = {
      name: choice.name,
      skipped: [{ name: 'webgl', reason: t.contextLost }, ...choice.skipped],
      reason: t.webglLostNow(t.webglLost, choice.name),
      renderer: backend.renderer,
    };
    post({ kind: 'ready', backend: next });
    return { backend: next, handlers };
  });
}

async function start(
  order: BackendName[],
  auto: AutoChoice | undefined,
): Promise<{ backend: BackendInfo; handlers: Registry }> {
  const t = (words = await wordsFor(lang));
  post({ kind: 'status', message: t.loadingTfjs, fraction: 0 });
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
    post({ kind: 'status', message: t.choosingBackend, fraction: 0.3 });
    const { probeBackends } = await import('./backend-probe.ts');
    const d = await probeBackends(auto.remembered);
    ({ order, reason, renderer } = d);
  }
  post({ kind: 'status', message: t.startingBackend(order.join(', ')), fraction: 0.5 });
  const skipped: BackendInfo['skipped'] = [];
  let tryOrder = order;
  if (typeof OffscreenCanvas === 'undefined' && order.includes('webgl')) {
    skipped.push({ name: 'webgl', reason: t.noOffscreenCanvas });
    tryOrder = order.filter((b) => b !== 'webgl');
  }
  const choice = await chooseBackend(tryOrder);
  if (choice.name !== order[0]) reason = t.couldNotStart(order[0], choice.name);
  else if (!auto) reason = t.askedFor(choice.name);
  const backend: BackendInfo = { name: choice.name, skipped: [...skipped, ...choice.skipped], reason, renderer };
  if (choice.name === 'webgl') {
    const tf = await import('@tensorflow/tfjs');
    watchWebgl((tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl);
  }
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
      engine,
      lang,
      text: words!,
      progress: (message, fraction) => post({ kind: 'progress', id, message, fraction }),
      checkpoint: async () => {
        await new Promise((resolve) => setTimeout(resolve, 0)); // lets a 'cancel' message in
        if (cancelled.has(id)) throw await cancelledError();
      },
    };
    if (cancelled.has(id)) throw await cancelledError(); // cancelled while it waited in the queue
    const continues = sessionKey(type, payload);
    if (continues && (sessionEpoch.get(continues) ?? backendEpoch) < backendEpoch) throw dropped();
    const epoch = backendEpoch;
    const lost = new Promise<never>((_, reject) => (failInFlight = reject));
    const gl = webgl;
    let result: unknown;
    try {
      result = await Promise.race([handler(payload, ctx), lost]);
    } finally {
      failInFlight = undefined;
      if (gl?.isContextLost()) replaceLostWebgl();
    }
    // A handler that returned while the context went away computed on garbage: never show that.
    if (gl?.isContextLost() || epoch !== backendEpoch) throw dropped();
    const opened = sessionKey(type, result);
    if (opened) sessionEpoch.set(opened, epoch);
    post({ kind: 'result', id, result });
  } catch (err) {
    post({ kind: 'error', id, message: text(err) });
  } finally {
    cancelled.delete(id);
  }
}

function ensureStarted(order: BackendName[], auto?: AutoChoice): void {
  if (started) return; // one backend per worker
  started = start(order, auto);
  started.catch((err) => post({ kind: 'init-failed', message: text(err) }));
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg?.kind === 'init') {
    if (msg.engine) engine = msg.engine;
    if (msg.lang) lang = msg.lang;
    ensureStarted(msg.order, msg.auto);
  } else if (msg?.kind === 'cancel') {
    cancelled.add(msg.id);
  } else if (msg?.kind === 'request') {
    ensureStarted(['wasm', 'webgl', 'cpu'], {}); // a request without init: choose by evidence
    queue = queue.then(() => serve(msg.id, msg.type, msg.payload)); // one at a time, in arrival order
  }
});
