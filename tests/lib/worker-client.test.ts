// site/worker/client.ts against a fake worker: requests resolve with their own results, progress reaches the
// caller, errors reject with the worker's text, and a crash rejects what is pending and restarts on next use.
import { describe, expect, it } from 'vitest';
import { backendOrderFromUrl, CancelledError, ModelWorkerClient, WorkerCrashError } from '../../site/worker/client.ts';
import type { FromWorker, ToWorker } from '../../site/worker/protocol.ts';

/** A stand-in for Worker: records what the page sends and lets the test answer. */
class FakeWorker extends EventTarget {
  sent: ToWorker[] = [];
  terminated = false;
  postMessage(msg: ToWorker) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg: FromWorker) {
    this.dispatchEvent(new MessageEvent('message', { data: msg }));
  }
  crash(message: string) {
    const e = new Event('error') as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
  }
}

function setup(lang?: 'en' | 'zh') {
  const workers: FakeWorker[] = [];
  const client = new ModelWorkerClient({
    order: ['wasm', 'cpu'],
    ...(lang ? { lang } : {}),
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
  });
  return { client, workers };
}

const lastRequest = (w: FakeWorker) =>
  w.sent.filter((m) => m.kind === 'request').at(-1) as Extract<ToWorker, { kind: 'request' }>;

describe('ModelWorkerClient', () => {
  it('starts one worker lazily, sends init with the backend order, and resolves ready', async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const ready = client.ready;
    expect(workers).toHaveLength(1);
    expect(workers[0].sent[0]).toEqual({ kind: 'init', order: ['wasm', 'cpu'], lang: 'en' });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s.message));
    workers[0].reply({ kind: 'status', message: 'Loading TensorFlow.js…', fraction: 0 });
    workers[0].reply({ kind: 'ready', backend: { name: 'wasm', skipped: [] } });
    expect(await ready).toEqual({ name: 'wasm', skipped: [] });
    expect(statuses).toEqual(['Starting the worker…', 'Loading TensorFlow.js…', 'Backend: wasm']);
  });

  it("tells the worker the page's edition and writes its own status lines in it", async () => {
    const { client, workers } = setup('zh');
    const ready = client.ready;
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s.message));
    expect(workers[0].sent[0]).toEqual({ kind: 'init', order: ['wasm', 'cpu'], lang: 'zh' });
    workers[0].reply({ kind: 'ready', backend: { name: 'wasm', skipped: [] } });
    await ready;
    expect(statuses).toEqual(['正在启动 worker…', '后端：wasm']);
  });

  it('matches results to requests by id and forwards progress', async () => {
    const { client, workers } = setup();
    const progress: string[] = [];
    const a = client.request('ping', {}, { onProgress: (p) => progress.push(p.message) });
    const b = client.request('vecmat.compare', { n: 4, m: 2, zeroFraction: 0.5 });
    expect(workers).toHaveLength(1); // shared
    const [ra, rb] = workers[0].sent.filter((m) => m.kind === 'request') as Extract<ToWorker, { kind: 'request' }>[];
    expect(ra.type).toBe('ping');
    expect(rb.payload).toEqual({ n: 4, m: 2, zeroFraction: 0.5 });
    workers[0].reply({ kind: 'progress', id: ra.id, message: 'half', fraction: 0.5 });
    workers[0].reply({ kind: 'result', id: rb.id, result: { rowsRead: 2 } });
    workers[0].reply({ kind: 'result', id: ra.id, result: { name: 'cpu', skipped: [] } });
    expect(await a).toEqual({ name: 'cpu', skipped: [] });
    expect(await b).toEqual({ rowsRead: 2 });
    expect(progress).toEqual(['half']);
  });

  it('rejects a failed request with the worker’s message, and later requests still work', async () => {
    const { client, workers } = setup();
    const bad = client.request('ping', {});
    workers[0].reply({ kind: 'error', id: lastRequest(workers[0]).id, message: 'Unknown request type "nope"' });
    await expect(bad).rejects.toThrow('Unknown request type "nope"');
    const good = client.request('ping', {});
    workers[0].reply({ kind: 'result', id: lastRequest(workers[0]).id, result: 'ok' });
    expect(await good).toBe('ok');
  });

  it('rejects ready when no backend starts', async () => {
    const { client, workers } = setup();
    const ready = client.ready;
    workers[0].reply({ kind: 'init-failed', message: 'No TensorFlow.js backend could start' });
    await expect(ready).rejects.toThrow('No TensorFlow.js backend could start');
  });

  it('on a crash rejects pending requests with WorkerCrashError, terminates, and restarts on the next request', async () => {
    const { client, workers } = setup();
    const pending = client.request('ping', {});
    const ready = client.ready;
    workers[0].crash('out of memory');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(pending).rejects.toThrow('The model worker crashed: out of memory.');
    await expect(ready).rejects.toBeInstanceOf(WorkerCrashError);
    expect(workers[0].terminated).toBe(true);
    const again = client.request('ping', {});
    expect(workers).toHaveLength(2);
    expect(workers[1].sent[0].kind).toBe('init');
    workers[1].reply({ kind: 'result', id: lastRequest(workers[1]).id, result: 'back' });
    expect(await again).toBe('back');
  });

  it('rejects clearly when the worker cannot even be created', async () => {
    const client = new ModelWorkerClient({
      createWorker: () => {
        throw new Error('module workers unsupported');
      },
    });
    await expect(client.request('ping', {})).rejects.toThrow(
      'Could not start the model worker: module workers unsupported',
    );
  });
});

describe('backendOrderFromUrl', () => {
  it('puts the chosen backend first, keeping later ones as fallbacks', () => {
    expect(backendOrderFromUrl('')).toEqual({ order: ['webgl', 'wasm', 'cpu'] });
    expect(backendOrderFromUrl('?backend=wasm')).toEqual({ order: ['wasm', 'cpu'] });
    expect(backendOrderFromUrl('?backend=CPU')).toEqual({ order: ['cpu'] });
    expect(backendOrderFromUrl('?backend=webgl&x=1')).toEqual({ order: ['webgl', 'wasm', 'cpu'] });
  });
  it('ignores a bad value with a note', () => {
    const r = backendOrderFromUrl('?backend=%3Cscript%3E');
    expect(r.order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(r.note).toMatch(/Ignored backend="<script>": expected one of webgl, wasm, cpu/);
  });
});

describe('ModelWorkerClient: cancelling a request (issue 23, the long race)', () => {
  it('an aborted signal rejects with CancelledError at once, tells the worker, and ignores its late answer', async () => {
    const { client, workers } = setup();
    const abort = new AbortController();
    const progress: string[] = [];
    const p = client.request(
      'spec.race',
      { prompt: 'a', tree: '2', tokens: 8 },
      {
        signal: abort.signal,
        onProgress: (x) => progress.push(x.message),
      },
    );
    const other = client.request('ping', {});
    const req = lastRequest(workers[0]);
    const race = workers[0].sent.find((m) => m.kind === 'request' && m.type === 'spec.race') as Extract<
      ToWorker,
      { kind: 'request' }
    >;
    abort.abort();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0].sent.at(-1)).toEqual({ kind: 'cancel', id: race.id });
    // What the worker still sends about the cancelled request goes nowhere; the other request is untouched.
    workers[0].reply({ kind: 'progress', id: race.id, message: 'late' });
    workers[0].reply({ kind: 'error', id: race.id, message: 'Cancelled' });
    workers[0].reply({ kind: 'result', id: req.id, result: { name: 'wasm', skipped: [] } });
    expect(await other).toEqual({ name: 'wasm', skipped: [] });
    expect(progress).toEqual([]);
    expect(workers).toHaveLength(1); // cancelling does not restart the worker
  });

  it('a request whose signal is already aborted is never sent; one that finished ignores a later abort', async () => {
    const { client, workers } = setup();
    await expect(client.request('ping', {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
    const abort = new AbortController();
    const p = client.request('ping', {}, { signal: abort.signal });
    const req = lastRequest(workers[0]);
    workers[0].reply({ kind: 'result', id: req.id, result: { name: 'cpu', skipped: [] } });
    expect(await p).toEqual({ name: 'cpu', skipped: [] });
    abort.abort();
    expect(workers[0].sent.filter((m) => m.kind === 'request')).toHaveLength(1);
    expect(workers[0].sent.some((m) => m.kind === 'cancel')).toBe(false);
  });
});
