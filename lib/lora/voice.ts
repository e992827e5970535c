// Does a model sound like a speech or like the novel? A bigram log-likelihood-ratio classifier over the model's own
// token ids, trained on the two corpora's training splits, and a score: the share of sampled continuations
// (fixed prompts, fixed seeds) that it labels "speech". Loss says how well a model predicts speech text; this says
// whether what it writes reads like one.
import { generate } from '../generate.ts';
import { softmax } from '../sampling.ts';
import type { LanguageModel } from '../model.ts';

export type Voice = 'speech' | 'novel';

export interface VoiceClassifierOptions {
  /** Add-k smoothing of both the unigram and the bigram counts; default 0.05. */
  smoothing?: number;
  /** Weight of the bigram model against the unigram one when interpolating; default 0.5. (The defaults were
   * chosen on a 4 x 5 grid by held-out accuracy: 97.6% speech, 99.7% novel; unigram alone gives 94.0% / 95.3%.) */
  bigramWeight?: number;
}

/** A corpus as the classifier sees it: how often each token and each pair of consecutive tokens occurs. */
export interface TokenCounts {
  vocabSize: number;
  tokens: number;
  unigram: Uint32Array;
  /** Row-major V x V: bigram[a * V + b] counts a followed by b. */
  bigram: Uint32Array;
}

export function countTokens(ids: ArrayLike<number>, vocabSize: number): TokenCounts {
  const V = vocabSize;
  const unigram = new Uint32Array(V);
  const bigram = new Uint32Array(V * V);
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i];
    if (!(Number.isInteger(t) && t >= 0 && t < V))
      throw new Error(`VoiceClassifier: token id ${t} outside the vocabulary of ${V}`);
    unigram[t]++;
    if (i > 0) bigram[ids[i - 1] * V + t]++;
  }
  return { vocabSize: V, tokens: ids.length, unigram, bigram };
}

/**
 * Two smoothed token models, one per corpus, interpolated unigram + bigram. score(ids) is the mean log-likelihood
 * ratio per token, log p_speech − log p_novel (nats/token): positive reads as speech. Equal priors.
 */
export class VoiceClassifier {
  readonly vocabSize: number;
  private readonly uni!: [Float64Array, Float64Array];
  private readonly bi!: [Float64Array, Float64Array];
  private readonly lambda!: number;

  constructor(
    speechIds: ArrayLike<number>,
    novelIds: ArrayLike<number>,
    vocabSize: number,
    opts: VoiceClassifierOptions = {},
  ) {
    this.vocabSize = vocabSize;
    [this.uni, this.bi, this.lambda] = VoiceClassifier.#fit(
      [countTokens(speechIds, vocabSize), countTokens(novelIds, vocabSize)],
      opts,
    );
  }

  /** The same classifier from the corpora's counts (voiceCounts of each training split), without the text. */
  static fromCounts(counts: readonly [TokenCounts, TokenCounts], opts: VoiceClassifierOptions = {}): VoiceClassifier {
    const V = counts[0].vocabSize;
    if (counts[1].vocabSize !== V)
      throw new Error('VoiceClassifier: the two corpora were counted over different vocabularies');
    const c = Object.create(VoiceClassifier.prototype) as VoiceClassifier;
    const fitted = VoiceClassifier.#fit(counts, opts);
    Object.assign(c, { vocabSize: V, uni: fitted[0], bi: fitted[1], lambda: fitted[2] });
    return c;
  }

  static #fit(
    counts: readonly [TokenCounts, TokenCounts],
    opts: VoiceClassifierOptions,
  ): [[Float64Array, Float64Array], [Float64Array, Float64Array], number] {
    const k = opts.smoothing ?? 0.05;
    const lambda = opts.bigramWeight ?? 0.5;
    if (!(k > 0)) throw new Error('VoiceClassifier: smoothing must be positive');
    if (!(lambda >= 0 && lambda <= 1)) throw new Error('VoiceClassifier: bigramWeight must be in [0, 1]');
    const fit = (c: TokenCounts): [Float64Array, Float64Array] => {
      const V = c.vocabSize;
      if (c.tokens < 2) throw new Error('VoiceClassifier: each corpus needs at least two tokens');
      const uni = Float64Array.from(c.unigram, (n) => n + k);
      const bi = Float64Array.from(c.bigram, (n) => n + k);
      // Normalise: unigram over V; each bigram row over its own total.
      const uniTotal = uni.reduce((s, x) => s + x, 0);
      for (let t = 0; t < V; t++) uni[t] /= uniTotal;
      for (let a = 0; a < V; a++) {
        let rowTotal = 0;
        for (let b = 0; b < V; b++) rowTotal += bi[a * V + b];
        for (let b = 0; b < V; b++) bi[a * V + b] /= rowTotal;
      }
      return [uni, bi];
    };
    const [su, sb] = fit(counts[0]);
    const [nu, nb] = fit(counts[1]);
    return [[su, nu], [sb, nb], lambda];
  }

  private logProb(which: 0 | 1, prev: number, t: number): number {
    const u = this.uni[which][t];
    if (prev < 0) return Math.log(u);
    return Math.log(this.lambda * this.bi[which][prev * this.vocabSize + t] + (1 - this.lambda) * u);
  }

  /** Mean log-likelihood ratio per token (nats), speech over novel; 0 for an empty sequence. */
  score(ids: ArrayLike<number>, prev = -1): number {
    if (ids.length === 0) return 0;
    let s = 0;
    for (let i = 0; i < ids.length; i++) {
      const p = i === 0 ? prev : ids[i - 1];
      s += this.logProb(0, p, ids[i]) - this.logProb(1, p, ids[i]);
    }
    return s / ids.length;
  }

  label(ids: ArrayLike<number>, prev = -1): Voice {
    return this.score(ids, prev) > 0 ? 'speech' : 'novel';
  }
}

/** Consecutive non-overlapping chunks of `size` tokens (the last partial one dropped). */
export function chunks(ids: ArrayLike<number>, size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + size <= ids.length; i += size) out.push(Array.from({ length: size }, (_, j) => ids[i + j]));
  return out;
}

/**
 * Twenty prompts that belong to neither text: no whale, no sea, no nation. The voice that follows them is the
 * model's own.
 */
export const NEUTRAL_PROMPTS: readonly string[] = [
  'The',
  'It was',
  'There is',
  'I think that',
  'We',
  'This is',
  'In the',
  'And so',
  'Now',
  'They said',
  'One of the',
  'But',
  'When',
  'If you',
  'For',
  'All of',
  'Here',
  'What',
  'Today',
  'So',
];

/** The sampling temperature of voiceScore's continuations: a voice, not the single most likely string. */
export const VOICE_TEMPERATURE = 0.8;

export interface VoiceSample {
  prompt: string;
  seed: number;
  /** The continuation's token ids and text (the prompt excluded). */
  ids: number[];
  text: string;
  score: number;
  label: Voice;
}

export interface VoiceScoreOptions {
  prompts?: readonly string[];
  /** Seeds per prompt: each prompt is sampled once per seed. Default [1]. */
  seeds?: readonly number[];
  temperature?: number;
  maxNewTokens?: number;
}

/**
 * Samples a continuation of each prompt for each seed from the model as it stands (with whatever adapter is
 * attached) and labels the continuation, not the prompt. Returns the share labelled speech and the samples.
 */
export function voiceScore(
  model: LanguageModel,
  classifier: VoiceClassifier,
  opts: VoiceScoreOptions = {},
): { speechShare: number; samples: VoiceSample[] } {
  const prompts = opts.prompts ?? NEUTRAL_PROMPTS;
  const seeds = opts.seeds ?? [1];
  const temperature = opts.temperature ?? VOICE_TEMPERATURE;
  const maxNewTokens = opts.maxNewTokens ?? 64;
  if (prompts.length === 0 || seeds.length === 0) throw new Error('voiceScore: need at least one prompt and seed');
  const samples: VoiceSample[] = [];
  for (const prompt of prompts)
    for (const seed of seeds) {
      const g = generate(model, prompt, { temperature, seed, maxNewTokens });
      const prev = g.promptIds.length ? g.promptIds[g.promptIds.length - 1] : -1;
      const score = classifier.score(g.ids, prev);
      samples.push({ prompt, seed, ids: g.ids, text: g.text, score, label: score > 0 ? 'speech' : 'novel' });
    }
  return { speechShare: samples.filter((s) => s.label === 'speech').length / samples.length, samples };
}

/**
 * Probability that the model continues `prompt` with `word` (e.g. " America"), the product of its tokens'
 * probabilities at temperature 1: a word our Moby Dick tokenizer splits into pieces is still one event.
 */
export function wordProbability(model: LanguageModel, prompt: string, word: string): number {
  const p = model.tokenizer.encode(prompt);
  const whole = model.tokenizer.encode(prompt + word);
  if (p.some((id, i) => whole[i] !== id)) throw new Error(`wordProbability: "${word}" merges into the prompt's tokens`);
  const w = whole.slice(p.length);
  if (p.length === 0 || w.length === 0) throw new Error('wordProbability: need a non-empty prompt and word');
  const ids = [...p, ...w];
  if (ids.length > model.config.blockSize) throw new Error('wordProbability: prompt and word exceed the context');
  const logits = model.forward([ids.slice(0, -1)]).logits[0];
  let logP = 0;
  for (let i = 0; i < w.length; i++) logP += Math.log(softmax(logits[p.length - 1 + i])[w[i]]);
  return Math.exp(logP);
}
