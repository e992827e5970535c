// Numerical equivalences of the GPT forward pass, on each backend: KV cache, batching, masks, trees, sparse FFN.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel } from './node-model.ts';
import { mulberry32, randInt } from '../../lib/random.ts';
import type { LanguageModel } from '../../lib/model.ts';

const TOL = 2e-4;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function randomTokens(rng: () => number, n: number, V: number): number[] {
  return Array.from({ length: n }, () => randInt(rng, 0, V - 1));
}

describe.each(['cpu', 'wasm'])('LanguageModel on %s', (backend) => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend(backend);
    expect(tf.getBackend()).toBe(backend);
    model = randomModel();
  });
  afterAll(() => model.dispose());

  it('forward with a KV cache, one token at a time, equals a full forward at every position', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 3; trial++) {
      const ids = randomTokens(rng, 20, 256);
      const full = model.forward([ids]).logits[0];
      const cache = model.newCache();
      const prefill = 1 + randInt(rng, 0, 8);
      const first = model.forward([ids.slice(0, prefill)], { cache }).logits[0];
      for (let t = 0; t < prefill; t++) expect(maxAbsDiff(first[t], full[t])).toBeLessThan(TOL);
      for (let t = prefill; t < ids.length; t++) {
        const step = model.forward([[ids[t]]], { cache }).logits[0][0];
        expect(maxAbsDiff(step, full[t])).toBeLessThan(TOL);
      }
      expect(cache.length).toBe(ids.length);
      cache.dispose();
    }
  });

  it('a batch gives the same logits as its sequences one by one', () => {
    const rng = mulberry32(8);
    const batch = [0, 1, 2].map(() => randomTokens(rng, 12, 256));
    const together = model.forward(batch).logits;
    batch.forEach((ids, b) => {
      const alone = model.forward([ids]).logits[0];
      for (let t = 0; t < ids.length; t++) expect(maxAbsDiff(together[b][t], alone[t])).toBeLessThan(TOL);
    });
  });

  it('an explicit causal mask equals the default, and a different mask changes the result', () => {
    const ids = randomTokens(mulberry32(9), 10, 256);
    const T = ids.length;
    const causal = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j <= i ? 1 : 0)));
    const a = model.forward([ids]).logits[0];
    const b = model.forward([ids], { mask: causal }).logits[0];
    for (let t = 0; t < T; t++) expect(maxAbsDiff(a[t], b[t])).toBeLessThan(TOL);
    const onlySelf = causal.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
    const c = model.forward([ids], { mask: onlySelf }).logits[0];
    expect(maxAbsDiff(a[T - 1], c[T - 1])).toBeGreaterThan(1e-3);
  });

  it('a token tree with ancestor mask and depth positions gives each node the logits of its root-to-node path', () => {
    // Tree over a shared prefix: nodes listed parent-first; parent -1 means the node follows the prefix directly.
    const rng = mulberry32(10);
    const prefix = randomTokens(rng, 5, 256);
    const parents = [-1, 0, 0, 1, 1, 2, -1, 6];
    const tokens = randomTokens(rng, parents.length, 256);
    const depth = parents.map(function d(p): number {
      return p < 0 ? 0 : 1 + d(parents[p]);
    });
    const ancestors = (i: number): number[] => (i < 0 ? [] : [...ancestors(parents[i]), i]);
    const cache = model.newCache();
    model.forward([prefix], { cache });
    const P = prefix.length;
    const mask = tokens.map((_, i) => [
      ...prefix.map(() => 1),
      ...tokens.map((_, j) => (ancestors(i).includes(j) ? 1 : 0)),
    ]);
    const tree = model.forward([tokens], { cache, mask, positions: [depth.map((d) => P + d)] }).logits[0];
    cache.dispose();
    tokens.forEach((_, i) => {
      const path = [...prefix, ...ancestors(i).map((j) => tokens[j])];
      const plain = model.forward([path]).logits[0];
      expect(maxAbsDiff(tree[i], plain[path.length - 1])).toBeLessThan(TOL);
    });
  });

  it('a chain-shaped tree mask with explicit positions equals the causal forward', () => {
    const ids = randomTokens(mulberry32(11), 9, 256);
    const chain = ids.map((_, i) => ids.map((_, j) => (j <= i ? 1 : 0)));
    const a = model.forward([ids]).logits[0];
    const b = model.forward([ids], { mask: chain, positions: [ids.map((_, i) => i)] }).logits[0];
    for (let t = 0; t < ids.length; t++) expect(maxAbsDiff(a[t], b[t])).toBeLessThan(TOL);
  });

  it('the sparse FFN on all neurons, and on just the neurons that fire, equals the dense FFN', () => {
    const ids = randomTokens(mulberry32(12), 6, 256);
    const { nLayer, nFfn } = model.config;
    const dense = model.forward([ids], { record: { ffn: true } });
    const all = Array.from({ length: nLayer }, () => Array.from({ length: nFfn }, (_, i) => i));
    const active = dense.ffnPost!.map((post) =>
      Array.from({ length: nFfn }, (_, i) => i).filter((i) => ids.some((_, t) => post[t * nFfn + i] > 0)),
    );
    expect(active.some((a) => a.length < nFfn)).toBe(true); // the test means something only if some neurons are silent
    for (const neurons of [all, active]) {
      const sparse = model.forward([ids], { ffnNeurons: neurons }).logits[0];
      for (let t = 0; t < ids.length; t++) expect(maxAbsDiff(sparse[t], dense.logits[0][t])).toBeLessThan(TOL);
    }
    const dropped = active.map((a) => a.slice(1));
    const worse = model.forward([ids], { ffnNeurons: dropped }).logits[0];
    expect(maxAbsDiff(worse[ids.length - 1], dense.logits[0][ids.length - 1])).toBeGreaterThan(1e-4);
  });

  it('an all-ones FFN mask equals the dense FFN; the recorded post-ReLU equals ReLU of the pre-activation', () => {
    const ids = randomTokens(mulberry32(13), 5, 256);
    const { nLayer, nFfn } = model.config;
    const dense = model.forward([ids], { record: { ffn: true, attention: true } });
    const ones = Array.from({ length: nLayer }, () => new Float32Array(ids.length * nFfn).fill(1));
    const masked = model.forward([ids], { ffnMask: ones }).logits[0];
    for (let t = 0; t < ids.length; t++) expect(maxAbsDiff(masked[t], dense.logits[0][t])).toBeLessThan(TOL);
    dense.ffnPre!.forEach((pre, l) =>
      expect(
        maxAbsDiff(
          dense.ffnPost![l],
          pre.map((v) => Math.max(0, v)),
        ),
      ).toBe(0),
    );
    // Attention rows are probability distributions over visible keys only.
    const T = ids.length,
      H = model.config.nHead;
    const att = dense.attention![0];
    for (let h = 0; h < H; h++)
      for (let i = 0; i < T; i++) {
        let sum = 0;
        for (let j = 0; j < T; j++) {
          const p = att[(h * T + i) * T + j];
          sum += p;
          if (j > i) expect(p).toBeLessThan(1e-6);
        }
        expect(sum).toBeCloseTo(1, 5);
      }
  });

  it('linear layers are addressable by name; replacing and restoring a weight round-trips', () => {
    expect(model.linearNames).toContain('h.0.mlp.up');
    const ids = [1, 2, 3];
    const before = model.forward([ids]).logits[0][2].slice();
    const up = model.getLinear('h.1.mlp.down');
    expect(up.shape).toEqual([model.config.nFfn, model.config.nEmbd]);
    model.setLinear('h.1.mlp.down', new Float32Array(up.weight.length));
    expect(maxAbsDiff(model.forward([ids]).logits[0][2], before)).toBeGreaterThan(1e-4);
    model.setLinear('h.1.mlp.down', up.weight);
    expect(maxAbsDiff(model.forward([ids]).logits[0][2], before)).toBe(0);
    expect(() => model.getLinear('h.9.mlp.up')).toThrow(/no parameter "h\.9\.mlp\.up\.weight"/);
    expect(() => model.setLinear('h.0.mlp.up', new Float32Array(3))).toThrow(/3 values, expected/);
  });

  it('leaks no tensors from any public call', () => {
    const ids = [5, 6, 7, 8];
    const before = tf.memory().numTensors;
    model.forward([ids], { record: { ffn: true, attention: true } });
    model.forward([ids], { ffnNeurons: [[0, 1], null] });
    const cache = model.newCache();
    model.forward([ids], { cache });
    model.forward([[9]], { cache });
    cache.truncate(2);
    cache.dispose();
    model.getLinear('h.0.attn.qkv');
    const w = model.getLinear('h.0.attn.qkv');
    model.setLinear('h.0.attn.qkv', w.weight, w.bias);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects what it cannot run with a clear message', () => {
    expect(() => model.forward([[1, 2], [3]])).toThrow(/same length/);
    expect(() => model.forward([[300]])).toThrow(/token id 300 is outside 0\.\.255/);
    expect(() => model.forward([Array(33).fill(1)])).toThrow(/exceed the context of 32/);
  });
});
