// LoraTrain as plain data: the sentences the widget shows while a run trains (no DOM, no worker).
import { count, decimal, nats, perSecond, signedDecimal } from '../_kit/format.ts';

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
