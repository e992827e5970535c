// The one session protocol of the worker's streaming handlers. Each kind of session (generate, spec, flash,
// lora-train) answers three requests:
//
//   `<kind>.start`  payload of its own           → { session, … }   opens a session (a decoder and its KV cache)
//   `<kind>.next`   { session, count?, … }       → its steps         advances it: `count` steps (tokens, speculative
//                                                                    steps; 1 by default, at most MAX_COUNT)
//   `<kind>.stop`   { session }                  → { stopped, … }    frees it; stopping twice answers stopped: false
//
// Every session lives in one table, numbered across kinds, each kind holding at most its `max` (the oldest freed first,
// so an abandoned stream cannot hold memory for long). A request naming a session that is gone (stopped, replaced, or
// never opened), or one of another kind, fails with the same SessionGoneError. The page side is WorkerSession in
// client.ts: a widget's session is stopped when it starts a new one and when the widget leaves the page.
import { type Handler, defineHandler } from './protocol.ts';

/** The most steps one `<kind>.next` request makes. */
export const MAX_COUNT = 16;

export class SessionGoneError extends Error {
  constructor(kind: string, id: unknown) {
    super(
      `This run (${kind} session ${String(id)}) has ended: it was stopped, or replaced by a newer one. Start again.`,
    );
    this.name = 'SessionGoneError';
  }
}

interface Entry {
  kind: string;
  value: unknown;
  free: (value: never) => void;
}
const table = new Map<number, Entry>();
let nextId = 1;

/** One kind's view of the shared table. */
export class Sessions<T> {
  readonly kind: string;
  private readonly max: number;
  private readonly free: (session: T) => void;

  constructor(kind: string, max: number, free: (session: T) => void) {
    this.kind = kind;
    this.max = max;
    this.free = free;
  }

  /** Keeps `session` (freeing this kind's oldest beyond its cap) and returns its number. */
  add(session: T): number {
    const mine = [...table].filter(([, e]) => e.kind === this.kind);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - this.max + 1))) this.stop(id);
    const id = nextId++;
    table.set(id, { kind: this.kind, value: session, free: this.free as (value: never) => void });
    return id;
  }

  /** The session numbered `id`, or SessionGoneError. */
  get(id: unknown): T {
    const e = typeof id === 'number' ? table.get(id) : undefined;
    if (!e || e.kind !== this.kind) throw new SessionGoneError(this.kind, id);
    return e.value as T;
  }

  /** Frees a session; false if it was already gone. */
  stop(id: unknown): boolean {
    const e = typeof id === 'number' ? table.get(id) : undefined;
    if (!e || e.kind !== this.kind) return false;
    table.delete(id as number);
    (e.free as (value: T) => void)(e.value as T);
    return true;
  }

  /** Removes a session without freeing it (the caller now owns what it holds), or SessionGoneError. */
  take(id: unknown): T {
    const value = this.get(id);
    table.delete(id as number);
    return value;
  }

  /** Open sessions of this kind (for tests). */
  get size(): number {
    return [...table.values()].filter((e) => e.kind === this.kind).length;
  }
}

/** The count a `<kind>.next` asked for, as a whole number from 1 to MAX_COUNT. */
export function stepCount(count: unknown): number {
  return Math.min(Math.max(1, Math.floor(Number(count ?? 1)) || 1), MAX_COUNT);
}

/** `<kind>.next`: up to `count` steps of the session (fewer when `step` returns null: the stream has ended). */
export function nextHandler<T, S, P extends { session: number; count?: number }>(
  sessions: Sessions<T>,
  step: (session: T, payload: P) => S | null,
): Handler<P, S[]> {
  return defineHandler((p: P): S[] => {
    const s = sessions.get(p?.session);
    const out: S[] = [];
    for (let n = stepCount(p?.count); out.length < n; ) {
      const next = step(s, p);
      if (next === null) break;
      out.push(next);
    }
    return out;
  });
}

/** `<kind>.stop`: frees the session; `{ stopped: false }` when it was already gone. */
export function stopHandler<T>(sessions: Sessions<T>): Handler<{ session: number }, { stopped: boolean }> {
  return defineHandler((p: { session: number }) => ({ stopped: sessions.stop(p?.session) }));
}

/** A prompt cut to its last `max` characters; the cut is said in `notes`. */
export function lastChars(prompt: unknown, max: number, notes: string[]): string {
  const text = String(prompt ?? '');
  if (text.length <= max) return text;
  notes.push(
    `The prompt had ${text.length.toLocaleString('en-US')} characters; only its last ${max.toLocaleString('en-US')} were used.`,
  );
  return text.slice(-max);
}
