// The speculative decoder reports each token as plain decoding does (both through lib/generate's describeToken):
// greedy, the same ids, and for each the same probability and alternatives under the target.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeToken, generate } from '../../../lib/generate.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { speculativeGenerate } from '../../../lib/speculative/speculative-decoder.ts';
import { randomModel } from '../node-model.ts';

describe('SpeculativeDecoder tokens', () => {
  let target: LanguageModel;
  let draft: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    target = randomModel({ blockSize: 24 }, 1);
    draft = randomModel({ blockSize: 24 }, 2);
  });
  afterAll(() => {
    target.dispose();
    draft.dispose();
  });

  test('greedy: ids, probabilities and alternatives equal plain decoding’s', () => {
    const prompt = [5, 17, 99, 3];
    const opts = { temperature: 0, maxNewTokens: 10, topAlternatives: 3 };
    const plain = generate(target, prompt, opts);
    const spec = speculativeGenerate(target, draft, prompt, { ...opts, tree: 'chain 2' });
    expect(spec.ids).toEqual(plain.ids);
    spec.tokens.forEach((t, i) => {
      const q = plain.tokens[i];
      expect(t.p).toBeCloseTo(q.p, 4);
      expect(t.alternatives.map((a) => a.id)).toEqual(q.alternatives.map((a) => a.id));
      expect(t.alternatives).toHaveLength(3);
    });
  });

  test('describeToken: p is the softmax at the id, alternatives the most likely, partial only when the piece says so', () => {
    const logits = Float32Array.from([0, Math.log(3), Math.log(6)]);
    const tok = target.tokenizer;
    const t = describeToken(tok, 1, logits, 2);
    expect(t.p).toBeCloseTo(0.3, 6); // float32 logits
    expect(t.alternatives.map((a) => a.id)).toEqual([2, 1]);
    expect(t.alternatives[0].p).toBeCloseTo(0.6, 6);
    expect(t.text).toBe(tok.tokenText(1));
    expect(t.partial).toBeUndefined();
    expect(describeToken(tok, 1, logits, 2, { text: 'e2', partial: true }).partial).toBe(true);
  });
});
