// Fetching the files of a model folder (a model, a predictor, an adapter): fetch() with byte progress through the
// browser's Cache API (storing only what validated), the options every loader takes, and JSON parsing that names the file when it fails.

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

/** Fetches one file: its bytes, and whether they came from the Cache API. */
export type FetchFile = NonNullable<LoadOptions['fetchFile']>;

/**
 * Runs `load` (which fetches files and checks them) with a fetchFile that reads the Cache API but stores nothing
 * until `load` has returned, that is until everything it downloaded has validated: a captive portal's HTML page or
 * a truncated file answered with 200 is never kept, and the next attempt downloads again. If `load` fails after
 * reading stored files (a bad copy kept by an older version of this site), those are evicted and `load` runs once
 * more from the network.
 */
export async function loadThroughCache<T>(load: (fetchFile: FetchFile) => Promise<T>): Promise<T> {
  const cache = typeof caches !== 'undefined' ? await caches.open(MODEL_CACHE_NAME).catch(() => null) : null;
  const downloaded = new Map<string, Response>();
  const readFromCache: string[] = [];
  const attempt = (useCache: boolean) =>
    load(async (url, onBytes) => {
      const hit = useCache ? await cache?.match(url) : undefined;
      if (hit) {
        readFromCache.push(url);
        return { data: await hit.arrayBuffer(), fromCache: true };
      }
      const { data, contentType } = await download(url, onBytes);
      // The Response copies the bytes now, so whatever `load` does with `data` cannot change what is stored.
      downloaded.set(url, new Response(data, { headers: { 'content-type': contentType } }));
      return { data, fromCache: false };
    });
  let result: T;
  try {
    result = await attempt(true);
  } catch (e) {
    if (!cache || readFromCache.length === 0) throw e;
    await Promise.all(readFromCache.map((url) => cache.delete(url).catch(() => false)));
    downloaded.clear();
    result = await attempt(false);
  }
  if (cache)
    await Promise.all([...downloaded].map(([url, response]) => cache.put(url, response).catch(() => undefined)));
  return result;
}

/** One file through the Cache API, stored only once `validate` (which throws on a bad file) accepts its bytes. */
export function fetchWithCache(
  url: string,
  onBytes: (loaded: number, total: number) => void,
  validate: (data: ArrayBuffer) => void,
): Promise<{ data: ArrayBuffer; fromCache: boolean }> {
  return loadThroughCache(async (fetchFile) => {
    const got = await fetchFile(url, onBytes);
    validate(got.data);
    return got;
  });
}

/** fetch() with byte progress; throws on an HTTP error status. */
async function download(
  url: string,
  onBytes: (loaded: number, total: number) => void,
): Promise<{ data: ArrayBuffer; contentType: string }> {
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
  return { data: data.buffer, contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
}
