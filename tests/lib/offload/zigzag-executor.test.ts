// The zig-zag executor on the committed target-v1: same tokens as plain batched decoding, weight loads as the schedule says.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted, randomModel } from '../node-model.ts';
import { plainBatchedDecode, runZigzag } from '../../../lib/offload/zigzag-executor.ts';
import { layerWeightBytes, shapeOf } from '../../../lib/offload/shapes.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { NodeFileStorage } from '../../../lib/storage/node-file.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let model: LanguageModel;
let prompts: number[][];
beforeAll(async () => {
  await tf.setBackend('wasm');
  model = await loadCommitted('target-v1');
  const texts = [
    'The ship sailed ',
    'Call me Ishmael',
    'It was the best ',
    'Four score and ',
    'In the beginning',
    'The whale rose o',
    'Upon the deck we',
    'The sea was calm',
  ];
  prompts = texts.map((t) => model.tokenizer.encode(t).slice(0, 5));
});

describe('runZigzag', () => {
  it('emits exactly the tokens of plain batched decoding, for row-by-row and zig-zag blocks', () => {
    const reference = plainBatchedDecode(model, prompts, 12);
    for (const [gbs, nb] of [
      [2, 1],
      [2, 2],
      [2, 4],
      [4, 2],
      [1, 3],
    ]) {
      const r = runZigzag(model, prompts, { gbs, nb, maxNewTokens: 12 });
      expect(r.tokens, `gbs ${gbs}, nb ${nb}`).toEqual(reference);
    }
  });
  it('loads each layer once per block per token: ceil(batches/nb)·n·l loads of l(…)-sized weights', () => {
    const before = tf.memory().numTensors;
    const r = runZigzag(model, prompts, { gbs: 2, nb: 2, maxNewTokens: 6 });
    expect(r.weightLoads).toBe(2 * 6 * 4);
    expect(r.weightLoads).toBe(r.expectedWeightLoads);
    const c = model.config;
    const perLayer =
      4 *
      (c.nEmbd * 3 * c.nEmbd +
        3 * c.nEmbd +
        c.nEmbd * c.nEmbd +
        c.nEmbd +
        c.nEmbd * c.nFfn +
        c.nFfn +
        c.nFfn * c.nEmbd +
        c.nEmbd +
        4 * c.nEmbd);
    expect(r.weightBytesRead).toBe(r.weightLoads * perLayer);
    // fp32 matrices are twice the paper's fp16 count for the same shape.
    expect(perLayer).toBeGreaterThan(2 * layerWeightBytes(shapeOf(c)));
    expect(tf.memory().numTensors).toBe(before);
  });
  it('row-by-row moves nb times the weight bytes of a block of nb', () => {
    const row = runZigzag(model, prompts, { gbs: 2, nb: 1, maxNewTokens: 4 });
    const zz = runZigzag(model, prompts, { gbs: 2, nb: 4, maxNewTokens: 4 });
    expect(row.weightBytesRead).toBe(4 * zz.weightBytesRead);
    expect(zz.peakKvBytes).toBe(4 * row.peakKvBytes);
  });
  it('reads the weights from a real file through lib/storage with the same tokens and byte counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'offload-'));
    const file = new NodeFileStorage(join(dir, 'weights.bin'), { truncate: true });
    try {
      const fromFile = runZigzag(model, prompts, { gbs: 4, nb: 2, maxNewTokens: 5, storage: file });
      const inMemory = runZigzag(model, prompts, { gbs: 4, nb: 2, maxNewTokens: 5 });
      expect(fromFile.tokens).toEqual(inMemory.tokens);
      expect(fromFile.weightBytesRead).toBe(inMemory.weightBytesRead);
      expect(file.counts.reads).toBe(fromFile.weightLoads * 12); // 12 tensors per layer, one counted read each
    } finally {
      file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('matches plain decoding on a random model whose attention is far from uniform', () => {
    const m = randomModel({ blockSize: 32 }, 7);
    const ps = [
      [1, 2, 3],
      [9, 8, 7],
      [100, 50, 25],
      [5, 5, 5],
    ];
    expect(runZigzag(m, ps, { gbs: 1, nb: 2, maxNewTokens: 10 }).tokens).toEqual(plainBatchedDecode(m, ps, 10));
    m.dispose();
  });
  it('rejects bad settings with clear messages', () => {
    expect(() => runZigzag(model, prompts, { gbs: 3, nb: 1, maxNewTokens: 2 })).toThrow(
      /do not split into GPU batches of 3/,
    );
    expect(() => runZigzag(model, prompts, { gbs: 0, nb: 1, maxNewTokens: 2 })).toThrow(/gbs/);
    expect(() => runZigzag(model, prompts, { gbs: 2, nb: 1, maxNewTokens: 500 })).toThrow(/exceed the context/);
    expect(() => runZigzag(model, [[1, 2], [3]], { gbs: 1, nb: 1, maxNewTokens: 2 })).toThrow(/same/);
  });
});
