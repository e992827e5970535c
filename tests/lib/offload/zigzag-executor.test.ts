// The zig-zag executor on the committed target-v1: same tokens as plain batched decoding, weight loads as the schedule says.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted, randomModel } from '../node-model.ts';
import { plainBatchedDecode, runZigzag, ZigzagExecutor } from '../../../lib/offload/zigzag-executor.ts';
import { drainTokens, generate } from '../../../lib/generate.ts';
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
  it('each sequence is a TokenStream whose tokens are plain greedy decoding’s: ids, text and probabilities', () => {
    const before = tf.memory().numTensors;
    const n = 8;
    const executor = new ZigzagExecutor(model, { gbs: 2, nb: 2, maxNewTokens: n });
    try {
      const streams = executor.block(prompts.slice(0, 4));
      for (const [i, stream] of streams.entries()) {
        expect(stream.promptIds).toEqual(prompts[i]);
        const got = drainTokens(stream, { maxNewTokens: n + 5 }); // stops at the block's n: `remaining`
        const want = generate(model, prompts[i], { temperature: 0, maxNewTokens: n });
        expect(got.map((t) => t.id)).toEqual(want.ids);
        expect(got.map((t) => t.text)).toEqual(want.tokens.map((t) => t.text));
        got.forEach((t, k) => {
          expect(t.p).toBeCloseTo(want.tokens[k].p, 4);
          expect(t.alternatives.map((a) => a.id)).toEqual(want.tokens[k].alternatives.map((a) => a.id));
          expect(t.record.column).toBe(k);
        });
        expect(stream.remaining).toBe(0);
      }
      // One block of two batches: each column loads every layer once, shared by the block's four sequences.
      expect(executor.weightLoads).toBe(n * model.config.nLayer);
    } finally {
      executor.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
  it('reading the streams in turn or one after another gives the same tokens and the same loads', () => {
    const n = 5;
    const executor = new ZigzagExecutor(model, { gbs: 2, nb: 4, maxNewTokens: n });
    let interleaved: number[][];
    try {
      const streams = executor.block(prompts);
      interleaved = streams.map(() => []);
      for (let k = 0; k < n; k++)
        streams.forEach((s, i) => {
          const t = s.next();
          interleaved[i].push(t.id);
          expect(t.record).toEqual({
            column: k,
            sequences: prompts.length,
            weightLoads: model.config.nLayer,
            weightBytesRead: t.record.weightBytesRead,
          });
          expect(t.record.weightBytesRead).toBeGreaterThan(0);
        });
      expect(() => streams[0].next()).toThrow(/makes 5 tokens per sequence/);
      for (const s of streams) s.dispose();
    } finally {
      executor.dispose();
    }
    const drained = runZigzag(model, prompts, { gbs: 2, nb: 4, maxNewTokens: n });
    expect(interleaved).toEqual(drained.tokens);
    expect(interleaved).toEqual(plainBatchedDecode(model, prompts, n));
    expect(executor.weightLoads).toBe(drained.weightLoads);
    expect(executor.weightBytesRead).toBe(drained.weightBytesRead);
  });
  it('a block holds at most nb GPU batches', () => {
    const executor = new ZigzagExecutor(model, { gbs: 2, nb: 1, maxNewTokens: 2 });
    try {
      expect(() => executor.block(prompts.slice(0, 4))).toThrow(/at most nb = 1 GPU batches of 2; got 4 prompts/);
    } finally {
      executor.dispose();
    }
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
