// LoRA rows for `npm run bench`: adapter training speed (steps/s, tokens/s) per Node backend, and greedy decode
// speed of target-v1 bare, with an r = 4 adapter unmerged (two thin extra products per adapted layer), and merged.
import { median } from '../lib/stats.ts';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { loadModel } from '../lib/load.ts';
import { benchDecode } from '../lib/bench.ts';
import { AdapterSet, LoraAdapter, LoraTrainer, targetsFor } from '../lib/lora/index.ts';
import { loadSotuCorpus } from '../node/sotu-corpus.ts';

const MODELS = new URL('../public/models/', import.meta.url).pathname;
const TRAIN = { batchSize: 4, blockSize: 128, steps: 6 };

export async function loraRows(backends = ['cpu', 'wasm']): Promise<Record<string, string | number>[]> {
  const fetchFile = async (path: string) => {
    const b = await readFile(path);
    return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
  };
  const text = loadSotuCorpus().train.slice(0, 100_000);
  const rows: Record<string, string | number>[] = [];
  for (const backend of backends) {
    await tf.setBackend(backend);
    const model = await loadModel(MODELS + 'target-v1', { fetchFile });
    const set = new AdapterSet(model);
    const shipped = MODELS + 'lora-sotu-v1/r4.lora';
    if (existsSync(shipped)) set.load('r4', new Uint8Array(await readFile(shipped)));
    else
      set.add(
        'r4',
        new LoraAdapter(set.base, { rank: 4, alpha: 8, targets: targetsFor(model.config, ['q', 'v']) }, { seed: 1 }),
      );

    // Training: one warm-up step, then the median of the timed ones.
    const fresh = new LoraAdapter(
      set.base,
      { rank: 4, alpha: 8, targets: targetsFor(model.config, ['q', 'v']) },
      { seed: 1 },
    );
    const trainer = new LoraTrainer(model, fresh, model.tokenizer.encode(text), {
      steps: TRAIN.steps + 1,
      batchSize: TRAIN.batchSize,
      blockSize: TRAIN.blockSize,
      peakLr: 0.01,
      seed: 1,
    });
    trainer.step();
    const times: number[] = [];
    for (let i = 0; i < TRAIN.steps; i++) {
      const t = performance.now();
      trainer.step();
      times.push(performance.now() - t);
    }
    trainer.dispose();
    fresh.dispose();
    const stepMs = median(times);

    const bare = benchDecode(model);
    set.use('r4');
    const unmerged = benchDecode(model);
    set.use('r4', { merged: true });
    const merged = benchDecode(model);
    set.dispose();
    model.dispose();
    rows.push({
      where: `node ${backend}`,
      'train steps/s (r=4 W_q,W_v; 4x128)': +(1000 / stepMs).toFixed(2),
      'train tokens/s': Math.round((TRAIN.batchSize * TRAIN.blockSize * 1000) / stepMs),
      'decode tok/s bare': +bare.cachedTokensPerSec.toFixed(1),
      'decode tok/s unmerged': +unmerged.cachedTokensPerSec.toFixed(1),
      'decode tok/s merged': +merged.cachedTokensPerSec.toFixed(1),
    });
  }
  return rows;
}

if (process.argv[1]?.endsWith('bench-lora.ts')) console.table(await loraRows());
