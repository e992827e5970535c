// The voice classifier's counts file (lib/lora/voice-file.ts), as the worker reads it for LoraTrain: it round-trips
// any counts exactly; the committed file (scripts/voice-counts.ts) gives a classifier whose scores on sampled
// continuations equal, bit for bit, lib/lora/voice.ts's classifier fitted on the corpora themselves; damage is caught.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted } from '../node-model.ts';
import { countTokens, NEUTRAL_PROMPTS, VoiceClassifier, voiceScore } from '../../../lib/lora/voice.ts';
import { decodeVoiceCounts, encodeVoiceCounts } from '../../../lib/lora/voice-file.ts';
import { loadCorpus } from '../../../node/corpus.ts';
import { loadSotuCorpus } from '../../../node/sotu-corpus.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const FILE = 'public/data/voice-counts.bin';

describe('voice counts file', () => {
  it('round-trips random counts exactly, zeros and large counts included (property)', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const V = randInt(rand, 2, 40);
      // Skewed ids so some bigrams repeat many times and most never occur.
      const ids = (n: number) => Array.from({ length: n }, () => Math.floor(V * rand() ** 3));
      const counts = [countTokens(ids(randInt(rand, 2, 3000)), V), countTokens(ids(randInt(rand, 2, 300)), V)] as const;
      const back = decodeVoiceCounts(encodeVoiceCounts(counts));
      for (let i = 0; i < 2; i++) {
        expect(back[i].tokens).toBe(counts[i].tokens);
        expect(back[i].unigram).toEqual(counts[i].unigram);
        expect(back[i].bigram).toEqual(counts[i].bigram);
      }
    }
  });

  it('a flipped byte, a truncated file or another file gives a clear message', () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    const flipped = bytes.slice();
    flipped[1000] ^= 4;
    expect(() => decodeVoiceCounts(flipped)).toThrow(/damaged \(checksum mismatch\)/);
    expect(() => decodeVoiceCounts(bytes.subarray(0, bytes.length - 10))).toThrow(/damaged/);
    expect(() => decodeVoiceCounts(new TextEncoder().encode('<html>not found</html>'))).toThrow(/not a VCT1 file/);
  });
});

describe('the worker-side classifier (from the committed counts) equals lib/lora/voice.ts on the corpora', () => {
  let model: LanguageModel;
  let fromText: VoiceClassifier;
  let fromFile: VoiceClassifier;
  beforeAll(async () => {
    await tf.setBackend('wasm'); // the sampled continuations only need to be the same for both classifiers
    model = await loadCommitted('target-v1');
    const tok = model.tokenizer;
    fromText = new VoiceClassifier(
      tok.encode(loadSotuCorpus().train),
      tok.encode(loadCorpus().train),
      model.config.vocabSize,
    );
    fromFile = VoiceClassifier.fromCounts(decodeVoiceCounts(new Uint8Array(readFileSync(FILE))));
  });

  it('scores and labels the same sampled continuations identically', () => {
    const v = voiceScore(model, fromText, { prompts: NEUTRAL_PROMPTS.slice(0, 4), seeds: [1, 2], maxNewTokens: 24 });
    expect(v.samples).toHaveLength(8);
    for (const s of v.samples) {
      const prev = model.tokenizer.encode(s.prompt).at(-1)!;
      expect(fromFile.score(s.ids, prev)).toBe(s.score);
      expect(fromFile.label(s.ids, prev)).toBe(s.label);
    }
    expect(
      voiceScore(model, fromFile, { prompts: NEUTRAL_PROMPTS.slice(0, 4), seeds: [1, 2], maxNewTokens: 24 }),
    ).toEqual(v);
  });

  it('scores random token sequences identically (property)', () => {
    const rand = mulberry32(3);
    for (let trial = 0; trial < 200; trial++) {
      const ids = Array.from({ length: randInt(rand, 1, 64) }, () => randInt(rand, 0, model.config.vocabSize - 1));
      expect(ids.length).toBeGreaterThan(0);
      expect(fromFile.score(ids)).toBe(fromText.score(ids));
    }
  });
});
