// The lean engine's passes over caches of their own (begin → runLayer per layer → finish): three sequences run layer
// by layer in turn, each with its own cache (FlexGen's zig-zag order), give exactly the logits and greedy tokens of
// three separate engines. Tolerance 0: the same kernels do the same float32 arithmetic in the same order, only
// interleaved. Also: a dropped cache is reused empty, and misuse is refused with a clear error.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnginePass, leanEngine } from '../../../lib/engine/index.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { argmax } from '../../../lib/sampling.ts';
import { loadCommitted } from '../node-model.ts';

let model: LanguageModel;
beforeAll(async () => {
  await tf.setBackend('wasm');
  model = await loadCommitted('target-v1');
}, 120_000);
afterAll(() => model.dispose());

const TEXTS = ['Call me Ishmael. Some', 'It was the best of times', 'Four score and seven years'];

describe('LeanEngine passes with caches of their own', () => {
  for (const kernels of ['js', 'simd'] as const)
    it(`${kernels}: 3 sequences run layer by layer in turn = 3 separate engines, logits and 12 greedy tokens`, () => {
      // prompts of different lengths, so the caches hold different numbers of positions
      const prompts = TEXTS.map((t, i) => model.tokenizer.encode(t).slice(0, 6 + 2 * i));
      const separate = prompts.map(() => leanEngine(model, { kernels }));
      const shared = leanEngine(model, { kernels });
      const caches = prompts.map(() => shared.newCache());
      let inputs = prompts;
      const tokens: number[][] = prompts.map(() => []);
      for (let step = 0; step < 12; step++) {
        const passes: EnginePass[] = inputs.map((ids, i) => shared.begin(ids, {}, caches[i]));
        for (let l = 0; l < model.config.nLayer; l++) for (const p of passes) shared.runLayer(p);
        const got = passes.map((p) => shared.finish(p));
        const want = inputs.map((ids, i) => separate[i].run(ids));
        expect(got).toEqual(want); // bit for bit
        inputs = got.map((rows) => [argmax(rows[rows.length - 1])]);
        inputs.forEach(([id], i) => tokens[i].push(id));
      }
      caches.forEach((c, i) => expect(c.length).toBe(prompts[i].length + 11));
      expect(shared.length).toBe(0); // the engine's own cache was never touched
      // and the tokens are each sequence's own greedy decoding, not one sequence's repeated
      expect(new Set(tokens.map((t) => t.join())).size).toBe(3);
    });

  it('a dropped cache comes back empty from newCache; misuse is refused', () => {
    const e = leanEngine(model, { kernels: 'js' });
    const c = e.newCache();
    const p = e.begin([1, 2, 3], {}, c);
    expect(() => e.finish(p)).toThrow(/has run 0 of 4 layers/);
    for (let l = 0; l < 4; l++) e.runLayer(p);
    expect(() => e.runLayer(p)).toThrow(/all 4 layers; finish/);
    const first = e.finish(p);
    expect(() => e.finish(p)).toThrow(/finished, abandoned/);
    expect(c.length).toBe(3);
    e.dropCache(c);
    expect(() => e.begin([1], {}, c)).toThrow(/not one of this engine/);
    expect(() => e.dropCache(c)).toThrow(/dropped already/);
    const again = e.newCache();
    expect(again.length).toBe(0);
    const stale = e.begin([7], {}, again);
    const fresh = e.begin([1, 2, 3], {}, again); // a new pass on the cache abandons the unfinished one
    expect(() => e.runLayer(stale)).toThrow(/abandoned/);
    for (let l = 0; l < 4; l++) e.runLayer(fresh);
    expect(e.finish(fresh)).toEqual(first);
    expect(() => e.begin([1], {}, leanEngine(model, { kernels: 'js' }).newCache())).toThrow(/not one of this engine/);
  });
});
