// Sparse vs dense FFN speed on this machine, for one token of the target model's middle layer: tfjs (cpu, wasm:
// dense matMul vs gathering the chosen neurons' weights) and the lean engine's kernels, plain JS and WebAssembly SIMD
// (dense matvec · ReLU · matvec vs the neuron-aware sparseFfn; lib/sparsity/race.ts), at the model's measured
// sparsity and at 50/75/90/95%. The computed neurons are the ones with
// the largest pre-activations, so at the measured sparsity the result equals dense. Goal: speedup ≥ half the ideal
// 1/(1 − sparsity) at 90% on at least one backend.
//   npm exec -- node scripts/bench-sparsity.ts        (or via `npm run bench`, which calls sparsityRows())
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../lib/load.ts';
import { profileActivations } from '../lib/sparsity/profile.ts';
import { raceSparseFfn, sampleFfnInput, type KernelName, type FfnRaceResult } from '../lib/sparsity/race.ts';
import { loadCorpus } from '../node/corpus.ts';

const MODEL_DIR = fileURLToPath(new URL('../public/models/target-v1', import.meta.url));

export async function sparsityRows({
  repeats = 7,
  sparsities = [0.5, 0.75, 0.9, 0.95],
  modelDir = MODEL_DIR,
} = {}): Promise<Record<string, string | number>[]> {
  const previous = tf.getBackend() as string | undefined;
  const fetchFile = async (path: string) => {
    const b = await readFile(path);
    return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
  };
  const rows: Record<string, string | number>[] = [];
  const runs: { backend: string; kernel: KernelName }[] = [
    { backend: 'cpu', kernel: 'tfjs' },
    { backend: 'wasm', kernel: 'tfjs' },
    { backend: 'cpu', kernel: 'js' },
    { backend: 'cpu', kernel: 'simd' },
  ];
  let measured: number | null = null;
  for (const { backend, kernel } of runs) {
    await tf.setBackend(backend);
    await tf.ready();
    const model = await loadModel(modelDir, { fetchFile });
    const layer = model.config.nLayer >> 1;
    measured ??= profileActivations(model, loadCorpus().validation, { maxTokens: 2048 }).layers[layer].sparsity;
    const x = sampleFfnInput(model, layer);
    for (const sparsity of [measured, ...sparsities]) {
      const r = raceSparseFfn(model, layer, { kernel, sparsity, repeats, x });
      rows.push(row(kernel, backend, layer, r, sparsity === measured));
    }
    if (kernel !== 'tfjs') {
      // PowerInfer-style: chosen neurons whose ReLU output is 0 also skip their W_down row (beats 1/(1 − s)).
      const r = raceSparseFfn(model, layer, { kernel, sparsity: 0.5, repeats, x, skipInactive: true });
      rows.push({
        ...row(kernel, backend, layer, r, false),
        'backend/kernel': `${KERNEL_NAMES[kernel]}, zero outputs skip W_down`,
      });
    }
    model.dispose();
  }
  if (previous) await tf.setBackend(previous);
  return rows;
}

function row(
  kernel: KernelName,
  backend: string,
  layer: number,
  r: FfnRaceResult,
  measured: boolean,
): Record<string, string | number> {
  return {
    'backend/kernel': kernel === 'tfjs' ? `tfjs ${backend} (gather)` : KERNEL_NAMES[kernel],
    layer,
    sparsity: measured ? `${pct(r.sparsity)} (measured)` : pct(r.sparsity),
    'dense ms': +r.denseMs.toFixed(4),
    'sparse ms': +r.sparseMs.toFixed(4),
    speedup: `${r.speedup.toFixed(2)}x`,
    ideal: `${r.idealSpeedup.toFixed(2)}x`,
    '≥ half ideal?': r.speedup >= r.idealSpeedup / 2 ? 'yes' : 'no',
  };
}

const KERNEL_NAMES = { js: 'engine plain JS (sparseFfn)', simd: 'engine WebAssembly SIMD (sparseFfn)' };

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.table(await sparsityRows(process.argv[2] ? { modelDir: process.argv[2] } : {}));
}
