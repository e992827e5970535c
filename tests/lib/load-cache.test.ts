// The loader's Cache API store keeps only files that validated (issue 23): a captive portal that answers a model
// file with its own HTML page and status 200 must not be stored, so that once the network is right again, the
// next load (a reload) works. A bad copy an older version did store is evicted and fetched again. Node has no
// CacheStorage; a small in-memory one stands in for the browser's, and fetch reads the committed files.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadModel } from '../../lib/load.ts';
import { fetchWithCache, MODEL_CACHE_NAME } from '../../lib/fetch-file.ts';
import { decodeAdapter } from '../../lib/lora/file.ts';
import { loadPredictor } from '../../lib/sparsity/predictor.ts';
import { MODELS_DIR } from './node-model.ts';

const ORIGIN = 'https://site.example/';
const PORTAL = '<!doctype html><title>Sign in to Station WiFi</title><p>Accept the terms to continue.</p>';

/** CacheStorage over Maps: what lib/load.ts uses of it (open, match, put, delete). */
function memoryCaches() {
  const stores = new Map<string, Map<string, { body: ArrayBuffer; type: string }>>();
  const open = async (name: string) => {
    const store = stores.get(name) ?? new Map();
    stores.set(name, store);
    return {
      async match(url: string) {
        const hit = store.get(url);
        return hit && new Response(hit.body.slice(0), { headers: { 'content-type': hit.type } });
      },
      async put(url: string, response: Response) {
        store.set(url, { body: await response.arrayBuffer(), type: response.headers.get('content-type') ?? '' });
      },
      async delete(url: string) {
        return store.delete(url);
      },
    };
  };
  return { open, stores };
}

/** fetch() for ORIGIN/models/… from public/models/, with a list of URLs to answer once with the portal's page. */
function siteFetch(portalOnce: string[]) {
  const pending = new Set(portalOnce);
  const requested: string[] = [];
  const fn = async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    requested.push(url);
    if (pending.delete(url)) return new Response(PORTAL, { status: 200, headers: { 'content-type': 'text/html' } });
    const path = MODELS_DIR + url.slice(`${ORIGIN}models/`.length);
    const body = await readFile(path).catch(() => null);
    return body ? new Response(body, { status: 200 }) : new Response('not found', { status: 404 });
  };
  return { fn, requested };
}

let cacheStorage: ReturnType<typeof memoryCaches>;
beforeEach(() => {
  cacheStorage = memoryCaches();
  vi.stubGlobal('caches', cacheStorage);
});
afterEach(() => vi.unstubAllGlobals());

const stored = () => [...(cacheStorage.stores.get(MODEL_CACHE_NAME)?.keys() ?? [])].sort();
const TARGET = `${ORIGIN}models/target-v1/`;

describe('the model cache stores only what validated', () => {
  it('a captive portal answering config.json with 200: the load fails, nothing is stored, the reload works', async () => {
    const net = siteFetch([`${TARGET}config.json`]);
    vi.stubGlobal('fetch', net.fn);
    await expect(loadModel(TARGET, { name: 'target-v1' })).rejects.toThrow(/target-v1\/config\.json: not valid JSON/);
    expect(stored()).toEqual([]);

    // The reader reloads once the network is right.
    const model = await loadModel(TARGET, { name: 'target-v1' });
    expect(model.config.vocabSize).toBeGreaterThan(0);
    expect(stored()).toEqual(
      ['config.json', 'tokenizer.json', 'weights-shard1of1.bin', 'weights.json'].map((f) => TARGET + f),
    );
    // And a third load reads every file from the cache: no request reaches the network.
    const before = net.requested.length;
    const progress: boolean[] = [];
    const again = await loadModel(TARGET, { onProgress: (p) => progress.push(p.fromCache) });
    expect(net.requested.length).toBe(before);
    expect(progress.every(Boolean)).toBe(true);
    expect(again.config).toEqual(model.config);
    model.dispose();
    again.dispose();
  });

  it('a portal page in place of the weights shard (a later file) stores none of the folder', async () => {
    vi.stubGlobal('fetch', siteFetch([`${TARGET}weights-shard1of1.bin`]).fn);
    await expect(loadModel(TARGET)).rejects.toThrow(/weights/);
    expect(stored()).toEqual([]);
    (await loadModel(TARGET)).dispose();
    expect(stored()).toHaveLength(4);
  });

  it('a bad copy an older version stored is evicted, and the same load fetches it again and works', async () => {
    const cache = await cacheStorage.open(MODEL_CACHE_NAME);
    await cache.put(`${TARGET}config.json`, new Response(PORTAL, { headers: { 'content-type': 'text/html' } }));
    const net = siteFetch([]);
    vi.stubGlobal('fetch', net.fn);
    const model = await loadModel(TARGET);
    expect(net.requested).toContain(`${TARGET}config.json`);
    const hit = await cache.match(`${TARGET}config.json`);
    expect(JSON.parse(await hit!.text()).vocabSize).toBe(model.config.vocabSize);
    model.dispose();
  });

  it('the predictor, and a single file with its own check (adapters, the SOTU text), follow the same rule', async () => {
    const PRED = `${ORIGIN}models/predictor-v1/`;
    vi.stubGlobal('fetch', siteFetch([`${PRED}weights.json`]).fn);
    await expect(loadPredictor(PRED)).rejects.toThrow(/not valid JSON/);
    expect(stored()).toEqual([]);
    await loadPredictor(PRED);
    expect(stored().every((u) => u.startsWith(PRED))).toBe(true);
    expect(stored().length).toBeGreaterThan(2);

    const ADAPTER = `${ORIGIN}models/lora-sotu-v1/r1.lora`;
    vi.stubGlobal('fetch', siteFetch([ADAPTER]).fn);
    const isLora = (data: ArrayBuffer) => void decodeAdapter(new Uint8Array(data), 'r1.lora');
    await expect(fetchWithCache(ADAPTER, () => undefined, isLora)).rejects.toThrow(/r1\.lora/);
    expect(stored()).not.toContain(ADAPTER);
    const { data, fromCache } = await fetchWithCache(ADAPTER, () => undefined, isLora);
    expect(fromCache).toBe(false);
    expect(stored()).toContain(ADAPTER);
    expect((await fetchWithCache(ADAPTER, () => undefined, isLora)).data.byteLength).toBe(data.byteLength);
  });
});
