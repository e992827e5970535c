// The voice measurement shared by scripts/train-lora.ts (for the card) and scripts/lora-voice.ts (for any adapter
// file): the classifier trained on both corpora's training splits, the share of sampled continuations it labels
// speech, and the probability of a few words only one of the texts uses.
import type { LanguageModel } from '../lib/model.ts';
import type { Tokenizer } from '../lib/tokenizer.ts';
import {
  chunks,
  NEUTRAL_PROMPTS,
  VOICE_TEMPERATURE,
  VoiceClassifier,
  voiceScore,
  wordProbability,
} from '../lib/lora/voice.ts';
import { loadCorpus } from './corpus.ts';
import { loadSotuCorpus } from './sotu-corpus.ts';

export const VOICE_SEEDS = [1, 2];

export const VOICE_TOKENS = 48;
/** Words of the speeches (the first three) and of the novel (the last two), each with its leading space. */
export const PROBE_WORDS = [' America', ' Congress', ' jobs', ' whale', ' sea'];

export function voiceClassifier(tok: Tokenizer, vocabSize: number): VoiceClassifier {
  return new VoiceClassifier(tok.encode(loadSotuCorpus().train), tok.encode(loadCorpus().train), vocabSize);
}

export function measureVoice(model: LanguageModel, clf: VoiceClassifier) {
  const v = voiceScore(model, clf, { seeds: VOICE_SEEDS, temperature: VOICE_TEMPERATURE, maxNewTokens: VOICE_TOKENS });
  // Mean over the neutral prompts of p(word | prompt).
  const words = Object.fromEntries(
    PROBE_WORDS.map((w) => [
      w.trim(),
      NEUTRAL_PROMPTS.reduce((s, p) => s + wordProbability(model, p, w), 0) / NEUTRAL_PROMPTS.length,
    ]),
  );
  return {
    speechShare: v.speechShare,
    samples: v.samples.map(({ prompt, seed, text, score, label }) => ({ prompt, seed, text, score, label })),
    words,
  };
}

/** How the voice was measured, for a card: the prompts, seeds, sampling, and the classifier's held-out accuracy. */
export function voiceSettings(clf: VoiceClassifier, tok: Tokenizer) {
  const CHUNK = 64;
  // Share of held-out chunks of a corpus the classifier labels as that corpus.
  const accuracy = (text: string, want: 'speech' | 'novel') => {
    const cs = chunks(tok.encode(text), CHUNK);
    return Math.round((1e4 * cs.filter((c) => clf.label(c) === want).length) / cs.length) / 1e4;
  };
  return {
    classifier: 'bigram log-likelihood ratio (lib/lora/voice.ts) on both training splits; speech if > 0',
    classifierAccuracy: {
      speech: accuracy(loadSotuCorpus().validation, 'speech'),
      novel: accuracy(loadCorpus().validation, 'novel'),
      chunkTokens: CHUNK,
    },
    prompts: NEUTRAL_PROMPTS,
    seeds: VOICE_SEEDS,
    temperature: VOICE_TEMPERATURE,
    tokens: VOICE_TOKENS,
    probeWords: PROBE_WORDS.map((w) => w.trim()),
  };
}
