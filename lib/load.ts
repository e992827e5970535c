// Loading a model folder (config.json, tokenizer.json, weights.json + shards) over fetch, with progress,
// from the browser's Cache API when it was loaded before. Node tests pass their own `fetchFile` (from disk).
import { validateConfig } from './config.ts';
import { LanguageModel } from './model.ts';
import { Tokenizer, type TokenizerJSON } from './tokenizer.ts';
import { decodeWeights } from './weights.ts';
import { decodeQuantized, isQuantManifest } from './quant/file.ts';

/** Bump when the folder layout changes; model folders themselves are versioned (target-v1) and never edited. */
export const MODEL_CACHE_NAME = 'llm-preliminaries-models-v1';

export interface LoadProgress {
  file: string;
  loadedBytes: number;
  totalBytes: number;
  /** True if this file came from the Cache API rather than the network. */
  fromCache: boolean;
}

export interface LoadOptions {
  /** Fetches one file of the folder; default: fetch() through the Cache API where it exists. */
  fetchFile?: (
    url: string,
    onBytes: (loaded: number, total: number) => void,
  ) => Promise<{ data: ArrayBuffer; fromCache: boolean }>;
  onProgress?: (p: LoadProgress) => void;
  /** Name shown in error messages; default: the last folder in the URL. */
  name?: string;
  /** For a quantized model folder: the fp32 model it must have been made from (name, and fingerprint if known). */
  expectBase?: { name: string; fingerprint?: string };
}

/** A downloaded JSON file's contents, or an error naming the file (`where`) and how its text starts. */
export function parseJsonFile(data: ArrayBuffer, where: string) {
  const text = new TextDecoder().decode(data);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(
      `${where}: not valid JSON (${text.length} characters starting ${JSON.stringify(text.slice(0, 40))})`,
    );
  }
}

/** Loads the model in folder `baseUrl` (ending in '/' or not). */
export async function loadModel(baseUrl: string, opts: LoadOptions = {}): Promise<LanguageModel> {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const name = opts.name ?? base.split('/').filter(Boolean).pop() ?? 'model';
  const fetchFile = opts.fetchFile ?? fetchWithCache;
  const get = async (file: string) => {
    const { data, fromCache } = await fetchFile(base + file, (loadedBytes, totalBytes) =>
      opts.onProgress?.({ file, loadedBytes, totalBytes, fromCache: false }),
    );
    opts.onProgress?.({ file, loadedBytes: data.byteLength, totalBytes: data.byteLength, fromCache });
    return data;
  };
  const json = async (file: string) => parseJsonFile(await get(file), `${name}/${file}`);
  const config = validateConfig(await json('config.json'), `${name}/config.json`);
  const tokenizer = new Tokenizer((await json('tokenizer.json')) as TokenizerJSON);
  if (tokenizer.vocabSize !== config.vocabSize)
    throw new Error(
      `${name}/tokenizer.json: has ${tokenizer.vocabSize} tokens but config.json says vocabSize ${config.vocabSize}`,
    );
  const manifest = await json('weights.json');
  const quantized = isQuantManifest(manifest); // a quantized folder (lib/quant/file.ts): an object, not an array
  const paths: string[] = quantized
    ? Array.isArray(manifest.paths)
      ? manifest.paths
      : []
    : Array.isArray(manifest)
      ? manifest.flatMap((g: { paths?: string[] }) => g?.paths ?? [])
      : [];
  const shards = new Map<string, ArrayBuffer>();
  for (const path of paths) shards.set(path, await get(path));
  const weights = quantized
    ? decodeQuantized(config, manifest, shards, `${name}/weights.json`, opts.expectBase).weights
    : decodeWeights(config, manifest, shards, `${name}/weights.json`);
  return new LanguageModel(config, tokenizer, weights, name);
}

/** fetch() with byte progress, answered from (and stored in) the Cache API when the browser has one. */
export async function fetchWithCache(
  url: string,
  onBytes: (loaded: number, total: number) => void,
): Promise<{ data: ArrayBuffer; fromCache: boolean }> {
  const cache = typeof caches !== 'undefined' ? await caches.open(MODEL_CACHE_NAME).catch(() => null) : null;
  const hit = await cache?.match(url);
  if (hit) return { data: await hit.arrayBuffer(), fromCache: true };
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onBytes(loaded, total);
    }
  } else {
    chunks.push(new Uint8Array(await res.arrayBuffer()));
  }
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    data.set(c, o);
    o += c.length;
  }
  // Only complete, successful responses are cached, so a broken download is retried next time.
  await cache
    ?.put(
      url,
      new Response(data.slice(), {
        headers: { 'content-type': res.headers.get('content-type') ?? 'application/octet-stream' },
      }),
    )
    .catch(() => undefined);
  return { data: data.buffer, fromCache: false };
}
