// The voice classifier: trained on the two corpora's training splits, it labels held-out 64-token chunks of each
// correctly at least 95% of the time; its score is an antisymmetric log-likelihood ratio; voiceScore labels what a
// model writes after the prompt.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCommitted } from '../node-model.ts';
import { chunks, NEUTRAL_PROMPTS, VoiceClassifier, voiceScore } from '../../../lib/lora/voice.ts';
import { loadCorpus } from '../../../node/corpus.ts';
import { loadSotuCorpus } from '../../../node/sotu-corpus.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';
import type { LanguageModel } from '../../../lib/model.ts';

let model: LanguageModel;
let speech: { train: number[]; validation: number[] };
let novel: { train: number[]; validation: number[] };
let clf: VoiceClassifier;
beforeAll(async () => {
  await tf.setBackend('wasm'); // what the model writes is only scored: any backend will do
  model = await loadCommitted('target-v1');
  const enc = (c: { train: string; validation: string }) => ({
    train: model.tokenizer.encode(c.train),
    validation: model.tokenizer.encode(c.validation),
  });
  speech = enc(loadSotuCorpus());
  novel = enc(loadCorpus());
  clf = new VoiceClassifier(speech.train, novel.train, model.config.vocabSize);
});

describe('VoiceClassifier', () => {
  it('labels held-out 64-token chunks of each corpus correctly at least 95% of the time', () => {
    const s = chunks(speech.validation, 64);
    const n = chunks(novel.validation, 64);
    expect(s.length).toBeGreaterThan(500);
    expect(n.length).toBeGreaterThan(500);
    const accS = s.filter((c) => clf.label(c) === 'speech').length / s.length;
    const accN = n.filter((c) => clf.label(c) === 'novel').length / n.length;
    expect(accS).toBeGreaterThanOrEqual(0.95);
    expect(accN).toBeGreaterThanOrEqual(0.95);
  });

  it('swapping the corpora negates the score, on random token sequences (property)', () => {
    const swapped = new VoiceClassifier(novel.train, speech.train, model.config.vocabSize);
    const rng = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const ids = Array.from({ length: randInt(rng, 1, 100) }, () => randInt(rng, 0, model.config.vocabSize - 1));
      const a = clf.score(ids);
      expect(Number.isFinite(a)).toBe(true);
      expect(swapped.score(ids)).toBeCloseTo(-a, 9);
    }
  });

  it('the score of a sequence is the length-weighted mean of its halves (property)', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const ids = Array.from({ length: randInt(rng, 2, 80) }, () => randInt(rng, 0, model.config.vocabSize - 1));
      const cut = randInt(rng, 1, ids.length - 1);
      const left = ids.slice(0, cut),
        right = ids.slice(cut);
      const joined =
        (clf.score(left) * left.length + clf.score(right, left[left.length - 1]) * right.length) / ids.length;
      expect(clf.score(ids)).toBeCloseTo(joined, 9);
    }
  });

  it('rejects a token outside the vocabulary and a non-positive smoothing', () => {
    expect(() => new VoiceClassifier([1, 2, 600], [1, 2], 512)).toThrow(/outside the vocabulary/);
    expect(() => new VoiceClassifier([1, 2], [1, 2], 512, { smoothing: 0 })).toThrow(/smoothing/);
  });
});

describe('voiceScore', () => {
  it('samples every prompt once per seed, labels the continuation only, and is repeatable', () => {
    const prompts = NEUTRAL_PROMPTS.slice(0, 3);
    const a = voiceScore(model, clf, { prompts, seeds: [1, 2], maxNewTokens: 16 });
    const b = voiceScore(model, clf, { prompts, seeds: [1, 2], maxNewTokens: 16 });
    expect(a.samples.length).toBe(6);
    expect(a).toEqual(b);
    for (const s of a.samples) {
      const promptIds = model.tokenizer.encode(s.prompt);
      expect(s.ids.length).toBe(16);
      expect(s.text).toBe(model.tokenizer.decode(s.ids));
      expect(s.score).toBe(clf.score(s.ids, promptIds[promptIds.length - 1]));
      expect(s.label).toBe(s.score > 0 ? 'speech' : 'novel');
    }
    expect(a.speechShare).toBe(a.samples.filter((s) => s.label === 'speech').length / 6);
  });
});
