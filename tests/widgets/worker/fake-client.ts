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
