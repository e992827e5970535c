// Our model's loss with FlexGen's group-wise compression (groups of 64, min–max) of the weights and/or the KV cache
// at 4 and 3 bits, against float32, on 2048 tokens of the validation text; and the bytes saved. Written into
// site/data/flexgen-results.json under "compression" (measured).
//   npm exec -- node scripts/flexgen-compression.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadCommitted } from '../node/model-files.ts';
import { compressedSizes, lossWithCompression } from '../lib/offload/compression.ts';
import { loadCorpus } from '../node/corpus.ts';

const OUT = fileURLToPath(new URL('../site/data/flexgen-results.json', import.meta.url));

export async function compressionRows(maxTokens = 2048) {
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await loadCommitted('target-v1');
  const ids = model.tokenizer.encode(loadCorpus().validation);
  const settings: [number | null, number | null][] = [
    [null, null],
    [4, null],
    [3, null],
    [null, 4],
    [null, 3],
    [4, 4],
    [3, 3],
    [4, 3],
    [3, 4],
  ];
  const base = lossWithCompression(model, ids, { maxTokens });
  const rows = settings.map(([weightBits, cacheBits]) => {
    const r =
      weightBits === null && cacheBits === null
        ? base
        : lossWithCompression(model, ids, { maxTokens, weightBits, cacheBits });
    return {
      weightBits,
      cacheBits,
      loss: Number(r.loss.toFixed(5)),
      delta: Number((r.loss - base.loss).toFixed(5)),
      perplexity: Number(Math.exp(r.loss).toFixed(3)),
      tokens: r.tokens,
    };
  });
  const sizes = { 4: compressedSizes(model, 4), 3: compressedSizes(model, 3) };
  model.dispose();
  return { model: 'target-v1', text: 'validation chapters (node/corpus.ts)', rows, sizes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const compression = await compressionRows();
  const json = JSON.parse(await readFile(OUT, 'utf8'));
  json.compression = { command: 'npm exec -- node scripts/flexgen-compression.ts', ...compression };
  await writeFile(OUT, JSON.stringify(json, null, 1) + '\n');
  console.table(compression.rows);
  console.log(compression.sizes);
}
