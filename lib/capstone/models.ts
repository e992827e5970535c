// Lesson 9's models from one folder of model files (public/models/ in Node, the site's /models/ in the worker):
// target-v1 in fp32 and as its AWQ int4 file (packed in the engine, its FFN codes kept for the store), draft-v1 on
// the lean engine, predictor-v1. `fetchFile` reads a file (Node: from disk); without it, the browser's Cache API.
import type { GPTConfig } from '../config.ts';
import { leanEngine, loadLeanEngine } from '../engine/index.ts';
import { type FetchFile, loadThroughCache } from '../fetch-file.ts';
import { ffnWeightsOf } from '../flash/store.ts';
import { loadModel } from '../load.ts';
import type { LanguageModel } from '../model.ts';
import { decodeQuantized } from '../quant/file.ts';
import type { QuantizedMatrix } from '../quant/matrix.ts';
import { loadPredictor } from '../sparsity/predictor.ts';
import { LeanRunner } from '../speculative/lean-gpt.ts';
import type { CapstoneModels } from './decoder.ts';

export const INT4_MODEL = 'target-v1-awq-int4-g64';

/** The models, plus the tfjs ones they came from (their tokenizer and config for lib's generate; dispose them).
 *  `loaded` gives models the caller already holds (the worker's target-v1 and draft-v1) instead of loading them. */
export async function loadCapstoneModels(
  modelsUrl: string,
  fetchFile?: FetchFile,
  loaded: Partial<Record<'target-v1' | 'draft-v1', LanguageModel>> = {},
): Promise<CapstoneModels & { lm: Record<'fp32' | 'int4', LanguageModel>; dispose: () => void }> {
  const base = modelsUrl.endsWith('/') ? modelsUrl : modelsUrl + '/';
  const opts = (name: string) => ({ fetchFile, name });
  const fp32 = loaded['target-v1'] ?? (await loadModel(base + 'target-v1', opts('target-v1')));
  const draft = loaded['draft-v1'] ?? (await loadModel(base + 'draft-v1', opts('draft-v1')));
  const int4 = await loadModel(base + INT4_MODEL, opts(INT4_MODEL));
  const packed = await loadLeanEngine(base + INT4_MODEL, opts(INT4_MODEL));
  const packedFfn = await (fetchFile
    ? int4Ffn(int4.config, base + INT4_MODEL + '/', fetchFile)
    : loadThroughCache((f) => int4Ffn(int4.config, base + INT4_MODEL + '/', f)));
  const models: CapstoneModels = {
    tokenizer: fp32.tokenizer,
    targets: {
      fp32: { engine: leanEngine(fp32), ffn: ffnWeightsOf(fp32) },
      int4: { engine: packed.engine, ffn: { ...ffnWeightsOf(int4), int4: packedFfn } },
    },
    draft: new LeanRunner(draft),
    predictor: await loadPredictor(base + 'predictor-v1', opts('predictor-v1')),
  };
  return {
    ...models,
    lm: { fp32, int4 },
    dispose: () => {
      for (const m of [fp32, int4, draft]) if (!Object.values(loaded).includes(m)) m.dispose();
    },
  };
}

/** The AWQ file's FFN matrices as packed int4 (the store keeps these codes; ffnWeightsOf gives their dequantized values). */
async function int4Ffn(
  config: GPTConfig,
  dir: string,
  fetchFile: FetchFile,
): Promise<{ up: QuantizedMatrix[]; down: QuantizedMatrix[] }> {
  const get = async (file: string) => (await fetchFile(dir + file, () => undefined)).data;
  const manifest = JSON.parse(new TextDecoder().decode(await get('weights.json')));
  const shards = new Map<string, ArrayBuffer>();
  for (const path of manifest.paths as string[]) shards.set(path, await get(path));
  const { matrices } = decodeQuantized(config, manifest, shards, `${INT4_MODEL}/weights.json`);
  const layers = Array.from({ length: config.nLayer }, (_, l) => l);
  return { up: layers.map((l) => matrices[`h.${l}.mlp.up`]), down: layers.map((l) => matrices[`h.${l}.mlp.down`]) };
}
