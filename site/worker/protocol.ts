// The messages between the page and the model worker (site/worker/model-worker.ts). Plain, structured-cloneable
// objects only. A request carries a numeric id; everything the worker sends about it carries the same id.
//
//   page → worker   { kind: 'init', order, auto? }               once, first: which backends to try, in order; with
//                                                                `auto`, the worker picks by evidence (backend-probe.ts)
//                   { kind: 'request', id, type, payload }        run handler `type` (see handlers/index.ts)
//                   { kind: 'cancel', id }                        stop that request at its next checkpoint
//   worker → page   { kind: 'status', message, fraction? }        loading the worker itself (tfjs, backend)
//                   { kind: 'ready', backend }                    a backend is running; requests are served
//                   { kind: 'init-failed', message }              no backend could start; every request fails
//                   { kind: 'progress', id, message, fraction? }  a request's progress, fraction in [0, 1]
//                   { kind: 'result', id, result }                a request's answer
//                   { kind: 'error', id, message }                a request failed; message is for people
import type { BackendName } from '../../lib/backend.ts';
import type { RememberedBackend } from '../../lib/backend-choice.ts';
import type { DecodeEngine } from '../../lib/engine/index.ts';
import type { Lang } from '../i18n/lang.ts';
import type { WorkerText } from './text.ts';

export type { BackendName };

export interface Progress {
  /** Short, human-readable: "Timing run 2 of 5". */
  message: string;
  /** Completed fraction in [0, 1], when known. */
  fraction?: number;
}

export interface BackendInfo {
  /** The backend in use. */
  name: BackendName;
  /** Backends tried first and passed over, with why (e.g. webgl: "no OffscreenCanvas in this worker"). */
  skipped: { name: BackendName; reason: string }[];
  /** Why this backend, in one sentence for the page (set when the worker chose it by evidence, not by `?backend=`). */
  reason?: string;
  /** The WebGL renderer the worker saw (null: no WebGL), so the page can remember the choice per device. */
  renderer?: string | null;
}

export type ToWorker =
  | {
      kind: 'init';
      order: BackendName[];
      auto?: { remembered?: RememberedBackend };
      engine?: DecodeEngine;
      /** The page's edition: status and progress lines are written in it. */
      lang?: Lang;
    }
  | { kind: 'request'; id: number; type: string; payload: unknown }
  | { kind: 'cancel'; id: number };

export type FromWorker =
  | ({ kind: 'status' } & Progress)
  | { kind: 'ready'; backend: BackendInfo }
  | { kind: 'init-failed'; message: string }
  | ({ kind: 'progress'; id: number } & Progress)
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; message: string };

/** A request the page cancelled (RequestOptions.signal); the widget says "Cancelled", not an error. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** What a handler receives besides its payload. */
// What decodes generated text: the lean engine (lib/engine, the worker's default) or tfjs (`?engine=tfjs`).
export type { DecodeEngine };

export interface HandlerContext {
  backend: BackendInfo;
  /** The engine generation decodes with (`?engine=` in the page's address, else 'lean'). */
  engine: DecodeEngine;
  /** The page's edition, and the worker's words in it (site/worker/text.ts) for progress lines. */
  lang: Lang;
  text: WorkerText;
  /** Report progress on this request to the page. */
  progress(message: string, fraction?: number): void;
  /**
   * Let the worker read its messages, then throw CancelledError if the page cancelled this request. A long handler
   * awaits it between passes: the worker runs one request at a time, so nothing else could stop it.
   */
  checkpoint(): Promise<void>;
}

/** A request handler: runs in the worker, takes a cloneable payload, returns (a promise of) a cloneable result. */
export type Handler<P, R> = (payload: P, ctx: HandlerContext) => R | Promise<R>;

/** Identity helper that fixes a handler's payload and result types for the registry. */
export function defineHandler<P, R>(fn: Handler<P, R>): Handler<P, R> {
  return fn;
}
