// Lesson 9's models read from public/models in Node (tests and `npm run bench`): target-v1 in fp32 and as its AWQ
// int4 file (packed in the engine), draft-v1 on the lean engine, predictor-v1; and the flash back end Node has, a file.
import { join } from 'node:path';
import type { CapstoneModels } from '../lib/capstone/decoder.ts';
import { leanEngine, loadLeanEngine } from '../lib/engine/index.ts';
import { ffnWeightsOf } from '../lib/flash/store.ts';
import { loadModel } from '../lib/load.ts';
import type { LanguageModel } from '../lib/model.ts';
import type { GPTConfig } from '../lib/config.ts';
import { decodeQuantized } from '../lib/quant/file.ts';
import type { QuantizedMatrix } from '../lib/quant/matrix.ts';
import { loadPredictor } from '../lib/sparsity/predictor.ts';
import { LeanRunner } from '../lib/speculative/lean-gpt.ts';
import { NodeFileStorage } from '../lib/storage/node-file.ts';
import { loadCommitted, MODELS_DIR, readFromDisk } from './model-files.ts';

export const INT4_MODEL = 'target-v1-awq-int4-g64';

/** The models, plus the tfjs ones they came from (their tokenizer and config for lib's generate; dispose them). */
export async function loadCapstoneModels(): Promise<
  CapstoneModels & { lm: Record<'fp32' | 'int4', LanguageModel>; dispose: () => void }
> {
  const fp32 = await loadCommitted('target-v1');
  const int4 = await loadModel(MODELS_DIR + INT4_MODEL, { fetchFile: readFromDisk, name: INT4_MODEL });
  const draft = await loadCommitted('draft-v1');
  const packed = await loadLeanEngine(MODELS_DIR + INT4_MODEL, { fetchFile: readFromDisk });
  const models: CapstoneModels = {
    tokenizer: fp32.tokenizer,
    targets: {
      fp32: { engine: leanEngine(fp32), ffn: ffnWeightsOf(fp32) },
      int4: { engine: packed.engine, ffn: { ...ffnWeightsOf(int4), int4: await int4Ffn(int4.config) } },
    },
    draft: new LeanRunner(draft),
    predictor: await loadPredictor(MODELS_DIR + 'predictor-v1', { fetchFile: readFromDisk }),
  };
  return {
    ...models,
    lm: { fp32, int4 },
    dispose: () => {
      for (const m of [fp32, int4, draft]) m.dispose();
    },
  };
}

/** Flash in Node: one file per store in `dir` (the OS page cache holds it, so reads are an upper bound). */
export const fileFlash = (dir: string) => (key: string) =>
  new NodeFileStorage(join(dir, `${key}.bin`), { truncate: true });

/** The AWQ file's FFN matrices as packed int4 (the store keeps these codes; ffnWeightsOf gives their dequantized values). */
async function int4Ffn(config: GPTConfig): Promise<{ up: QuantizedMatrix[]; down: QuantizedMatrix[] }> {
  const dir = `${MODELS_DIR}${INT4_MODEL}/`;
  const manifest = JSON.parse(new TextDecoder().decode((await readFromDisk(dir + 'weights.json')).data));
  const shards = new Map<string, ArrayBuffer>();
  for (const path of manifest.paths as string[]) shards.set(path, (await readFromDisk(dir + path)).data);
  const { matrices } = decodeQuantized(config, manifest, shards, `${INT4_MODEL}/weights.json`);
  const layers = Array.from({ length: config.nLayer }, (_, l) => l);
  return { up: layers.map((l) => matrices[`h.${l}.mlp.up`]), down: layers.map((l) => matrices[`h.${l}.mlp.down`]) };
}
