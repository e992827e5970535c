// The page side of the model worker. One worker per page, shared by every widget:
//
//   import { modelWorker } from '../worker/client.ts';
//   const w = modelWorker();
//   const backend = await w.ready;                       // { name: 'wasm', skipped: [...] }
//   const r = await w.request('vecmat.compare', { n: 256, m: 256, zeroFraction: 0.9 },
//                             { onProgress: (p) => show(p.message) });
//
// Requests are typed from site/worker/handlers/index.ts. A failed request rejects with an Error whose message is
// the worker's explanation. If the worker crashes, pending requests reject with WorkerCrashError and the next
// request starts a fresh worker. Without `?backend=cpu|wasm|webgl` in the page URL (which puts that backend first),
// the worker picks the fastest backend for this device by evidence, and the page remembers the pick in localStorage
// (per WebGL renderer) so the short probe runs once per browser.
import type { PayloadOf, RequestType, ResultOf } from './handlers/index.ts';
import {
  CancelledError,
  type BackendInfo,
  type BackendName,
  type DecodeEngine,
  type FromWorker,
  type Progress,
  type ToWorker,
} from './protocol.ts';
import { parseRemembered, type RememberedBackend } from '../../lib/backend-choice.ts';
import { pageLang, type Lang } from '../i18n/lang.ts';
import { WORKER_TEXT } from './text.ts';

export type { BackendInfo, Progress, RequestType, PayloadOf, ResultOf };
export { CancelledError };

export const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The worker died (failed to load, or an uncaught error); its requests cannot finish. */
export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

export interface RequestOptions {
  onProgress?: (p: Progress) => void;
  /**
   * Aborting it rejects the request at once with CancelledError and asks the worker to stop it at the handler's next
   * checkpoint (a handler without checkpoints runs to its end, its result dropped).
   */
  signal?: AbortSignal;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
}

export interface ClientOptions {
  /** Backends to try, in order. */
  order?: BackendName[];
  /** What decodes generated text in the worker (default there: the lean engine). */
  engine?: DecodeEngine;
  /** How to make the worker (tests may pass a fake). */
  createWorker?: () => Worker;
  /** Let the worker choose the backend by evidence, starting from what this browser remembered (if anything). */
  auto?: { remembered?: RememberedBackend };
  /** The page's edition: the worker's status and progress lines are written in it (default English). */
  lang?: Lang;
}

/** Read `?engine=tfjs|lean` from a query string (undefined when absent or not one of those). */
export function engineFromUrl(search: string): DecodeEngine | undefined {
  const raw = new URLSearchParams(search).get('engine')?.trim().toLowerCase();
  return raw === 'tfjs' || raw === 'lean' ? raw : undefined;
}

/** localStorage key for the backend this browser chose last time. */
export const BACKEND_MEMORY_KEY = 'llm-preliminaries.backend';

/** Read `?backend=` from a query string: the backend order to try, and a note if the value was rejected. */
export function backendOrderFromUrl(search: string): { order: BackendName[]; note?: string } {
  const raw = new URLSearchParams(search).get('backend');
  if (raw === null) return { order: [...BACKENDS] };
  const first = BACKENDS.find((b) => b === raw.trim().toLowerCase());
  if (!first)
    return {
      order: [...BACKENDS],
      note: `Ignored backend=${JSON.stringify(raw.slice(0, 24))}: expected one of ${BACKENDS.join(', ')}.`,
    };
  // The chosen backend first; the ones after it in the default order stay as fallbacks (cpu always works).
  return { order: [first, ...BACKENDS.slice(BACKENDS.indexOf(first) + 1)] };
}

const defaultWorker = () =>
  new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module', name: 'model-worker' });

export class ModelWorkerClient {
  readonly order: BackendName[];
  readonly auto: ClientOptions['auto'];
  readonly engine: DecodeEngine | undefined;
  #create: () => Worker;
  #worker: Worker | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #ready!: Promise<BackendInfo>;
  #settleReady!: { resolve: (b: BackendInfo) => void; reject: (e: Error) => void };
  #statusListeners = new Set<(s: Progress) => void>();
  readonly lang: Lang;
  #lastStatus: Progress;

  constructor({ order = [...BACKENDS], createWorker = defaultWorker, auto, engine, lang = 'en' }: ClientOptions = {}) {
    this.order = order;
    this.auto = auto;
    this.lang = lang;
    this.#lastStatus = { message: WORKER_TEXT[lang].notStarted, fraction: 0 };
    this.engine = engine;
    this.#create = createWorker;
    this.#resetReady();
  }

  /** Resolves with the backend once the worker is running (starting it if needed); rejects if none could start. */
  get ready(): Promise<BackendInfo> {
    this.#ensure();
    return this.#ready;
  }

  /** Follow the worker's own loading ("Loading TensorFlow.js…"); called at once with the latest status. */
  onStatus(listener: (s: Progress) => void): () => void {
    this.#statusListeners.add(listener);
    listener(this.#lastStatus);
    return () => this.#statusListeners.delete(listener);
  }

  /** Ask the worker to run handler `type` on `payload`. */
  request<T extends RequestType>(
    type: T,
    payload: PayloadOf<T>,
    { onProgress, signal }: RequestOptions = {},
  ): Promise<ResultOf<T>> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      let worker: Worker;
      try {
        worker = this.#ensure();
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const id = this.#nextId++;
      const cancel = () => {
        if (!this.#pending.delete(id)) return;
        if (this.#worker === worker) this.#send(worker, { kind: 'cancel', id });
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', cancel, { once: true });
      const done = () => signal?.removeEventListener('abort', cancel);
      this.#pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as ResultOf<T>);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress,
      });
      this.#send(worker, { kind: 'request', id, type, payload });
    });
  }

  /** Stop the worker; pending requests reject. The next request starts a new one. */
  terminate(): void {
    this.#crash(WORKER_TEXT[this.lang].stopped);
  }

  #resetReady() {
    this.#ready = new Promise((resolve, reject) => (this.#settleReady = { resolve, reject }));
    this.#ready.catch(() => undefined); // a failure is reported to whoever awaits it, never as unhandled
  }

  #status(s: Progress) {
    this.#lastStatus = s;
    for (const l of this.#statusListeners) l(s);
  }

  #send(worker: Worker, msg: ToWorker) {
    worker.postMessage(msg);
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    let worker: Worker;
    try {
      worker = this.#create();
    } catch (err) {
      const e = new WorkerCrashError(
        WORKER_TEXT[this.lang].couldNotStartWorker(err instanceof Error ? err.message : String(err)),
      );
      this.#settleReady.reject(e);
      throw e;
    }
    this.#worker = worker;
    worker.addEventListener('message', (e: MessageEvent<FromWorker>) => this.#onMessage(e.data));
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault(); // handled here: shown in the widgets, not as an uncaught page error
      this.#crash(WORKER_TEXT[this.lang].crashed(e.message ?? ''));
    });
    worker.addEventListener('messageerror', () => this.#crash(WORKER_TEXT[this.lang].unreadable));
    this.#status({ message: WORKER_TEXT[this.lang].starting, fraction: 0 });
    this.#send(worker, {
      kind: 'init',
      order: this.order,
      ...(this.auto ? { auto: this.auto } : {}),
      ...(this.engine ? { engine: this.engine } : {}),
      lang: this.lang,
    });
    return worker;
  }

  #onMessage(msg: FromWorker) {
    switch (msg.kind) {
      case 'status':
        this.#status({ message: msg.message, fraction: msg.fraction });
        break;
      case 'ready':
        this.#status({ message: WORKER_TEXT[this.lang].backend(msg.backend.name), fraction: 1 });
        if (this.auto && msg.backend.reason && msg.backend.renderer !== undefined) rememberBackend(msg.backend);
        this.#settleReady.resolve(msg.backend);
        break;
      case 'init-failed':
        this.#status({ message: msg.message });
        this.#settleReady.reject(new Error(msg.message));
        break;
      case 'progress':
        this.#pending.get(msg.id)?.onProgress?.({ message: msg.message, fraction: msg.fraction });
        break;
      case 'result':
      case 'error': {
        const p = this.#pending.get(msg.id);
        if (!p) break;
        this.#pending.delete(msg.id);
        if (msg.kind === 'result') p.resolve(msg.result);
        else p.reject(new Error(msg.message));
        break;
      }
    }
  }

  #crash(message: string) {
    const worker = this.#worker;
    this.#worker = null;
    worker?.terminate();
    const err = new WorkerCrashError(message);
    this.#settleReady.reject(err);
    this.#resetReady();
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
    this.#status({ message });
  }
}

/** Keep the worker's choice for next time; storage may be unavailable (private mode), which only costs a probe. */
function rememberBackend(b: BackendInfo): void {
  try {
    const memory: RememberedBackend = { renderer: b.renderer ?? null, name: b.name, reason: b.reason! };
    localStorage.setItem(BACKEND_MEMORY_KEY, JSON.stringify(memory));
  } catch {
    // no storage: the next page probes again
  }
}

function recalledBackend(): RememberedBackend | undefined {
  try {
    return parseRemembered(localStorage.getItem(BACKEND_MEMORY_KEY));
  } catch {
    return undefined;
  }
}

let shared: ModelWorkerClient | undefined;
let sharedNote: string | undefined;

/** The page's one model worker client, created on first use with the `?backend=` override applied. */
export function modelWorker(): ModelWorkerClient {
  if (!shared) {
    const { order, note } = backendOrderFromUrl(location.search);
    sharedNote = note;
    const explicit = new URLSearchParams(location.search).has('backend') && !note;
    shared = new ModelWorkerClient({
      order,
      auto: explicit ? undefined : { remembered: recalledBackend() },
      engine: engineFromUrl(location.search),
      lang: pageLang(),
    });
  }
  return shared;
}

/** A note about a rejected `?backend=` value, for widgets to show (undefined when the URL is fine). */
export function backendUrlNote(): string | undefined {
  modelWorker();
  return sharedNote;
}
