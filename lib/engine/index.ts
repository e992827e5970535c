// The lean engine (lib/engine/README.md): the GPT block over Float32Arrays, on WebAssembly SIMD kernels or their
// plain-JS twins, with its own KV cache. Made from a loaded LanguageModel, or straight from a model folder (which
// keeps an int4/int3 file's weights packed).
import { validateConfig } from '../config.ts';
import { type FetchFile, type LoadOptions, loadThroughCache, parseJsonFile } from '../fetch-file.ts';
import type { LoraAdapter } from '../lora/adapter.ts';
import type { LanguageModel } from '../model.ts';
import { decodeQuantized, isQuantManifest } from '../quant/file.ts';
import type { QuantizedMatrix } from '../quant/matrix.ts';
import { Tokenizer, type TokenizerJSON } from '../tokenizer.ts';
import { decodeWeights } from '../weights.ts';
import { type EngineOptions, LeanEngine, type LowRankTerm } from './engine.ts';

/** What decodes generated text: the lean engine (this folder) or the model's tfjs forward. */
export type DecodeEngine = 'tfjs' | 'lean';

export {
  LeanEngine,
  type EngineCache,
  type EngineOptions,
  type EnginePass,
  type EngineRunOptions,
  type LowRankTerm,
} from './engine.ts';
export { createKernels, simdSupported, type KernelKind } from './kernels.ts';
export {
  measureRoofline,
  raceInt4Fp32Simd,
  leanDecodeRate,
  linearShapes,
  int4Linears,
  type Roofline,
} from './roofline.ts';
export {
  arithmeticIntensity,
  attainableGflops,
  bytesPerWeight,
  decodeFlops,
  passBytes,
  passFlops,
  INT4,
  type PassShape,
  type WeightFormat,
} from './intensity.ts';

/**
 * A lean engine with `model`'s current weights. A model with an unmerged adapter attached (AdapterSet.use(name))
 * computes with it in tfjs; the engine cannot read a tfjs function, so pass the adapter (its low-rank terms are
 * added the same way) or merge it: it refuses rather than silently run the base model.
 */
export function leanEngine(model: LanguageModel, opts: EngineOptions & { adapter?: LoraAdapter } = {}): LeanEngine {
  return new LeanEngine(...engineInputs(model, opts));
}

/**
 * The lean engine for a greedy sample of a quantized copy of `model`: packed int4/int3 `matrices` are read packed (as
 * a quantized model file is); other widths decode the copy's fake-quantized fp32 weights. lib/quant's SampleOptions.
 */
export function sampleRunner(model: LanguageModel, matrices?: Record<string, QuantizedMatrix> | null): LeanEngine {
  const packed = matrices && Object.values(matrices).every((m) => m.bits === 4 || m.bits === 3);
  return packed ? new LeanEngine(model.config, model.exportWeights(), { quantized: matrices }) : leanEngine(model);
}

/** The LeanEngine constructor's arguments for `model` (see leanEngine). */
export function engineInputs(
  model: LanguageModel,
  opts: EngineOptions & { adapter?: LoraAdapter } = {},
): ConstructorParameters<typeof LeanEngine> {
  const { adapter, ...rest } = opts;
  if (model.linearAdd && !adapter && !rest.lowRank)
    throw new Error(
      `${model.name} has an unmerged LoRA adapter attached; pass it as { adapter } to the lean engine, or use it merged (AdapterSet.use(name, { merged: true }))`,
    );
  return [model.config, model.exportWeights(), { ...rest, lowRank: adapter ? lowRankTerms(adapter) : rest.lowRank }];
}

/** An adapter's ΔW = scale · A B per target, as the engine's low-rank terms grouped by linear layer. */
export function lowRankTerms(adapter: LoraAdapter): Record<string, LowRankTerm[]> {
  const out: Record<string, LowRankTerm[]> = {};
  for (const t of adapter.targets) {
    const term: LowRankTerm = {
      a: adapter.a[t.name].dataSync() as Float32Array,
      b: adapter.b[t.name].dataSync() as Float32Array,
      rank: adapter.spec.rank,
      scale: adapter.scale,
      column: t.column,
      outDim: t.outDim,
    };
    (out[t.layer] ??= []).push(term);
  }
  return out;
}

/**
 * Loads a model folder (the files lib/load.ts reads) into a lean engine, without tfjs. A quantized folder's linear
 * layers stay packed (int4/int3 codes read by the fused kernel); its tokenizer comes along.
 */
export async function loadLeanEngine(
  baseUrl: string,
  opts: Pick<LoadOptions, 'fetchFile' | 'name'> & EngineOptions = {},
): Promise<{ engine: LeanEngine; tokenizer: Tokenizer }> {
  if (opts.fetchFile) return loadLeanEngineWith(opts.fetchFile, baseUrl, opts);
  return loadThroughCache((fetchFile) => loadLeanEngineWith(fetchFile, baseUrl, opts));
}

async function loadLeanEngineWith(
  fetchFile: FetchFile,
  baseUrl: string,
  opts: Pick<LoadOptions, 'name'> & EngineOptions,
): Promise<{ engine: LeanEngine; tokenizer: Tokenizer }> {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const name = opts.name ?? base.split('/').filter(Boolean).pop() ?? 'model';
  const get = async (file: string) => (await fetchFile(base + file, () => undefined)).data;
  const json = async (file: string) => parseJsonFile(await get(file), `${name}/${file}`);
  const config = validateConfig(await json('config.json'), `${name}/config.json`);
  const tokenizer = new Tokenizer((await json('tokenizer.json')) as TokenizerJSON);
  const manifest = await json('weights.json');
  const quantized = isQuantManifest(manifest);
  const paths: string[] = quantized
    ? manifest.paths
    : (manifest as { paths?: string[] }[]).flatMap((g) => g?.paths ?? []);
  const shards = new Map<string, ArrayBuffer>();
  for (const path of paths) shards.set(path, await get(path));
  const engineOpts: EngineOptions = { kernels: opts.kernels, quantized: opts.quantized, lowRank: opts.lowRank };
  if (!quantized) {
    const weights = decodeWeights(config, manifest, shards, `${name}/weights.json`);
    return { engine: new LeanEngine(config, weights, engineOpts), tokenizer };
  }
  const { weights, matrices } = decodeQuantized(config, manifest, shards, `${name}/weights.json`);
  return {
    engine: new LeanEngine(config, weights, { ...engineOpts, quantized: { ...matrices, ...opts.quantized } }),
    tokenizer,
  };
}
