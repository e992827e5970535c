// LoraTrain as plain data: the sentences the widget shows while a run trains, and its voice samples' schedule (no
// DOM, no worker).
import { count, decimal, duration, nats, perSecond, signedDecimal } from '../_kit/format.ts';

export interface LossPoint {
  step: number;
  loss: number;
  set: 'train' | 'held-out';
}

export function statusText(s: {
  step: number;
  steps: number;
  stepsPerSecond: number;
  tokensPerSecond: number;
  backend: string;
  state: 'training' | 'paused' | 'stopped' | 'done';
}): string {
  const rate =
    s.stepsPerSecond > 0
      ? `, ${decimal(s.stepsPerSecond, 2)} steps/s (${perSecond(s.tokensPerSecond)}) on ${s.backend}`
      : '';
  const what = { training: 'Training', paused: 'Paused', stopped: 'Stopped', done: 'Done' }[s.state];
  return `${what}: step ${count(s.step)} of ${count(s.steps)}${rate}.`;
}

export function lossText(start: number | undefined, now: number | undefined): string {
  if (start === undefined) return '—';
  if (now === undefined || now === start) return nats(start, 3);
  const d = now - start;
  return `${decimal(start, 3)} → ${nats(now, 3)} (${signedDecimal(d, 3)})`;
}

export function trainSummary(
  parameters: number | undefined,
  step: number,
  steps: number,
  start?: number,
  now?: number,
): string {
  if (parameters === undefined) return 'Not trained yet: press Train to fine-tune a LoRA adapter in your browser.';
  return `Adapter with ${count(parameters)} trainable numbers, step ${step} of ${steps}; held-out loss ${lossText(start, now)}.`;
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

export function planText(steps: number, parameters: number): string {
  const wallMs = (60_000 * steps) / MEASURED.stepsInFirstMinute;
  return `Not started. The adapter will train ${count(parameters)} numbers; the base model stays frozen. Expect about ${duration(wallMs)} for ${count(steps)} steps, with a voice sample every ${SAMPLE_EVERY} steps: the default run (FFN, r = 8) did ${MEASURED.stepsInFirstMinute} steps in its first minute (${decimal(MEASURED.stepsPerSecond, 2)} steps/s while training) and showed its first voice sample ${MEASURED.firstSampleSeconds} s after Train was pressed, measured in Chromium on this project's 2-core test machine under load ${MEASURED.load}. Yours may differ.`;
}

export function voiceText(v: VoicePoint | undefined, scores: number[]): string {
  if (!v) return '—';
  const each = scores.map((s) => signedDecimal(s, 2)).join(', ');
  return `step ${count(v.step)}: ${v.speech} of ${v.samples} samples read as speech (scores ${each} nats/token; above 0 = speech)`;
}
