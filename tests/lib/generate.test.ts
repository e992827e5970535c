import * as tf from '@tensorflow/tfjs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel } from './node-model.ts';
import { generate } from '../../lib/generate.ts';
import { evaluate } from '../../lib/evaluate.ts';
import type { LanguageModel } from '../../lib/model.ts';

describe('generate and evaluate', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel({ blockSize: 24 });
  });
  afterAll(() => model.dispose());

  it('decoding with the KV cache picks the same tokens as re-running the whole context', () => {
    for (const opts of [
      { temperature: 0 },
      { temperature: 0.8, topK: 20, seed: 4 },
      { temperature: 1.2, topP: 0.9, seed: 5 },
    ]) {
      const cached = generate(model, 'abc', { ...opts, maxNewTokens: 15 });
      const full = generate(model, 'abc', { ...opts, maxNewTokens: 15, noCache: true });
      expect(cached.ids).toEqual(full.ids);
      expect(cached.ids).toHaveLength(15);
    }
  });

  it('the same seed gives the same text and another seed a different one', () => {
    const a = generate(model, 'hello', { temperature: 1, seed: 1, maxNewTokens: 20 });
    const b = generate(model, 'hello', { temperature: 1, seed: 1, maxNewTokens: 20 });
    const c = generate(model, 'hello', { temperature: 1, seed: 2, maxNewTokens: 20 });
    expect(a.ids).toEqual(b.ids);
    expect(a.ids).not.toEqual(c.ids);
  });

  it('reports per-step alternatives whose probabilities are sorted and include the greedy choice', () => {
    const r = generate(model, 'xyz', { temperature: 0, maxNewTokens: 5, topAlternatives: 5 });
    for (const t of r.tokens) {
      expect(t.alternatives).toHaveLength(5);
      expect(t.alternatives[0].id).toBe(t.id);
      for (let i = 1; i < 5; i++) expect(t.alternatives[i].p).toBeLessThanOrEqual(t.alternatives[i - 1].p);
    }
  });

  it('a prompt longer than the context keeps its end, and generation slides past the window', () => {
    const before = tf.memory().numTensors;
    const r = generate(model, 'x'.repeat(100), { temperature: 0, maxNewTokens: 40 });
    expect(r.promptTruncated).toBe(true);
    expect(r.ids).toHaveLength(40);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('onToken can stop generation early', () => {
    let n = 0;
    const r = generate(model, 'ab', { maxNewTokens: 50, onToken: () => ++n < 3 });
    expect(r.ids).toHaveLength(3);
  });

  it('evaluate agrees with a hand-computed cross-entropy on a short text', () => {
    const ids = [10, 20, 30, 40, 50];
    const logits = model.forward([ids.slice(0, -1)]).logits[0];
    let nll = 0;
    logits.forEach((row, t) => {
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
      nll += lse - row[ids[t + 1]];
    });
    const e = evaluate(model, ids);
    expect(e.tokens).toBe(4);
    expect(e.loss).toBeCloseTo(nll / 4, 5);
    expect(e.perplexity).toBeCloseTo(Math.exp(nll / 4), 4);
    expect(e.bitsPerByte).toBeCloseTo(nll / Math.LN2 / 4, 5); // byte tokens: one byte each
    expect(() => evaluate(model, [1])).toThrow(/at least two tokens/);
  });
});
