// LoraTrain as plain data: what the sentences state while a run trains (their words are in text.ts), and its voice
// samples' schedule (no DOM, no worker).
import type { Lang } from '../../i18n/lang.ts';
import { nats } from '../_kit/format.ts';
import { text, type Status } from './text.ts';

export interface LossPoint {
  step: number;
  loss: number;
  set: 'train' | 'held-out';
}

export const statusText = (s: Status, lang: Lang = 'en') => text[lang].status(s);

export function lossText(start: number | undefined, now: number | undefined, lang: Lang = 'en'): string {
  if (start === undefined) return '—';
  if (now === undefined || now === start) return nats(start, 3);
  return text[lang].lossChange(start, now);
}

export function trainSummary(
  parameters: number | undefined,
  step: number,
  steps: number,
  start?: number,
  now?: number,
  lang: Lang = 'en',
): string {
  const t = text[lang];
  if (parameters === undefined) return t.notTrained;
  return t.summary(parameters, step, steps, lossText(start, now, lang));
}

/** The voice samples at one step: how many of `samples` the classifier (lib/lora/voice.ts) labels speech. */
export interface VoicePoint {
  step: number;
  speech: number;
  samples: number;
}

/** Seeds of the voice samples drawn every SAMPLE_EVERY steps (one continuation each, VOICE_TOKENS tokens). */
export const VOICE_SEEDS = [1, 2, 3, 4];
export const VOICE_TOKENS = 24;
/** Steps between voice samples: at MEASURED's rate the first one after step 0 lands within the first minute. */
export const SAMPLE_EVERY = 20;

/**
 * The default run (FFN up and down, r = 8, 4 windows of 64 tokens) in Chromium (wasm) on this project's 2-core test
 * machine while other jobs ran: `npm exec -- node scripts/bench-lora-browser.ts`, 2026-12-06, load average 13.
 * `stepsInFirstMinute` counts the steps of the first 60 s of training, voice samples included; `firstSampleSeconds`
 * is from pressing Train to the first voice sample after step 0. Other settings and machines differ.
 */
export const MEASURED = { stepsPerSecond: 1.26, stepsInFirstMinute: 66, firstSampleSeconds: 18, load: 13 } as const;

export function planText(steps: number, parameters: number, lang: Lang = 'en'): string {
  const wallMs = (60_000 * steps) / MEASURED.stepsInFirstMinute;
  return text[lang].plan({ steps, parameters, wallMs, every: SAMPLE_EVERY, ...MEASURED });
}

export function voiceText(v: VoicePoint | undefined, scores: number[], lang: Lang = 'en'): string {
  return v ? text[lang].voice(v, scores) : '—';
}
