// What the three PowerInfer-2 widgets (BatchUnion, NeuronCacheSim, PipelineGantt) share, as plain data (no DOM,
// no tensors): which model they measure, how much text the activation profile reads, and a few formatters. Used at
// build time (site/data/measured-phone.ts) and in the worker (site/worker/handlers/phone-*.ts) alike, so the static
// first view and the live figure compute the same thing.
import type { ModelName } from '../worker/models.ts';

/** The model whose neurons the lesson measures: 4 layers × 512 ReLU neurons. */
export const PHONE_MODEL: ModelName = 'target-v1';

/** Tokens of held-out text the activation profile (and so the trace the cache and pipeline replay) reads. */
export const PROFILE_TOKENS = 1024;

/** Characters of held-out text handed to the profiler: comfortably more than PROFILE_TOKENS tokens. */
export const PROFILE_CHARS = 20000;

/** 0.4567 → "45.7%"; tiny non-zero shares keep two significant digits ("0.012%"). */
export function pct(f: number, digits = 1): string {
  if (!Number.isFinite(f)) return '–';
  const v = f * 100;
  if (v !== 0 && Math.abs(v) < 0.1) return `${+v.toPrecision(2)}%`;
  return `${+v.toFixed(digits)}%`;
}

/** Milliseconds with sensible precision: 0.00412 → "4.1 µs", 1.234 → "1.23 ms". */
export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${+(ms * 1000).toPrecision(3)} µs`;
  return `${+ms.toPrecision(3)} ms`;
}

/** Bytes in KB/MB (powers of 1024, as the paper writes block sizes): 4096 → "4 KB". */
export function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = b;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${+v.toPrecision(v < 10 ? 2 : 3)} ${units[u]}`;
}

/** A short, readable form of one token for captions: spaces as "·", newlines as "↵". */
export function tokenLabel(text: string): string {
  return JSON.stringify(text.replace(/ /g, '·').replace(/\n/g, '↵'));
}

/** Read a widget's URL key prop, failing the build with a message that names the widget. */
export function checkUrlKey(widget: string, key: unknown): string {
  if (typeof key !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(key)) {
    throw new Error(`${widget}: prop "urlKey" must be lowercase letters, digits and "-", starting with a letter; received ${JSON.stringify(key)}`);
  }
  return key;
}
