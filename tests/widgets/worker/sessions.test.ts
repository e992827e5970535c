// The worker's one session protocol (site/worker/sessions.ts): `<kind>.start/next/stop` on one table, with one error
// for a session that is gone, and its page side (site/worker/worker-session.ts), which a widget stops when it starts
// a new run and when it leaves the page.
import { describe, expect, it } from 'vitest';
import {
  MAX_COUNT,
  SessionGoneError,
  Sessions,
  lastChars,
  nextHandler,
  stepCount,
  stopHandler,
} from '../../../site/worker/sessions.ts';
import type { HandlerContext } from '../../../site/worker/protocol.ts';
import type { ModelWorkerClient } from '../../../site/worker/client.ts';
import { WorkerSession, type SessionKind } from '../../../site/worker/worker-session.ts';

const ctx = {} as HandlerContext;
/** WorkerSession over the test kind below, which the worker's registry does not know. */
interface TestSession {
  readonly id: number | null;
  start(p: { from: number }): Promise<{ session: number }>;
  next(p: { count?: number }): Promise<number[]>;
  stop(): Promise<{ stopped: boolean } | null>;
}

/** A kind of session over a counter that ends after `length` steps; `freed` records what was freed. */
function counterKind(kind: string, max: number, length = Number.POSITIVE_INFINITY) {
  const freed: number[] = [];
  const sessions = new Sessions<{ start: number; made: number }>(kind, max, (s) => freed.push(s.start));
  const start = (p: { from: number }) => ({ session: sessions.add({ start: p.from, made: 0 }) });
  const next = nextHandler(sessions, (s): number | null => (s.made < length ? s.start + s.made++ : null));
  const stop = stopHandler(sessions);
  return { sessions, freed, start, next, stop };
}

describe('the session table', () => {
  it('start, next (count steps), stop; stop twice answers false and frees once; next after stop says it ended', () => {
    const k = counterKind('count', 4);
    const { session } = k.start({ from: 10 });
    expect(k.next({ session, count: 3 }, ctx)).toEqual([10, 11, 12]);
    expect(k.next({ session }, ctx)).toEqual([13]); // one by default
    expect(k.stop({ session }, ctx)).toEqual({ stopped: true });
    expect(k.stop({ session }, ctx)).toEqual({ stopped: false });
    expect(k.freed).toEqual([10]);
    expect(() => k.next({ session }, ctx)).toThrow(SessionGoneError);
    expect(() => k.next({ session }, ctx)).toThrow(`This run (count session ${session}) has ended`);
  });

  it('gives the same error for a number never opened, a non-number, and a session of another kind', () => {
    const a = counterKind('alpha', 2);
    const b = counterKind('beta', 2);
    const { session } = a.start({ from: 0 });
    for (const bad of [session + 1000, undefined, String(session)])
      expect(() => a.next({ session: bad as number }, ctx)).toThrow(/alpha session .* has ended/);
    expect(() => b.next({ session }, ctx)).toThrow(SessionGoneError);
    expect(b.stop({ session }, ctx)).toEqual({ stopped: false }); // another kind cannot free it
    expect(a.next({ session }, ctx)).toEqual([0]);
    a.stop({ session }, ctx);
  });

  it('numbers sessions across kinds and frees only the kind’s oldest beyond its cap', () => {
    const a = counterKind('capped', 2);
    const b = counterKind('other', 2);
    const [x, y] = [a.start({ from: 1 }).session, b.start({ from: 2 }).session];
    const z = a.start({ from: 3 }).session;
    expect(new Set([x, y, z]).size).toBe(3);
    expect(a.freed).toEqual([]);
    const w = a.start({ from: 4 }).session; // a third of kind `capped`: its oldest goes
    expect(a.freed).toEqual([1]);
    expect(b.freed).toEqual([]);
    expect(() => a.next({ session: x }, ctx)).toThrow(SessionGoneError);
    expect(a.sessions.size).toBe(2);
    for (const s of [z, w]) a.stop({ session: s }, ctx);
    b.stop({ session: y }, ctx);
  });

  it('answers fewer steps when the stream ends, and clamps count to 1…MAX_COUNT', () => {
    const k = counterKind('short', 1, 5);
    const { session } = k.start({ from: 0 });
    expect(k.next({ session, count: 4 }, ctx)).toEqual([0, 1, 2, 3]);
    expect(k.next({ session, count: 4 }, ctx)).toEqual([4]);
    expect(k.next({ session, count: 4 }, ctx)).toEqual([]);
    expect([stepCount(undefined), stepCount(0), stepCount(-3), stepCount('x'), stepCount(2.7), stepCount(1e9)]).toEqual(
      [1, 1, 1, 1, 2, MAX_COUNT],
    );
    k.stop({ session }, ctx);
  });

  it('take() hands a session over without freeing it', () => {
    const k = counterKind('kept', 1);
    const { session } = k.start({ from: 7 });
    expect(k.sessions.take(session)).toEqual({ start: 7, made: 0 });
    expect(k.freed).toEqual([]);
    expect(() => k.sessions.take(session)).toThrow(SessionGoneError);
  });
});

describe('WorkerSession, the page side', () => {
  /** A client that answers `test.start/next/stop` from the handlers above, each answer after `delay` ms. */
  function clientFor(k: ReturnType<typeof counterKind>, delay = 0) {
    const log: string[] = [];
    const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
      'test.start': (p) => k.start(p as { from: number }),
      'test.next': (p) => k.next(p as { session: number }, ctx),
      'test.stop': (p) => k.stop(p as { session: number }, ctx),
    };
    const client = {
      request: async (type: string, payload: Record<string, unknown>) => {
        log.push(`${type} ${payload.session ?? ''}`.trim());
        await new Promise((r) => setTimeout(r, delay));
        return handlers[type](payload);
      },
    };
    return { client: client as unknown as ModelWorkerClient, log };
  }

  it('start, next and stop name the open session; stopping twice is harmless; next after stop is a clear error', async () => {
    const k = counterKind('test', 4);
    const { client } = clientFor(k);
    const s = new WorkerSession(client, 'test' as SessionKind) as unknown as TestSession;
    const started = await s.start({ from: 5 });
    expect(s.id).toBe(started.session);
    expect(await s.next({ count: 2 })).toEqual([5, 6]);
    expect(await s.stop()).toEqual({ stopped: true });
    expect(await s.stop()).toBeNull();
    expect(s.id).toBeNull();
    await expect(s.next({ count: 1 })).rejects.toThrow('No test run is open; start one first.');
    expect(k.sessions.size).toBe(0);
  });

  it('a new start stops the session before it, and a start answering after stop() is stopped at once', async () => {
    const k = counterKind('test', 4);
    const { client, log } = clientFor(k, 5);
    const s = new WorkerSession(client, 'test' as SessionKind) as unknown as TestSession;
    const first = await s.start({ from: 0 });
    const second = await s.start({ from: 100 });
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toContain(`test.stop ${first.session}`);
    expect(k.freed).toEqual([0]);
    expect(await s.next({})).toEqual([100]);
    // The widget leaves the page while a start is on its way: that session must not outlive it.
    const late = s.start({ from: 200 });
    void s.stop();
    const r = await late;
    await new Promise((done) => setTimeout(done, 20));
    expect(s.id).toBeNull();
    expect(log).toContain(`test.stop ${r.session}`);
    expect(k.freed.sort((a, b) => a - b)).toEqual([0, 100, 200]);
    expect(k.sessions.size).toBe(0);
    expect(second.session).not.toBe(r.session);
  });
});

describe('lastChars', () => {
  it('keeps a short prompt and cuts a long one to its end, with a note', () => {
    const notes: string[] = [];
    expect(lastChars('hello', 5, notes)).toBe('hello');
    expect(notes).toEqual([]);
    expect(lastChars('hello world', 5, notes)).toBe('world');
    expect(notes).toEqual(['The prompt had 11 characters; only its last 5 were used.']);
    expect(lastChars(undefined, 5, [])).toBe('');
  });
});
