// A stand-in for the page's model worker client (site/worker/client.ts) in jsdom widget tests: every request waits
// until the test finishes it, and rejects with CancelledError when its signal aborts, as the real client does
// (tests/lib/worker-client.test.ts). Use it with
//   vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);
import { CancelledError } from '../../../site/worker/protocol.ts';

export interface FakeCall {
  type: string;
  payload: Record<string, unknown>;
  signal?: AbortSignal;
  finish: (result: unknown) => void;
}

/** The requests widgets made, in order (clear it between tests). */
export const calls: FakeCall[] = [];

export const fakeWorker = {
  request: (type: string, payload: Record<string, unknown>, opts: { signal?: AbortSignal } = {}) =>
    new Promise((resolve, reject) => {
      calls.push({ type, payload, signal: opts.signal, finish: resolve });
      opts.signal?.addEventListener('abort', () => reject(new CancelledError()));
    }),
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'wasm', skipped: [] }),
};

/** What the mocked client.ts exports. */
export const clientModule = { modelWorker: () => fakeWorker, backendUrlNote: () => undefined };

/**
 * A `batch.measure` answer for BatchUnion's tests, on a 2-layer model of 8 neurons: the union for batch b is
 * `slope · b + offset` (per layer +0.01), capped at 1, the first four neurons of each rank always active.
 */
export function fakeBatchRun(p: Record<string, unknown>, slope: number, offset = 0) {
  const batchSizes = Array.from({ length: Number(p.batch) }, (_, b) => b + 1);
  const union = batchSizes.map((b) => [0, 1].map((l) => Math.min(1, slope * b + 0.01 * l + offset)));
  return {
    batchSizes,
    steps: Number(p.steps),
    nLayer: 2,
    nFfn: 8,
    union,
    mean: union.map((u) => (u[0] + u[1]) / 2),
    byRank: union.map((u) => u.map((x) => Float32Array.from({ length: 8 }, (_, r) => (r < 4 ? 1 : x)))),
    texts: ['a'],
  };
}
