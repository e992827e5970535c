// Greedy speculative decoding emits exactly the target's plain greedy tokens, whatever the tree, on the committed
// models, including prompts longer than the context and generations that slide the context window.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadCommitted } from '../node-model.ts';
import { generate } from '../../../lib/generate.ts';
import { speculativeGenerate, SpeculativeDecoder } from '../../../lib/speculative/speculative-decoder.ts';
import { LeanRunner } from '../../../lib/speculative/lean-gpt.ts';
import { leanEngine } from '../../../lib/engine/index.ts';
import { loadCorpus } from '../../../node/corpus.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const SHAPES = ['chain 1', 'chain 4', '1,1,3,1,1,1,1,1', '2,2,1', '4', 'budget 12'];

describe('greedy speculative decoding on wasm', () => {
  let target: LanguageModel, draft: LanguageModel;
  const prompts: string[] = [];
  const plain = new Map<string, number[]>();
  beforeAll(async () => {
    await tf.setBackend('wasm');
    target = await loadCommitted('target-v1');
    draft = await loadCommitted('draft-v1');
    const text = loadCorpus().validation;
    const ids = target.tokenizer.encode(text.slice(0, 20000));
    prompts.push('T', 'Call me Ishmael.');
    for (const [at, n] of [
      [500, 20],
      [2000, 100],
      [4000, 200],
    ])
      prompts.push(target.tokenizer.decode(ids.slice(at, at + n)));
    for (const p of prompts) plain.set(p, plainGreedy(p, 140));
  }, 300_000); // plain decoding of every prompt first: slow on a busy machine
  // Plain greedy decoding of the target, on the lean engine: it writes the tfjs forward's tokens (a test of its own,
  // tests/lib/engine/generate-engine.test.ts), at a fraction of tfjs's cost. What is tested, speculative decoding,
  // verifies with the tfjs target below.
  const plainGreedy = (p: string, maxNewTokens: number) => {
    const runner = leanEngine(target);
    try {
      return generate(target, p, { temperature: 0, maxNewTokens, runner }).ids;
    } finally {
      runner.dispose();
    }
  };
  afterAll(() => {
    target.dispose();
    draft.dispose();
  });

  // Every shape with the draft on the lean engine (fast); a chain and a wide tree with the draft on tfjs as well.
  // That the two draft engines give the same logits is tests/lib/engine's table test.
  it.each(SHAPES)('tree %s, lean-engine draft: the same tokens as plain greedy decoding for every prompt', (tree) => {
    for (const p of prompts) {
      const r = speculativeGenerate(target, new LeanRunner(draft), p, { tree, temperature: 0, maxNewTokens: 140 });
      expect(r.ids, `prompt ${JSON.stringify(p.slice(0, 30))}`).toEqual(plain.get(p));
      expect(r.targetPasses).toBeLessThanOrEqual(140);
    }
  });

  it.each(['chain 4', 'budget 12'])('tree %s, tfjs draft: the same tokens too', (tree) => {
    for (const p of prompts) {
      const r = speculativeGenerate(target, draft, p, { tree, temperature: 0, maxNewTokens: 140 });
      expect(r.ids).toEqual(plain.get(p));
    }
  });

  it('a long generation slides the window several times and still matches, with fewer target passes than tokens', () => {
    const p = prompts[2];
    const ref = plainGreedy(p, 400);
    const r = speculativeGenerate(target, new LeanRunner(draft), p, {
      tree: '1,1,3,1,1,1,1,1',
      temperature: 0,
      maxNewTokens: 400,
    });
    expect(r.ids).toEqual(ref);
    expect(new Set(r.steps.map((s) => s.windowStart)).size).toBeGreaterThan(3);
    expect(r.targetPasses).toBeLessThan(400 / 1.5);
  });

  it('streams through next() exactly the tokens speculativeGenerate returns', () => {
    const d = new SpeculativeDecoder(target, draft, 'Call me Ishmael.', { tree: 'chain 3', temperature: 0 });
    const ids = Array.from({ length: 30 }, () => d.next().id);
    d.dispose();
    expect(ids).toEqual(plain.get('Call me Ishmael.')!.slice(0, 30));
  });
});
