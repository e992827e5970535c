// `npm run bench`: speed of the library on this machine, printed as a table.
// Node: cpu and wasm backends. Browser (headless Chromium, if installed and the site is built): wasm and webgl.
// Figures are medians of a few runs; speed targets live here, not in tests.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { cpus } from 'node:os';
import { readFile } from 'node:fs/promises';
import { loadModel } from '../lib/load.ts';
import { argmax } from '../lib/sampling.ts';
import type { LanguageModel } from '../lib/model.ts';

const MODELS = new URL('../public/models/', import.meta.url).pathname;
const CONTEXT = 128;
const PROMPT = 'Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. It is a way I have of driving off the spleen and regulating the circulation.';

export interface DecodeBench { prefillTokensPerSec: number; cachedTokensPerSec: number; uncachedTokensPerSec: number; speedup: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Prefill of a full context; then decoding from context 64 to 128, with the KV cache and by full re-forward. */
export function benchDecode(model: LanguageModel, now: () => number = () => performance.now()): DecodeBench {
  const ids = model.tokenizer.encode(PROMPT.repeat(3)).slice(0, CONTEXT);
  model.forward([ids.slice(0, 8)]); // warm-up: compile kernels, allocate
  const prefill = median([0, 1, 2].map(() => { const t = now(); model.forward([ids]); return now() - t; }));
  const half = CONTEXT / 2;

  const cache = model.newCache();
  let logits = model.forward([ids.slice(0, half)], { cache }).logits[0][half - 1];
  let t = now();
  for (let i = half; i < CONTEXT; i++) logits = model.forward([[argmax(logits)]], { cache }).logits[0][0];
  const cached = now() - t;
  cache.dispose();

  const context = ids.slice(0, half);
  t = now();
  for (let i = half; i < CONTEXT; i++) {
    const rows = model.forward([context]).logits[0];
    context.push(argmax(rows[rows.length - 1]));
  }
  const uncached = now() - t;
  const steps = CONTEXT - half;
  return { prefillTokensPerSec: (CONTEXT / prefill) * 1000, cachedTokensPerSec: (steps / cached) * 1000, uncachedTokensPerSec: (steps / uncached) * 1000, speedup: uncached / cached };
}

async function nodeRows() {
  const rows: Record<string, string | number>[] = [];
  const fetchFile = async (path: string) => { const b = await readFile(path); return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false }; };
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    for (const name of ['target-v1', 'draft-v1']) {
      const t = performance.now();
      const model = await loadModel(MODELS + name, { fetchFile });
      const loadMs = performance.now() - t;
      const d = benchDecode(model);
      model.dispose();
      rows.push(row(`node ${backend}`, name, loadMs, d));
    }
  }
  return rows;
}

export function row(where: string, model: string, loadMs: number, d: DecodeBench) {
  return {
    where, model, 'load ms': Math.round(loadMs), 'prefill tok/s': Math.round(d.prefillTokensPerSec),
    'decode tok/s (KV cache)': Math.round(d.cachedTokensPerSec), 'decode tok/s (re-forward)': Math.round(d.uncachedTokensPerSec), 'KV speedup': `${d.speedup.toFixed(1)}x`,
  };
}

console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs}. Decode: context ${CONTEXT / 2} -> ${CONTEXT}, greedy.`);
const rows = await nodeRows();
const { browserRows } = await import('./bench-browser.ts');
rows.push(...(await browserRows()));
console.table(rows);
