// Loading a model folder (config.json, tokenizer.json, weights.json + shards) over fetch, with progress,
// from the browser's Cache API when it was loaded before. Node tests pass their own `fetchFile` (from disk).
// It knows every weight format (fp32 in weights.ts, quantized in lib/quant), so it sits above the modules: nothing in
// lib/ imports it but lib/index.ts (the fetching it shares with other loaders is in fetch-file.ts).
import { validateConfig } from './config.ts';
import { LanguageModel } from './model.ts';
import { Tokenizer, type TokenizerJSON } from './tokenizer.ts';
import { decodeWeights } from './weights.ts';
import { decodeQuantized, isQuantManifest } from './quant/file.ts';
import { loadThroughCache, parseJsonFile, type FetchFile, type LoadOptions } from './fetch-file.ts';

/** Loads the model in folder `baseUrl` (ending in '/' or not). */
export async function loadModel(baseUrl: string, opts: LoadOptions = {}): Promise<LanguageModel> {
  if (opts.fetchFile) return loadModelWith(opts.fetchFile, baseUrl, opts);
  return loadThroughCache((fetchFile) => loadModelWith(fetchFile, baseUrl, opts));
}

async function loadModelWith(fetchFile: FetchFile, baseUrl: string, opts: LoadOptions): Promise<LanguageModel> {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const name = opts.name ?? base.split('/').filter(Boolean).pop() ?? 'model';
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
