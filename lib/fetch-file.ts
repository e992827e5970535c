// Fetching the files of a model folder (a model, a predictor, an adapter): fetch() with byte progress through the
// browser's Cache API, the options every loader takes, and JSON parsing that names the file when it fails.

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
