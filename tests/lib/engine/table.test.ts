// The table test of issue 21: every engine (tfjs forward on wasm, lean engine on plain-JS kernels, lean engine on
// WebAssembly SIMD kernels) × every seam (causal, tree mask, window slide, unmerged LoRA, overrides, sparse FFN with
// an exact and a partial active set, custom FFN, int4 and int3 weights, the zig-zag order of lib/offload: three
// sequences a layer at a time with caches of their own) against the tfjs forward's logits, and the compressed KV cache
// (kvFn, which tfjs no longer has: the identity gives the tfjs logits, the round trip is what the cache holds and
// what a one-pass prefill and one-token steps alike read); then greedy tokens equal across engines for the shipped
// models. Tolerance, absolute on logits up to ~16: 1e-4 for fp32
// weights (float32 sums in another order), 2e-4 for packed int4/int3 (the engine sums each group's codes before
// scaling, tfjs multiplies dequantized weights). Measured on a 40-token prefill: at most 1.0e-5 (fp32) and 1.3e-5
// (int4/int3) on either kernel set.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineRunOptions, LeanEngine, leanEngine, loadLeanEngine } from '../../../lib/engine/index.ts';
import { loadModel } from '../../../lib/load.ts';
import { AdapterSet } from '../../../lib/lora/index.ts';
import { kvRoundTrip } from '../../../lib/offload/compression.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';
import { addChild, rootTree, treeMask, treePositions } from '../../../lib/speculative/token-tree.ts';
import { loadCommitted, MODELS_DIR, readFromDisk } from '../node-model.ts';

const TOL = { fp32: 1e-4, packed: 2e-4 };
const PROMPT = 'Call me Ishmael. Some years ago, never mind how long precisely, having little money in my purse';

interface Runner {
  run(tokens: number[], opts?: EngineRunOptions): Float32Array[];
  keep(positions: number[]): void;
}

/** The tfjs forward with its KV cache, through LanguageModel.forward (what training and calibration use). */
function tfjsRunner(model: LanguageModel): Runner {
  const cache = model.newCache();
  return {
    run: (tokens, o = {}) =>
      model
        .forward([tokens], {
          cache,
          mask: o.mask,
          positions: o.positions && [o.positions],
          ffnNeurons: o.ffnNeurons,
          ffnFn: o.ffnFn,
        })
        .logits[0].map((r) => r.slice()),
    keep: (p) => cache.keep(p),
  };
}

const maxAbsDiff = (a: Float32Array[], b: Float32Array[]) => {
  let m = 0;
  a.forEach((row, t) => {
    for (let i = 0; i < row.length; i++) m = Math.max(m, Math.abs(row[i] - b[t][i]));
  });
  return m;
};

type Scenario = (r: Runner, model: LanguageModel) => Float32Array[];

const prompt = (m: LanguageModel, n = 24) => m.tokenizer.encode(PROMPT).slice(0, n);

const SCENARIOS: Record<string, Scenario> = {
  // a prefill chunk, then one-token steps
  causal: (r, m) => {
    const out = r.run(prompt(m));
    for (let i = 0; i < 4; i++) out.push(...r.run([out.length % 200]));
    return out;
  },
  'tree mask': (r, m) => {
    const p = prompt(m, 20);
    const rng = mulberry32(5);
    const tree = rootTree(7);
    for (let i = 1; i < 9; i++) addChild(tree, randInt(rng, 0, i - 1), randInt(rng, 0, m.config.vocabSize - 1), 1);
    return [
      ...r.run(p),
      ...r.run(
        tree.nodes.map((x) => x.token),
        { mask: treeMask(tree, p.length), positions: treePositions(tree, p.length) },
      ),
    ];
  },
  'window slide': (r, m) => {
    const p = prompt(m, 30);
    const out = r.run(p);
    r.keep(Array.from({ length: 20 }, (_, i) => 10 + i)); // drop the oldest 10 positions
    out.push(...r.run([11, 12], { positions: [30, 31] }));
    return out;
  },
  'sparse FFN, a partial active set': (r, m) => {
    const rng = mulberry32(9);
    const sets = Array.from({ length: m.config.nLayer }, () =>
      Array.from({ length: m.config.nFfn }, (_, i) => i).filter(() => rng() < 0.3),
    );
    return [...r.run(prompt(m, 12)), ...r.run([40], { ffnNeurons: sets }), ...r.run([41, 42], { ffnNeurons: sets })];
  },
  'custom FFN (ffnFn)': (r, m) => {
    const ffnFn = (layer: number, x: Float32Array) => x.map((v, i) => Math.tanh(v) * (((i + layer) % 3) - 1));
    return r.run(prompt(m, 12), { ffnFn });
  },
};

describe('every engine × every seam gives the tfjs logits', () => {
  let target: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    target = await loadCommitted('target-v1');
  }, 120_000);
  afterAll(() => target.dispose());

  for (const kernels of ['js', 'simd'] as const) {
    it.each(Object.keys(SCENARIOS))(`lean ${kernels}: %s`, (name) => {
      const want = SCENARIOS[name](tfjsRunner(target), target);
      const got = SCENARIOS[name](leanEngine(target, { kernels }), target);
      expect(got.length).toBe(want.length);
      expect(maxAbsDiff(got, want)).toBeLessThan(TOL.fp32);
    });

    it(`lean ${kernels}: sparse FFN over the exact active set gives the dense logits`, () => {
      const p = prompt(target, 16);
      const dense = target.forward([p], { record: { ffn: true } });
      const F = target.config.nFfn;
      const last = p.length - 1;
      const active = dense.ffnPost!.map((post) =>
        Array.from({ length: F }, (_, i) => i).filter((i) => post[last * F + i] > 0),
      );
      const e = leanEngine(target, { kernels });
      e.run(p.slice(0, last));
      const got = e.run([p[last]], { ffnNeurons: active })[0];
      expect(maxAbsDiff([got], [dense.logits[0][last]])).toBeLessThan(TOL.fp32);
      expect(active.every((a) => a.length < F)).toBe(true); // really sparse: ReLU zeroes some neurons
    });

    it(`lean ${kernels}: zig-zag order (a layer at a time for 3 sequences, caches of their own) gives each one's tfjs logits`, () => {
      const prompts = [prompt(target, 10), prompt(target, 16).slice(3), prompt(target, 20).slice(8)];
      const steps = [[40], [41], [7]];
      const want = prompts.map((p) => {
        const r = tfjsRunner(target);
        return [...r.run(p), ...steps.flatMap((s) => r.run(s))];
      });
      const e = leanEngine(target, { kernels });
      const caches = prompts.map(() => e.newCache());
      const got: Float32Array[][] = prompts.map(() => []);
      for (const inputs of [prompts, ...steps.map((s) => prompts.map(() => s))]) {
        const passes = inputs.map((ids, i) => e.begin(ids, {}, caches[i]));
        for (let l = 0; l < target.config.nLayer; l++) for (const p of passes) e.runLayer(p);
        passes.forEach((p, i) => got[i].push(...e.finish(p)));
      }
      got.forEach((rows, i) => expect(maxAbsDiff(rows, want[i])).toBeLessThan(TOL.fp32));
    });

    it(`lean ${kernels}: compressed KV (kvFn, FlexGen's 4-bit round trip): the cache holds it and every pass reads it`, () => {
      const p = prompt(target, 24);
      const C = target.config.nEmbd;
      const kvFn = kvRoundTrip(4);
      // the identity changes nothing: the tfjs logits
      expect(
        maxAbsDiff(leanEngine(target, { kernels }).run(p, { kvFn: (rows) => rows }), tfjsRunner(target).run(p)),
      ).toBeLessThan(TOL.fp32);
      // layer 0's keys and values do not depend on the round trip: cached = round trip of the plain cache, exactly
      const plain = leanEngine(target, { kernels });
      plain.run(p);
      const e = leanEngine(target, { kernels });
      const onePass = e.run(p, { kvFn });
      const byToken = (headMajor: Float32Array) => {
        const H = target.config.nHead,
          hs = C / H,
          out = new Float32Array(headMajor.length);
        for (let h = 0; h < H; h++)
          for (let t = 0; t < p.length; t++)
            out.set(headMajor.subarray((h * p.length + t) * hs, (h * p.length + t + 1) * hs), t * C + h * hs);
        return out;
      };
      for (const kv of ['k', 'v'] as const)
        expect(byToken(e.cacheValues()[kv][0])).toEqual(kvFn(byToken(plain.cacheValues()[kv][0]), C));
      // one pass = one token at a time: what attention reads within a pass is what later passes read from the cache
      const stepwise = leanEngine(target, { kernels });
      const steps = p.map((id) => stepwise.run([id], { kvFn })[0]);
      expect(maxAbsDiff(steps, onePass)).toBeLessThan(TOL.fp32);
      // and the round trip matters: not the plain logits
      expect(maxAbsDiff(onePass, leanEngine(target, { kernels }).run(p))).toBeGreaterThan(0.01);
    });

    it(`lean ${kernels}: overrides (setLinear) give forward's overrides`, () => {
      const w = target.getLinear('h.1.mlp.up').weight.map((v, i) => v * (1 + 0.2 * Math.sin(i)));
      const p = prompt(target, 16);
      const want = target.forward([p], { overrides: { 'h.1.mlp.up.weight': w } }).logits[0];
      const e = leanEngine(target, { kernels });
      e.setLinear('h.1.mlp.up', w);
      expect(maxAbsDiff(e.run(p), want)).toBeLessThan(TOL.fp32);
    });
  }

  it('unmerged LoRA: tfjs with the adapter attached = lean js = lean simd; no engine silently drops it', () => {
    const set = new AdapterSet(target);
    set.load('r4', readFileSync(MODELS_DIR + 'lora-sotu-v1/r4.lora'));
    set.use('r4'); // unmerged, as AdapterSet does by default
    try {
      const adapter = set.get('r4');
      const want = SCENARIOS.causal(tfjsRunner(target), target);
      for (const kernels of ['js', 'simd'] as const)
        expect(maxAbsDiff(SCENARIOS.causal(leanEngine(target, { kernels, adapter }), target), want)).toBeLessThan(
          TOL.fp32,
        );
      expect(() => leanEngine(target)).toThrow(/unmerged LoRA adapter attached/);
      // a low-rank term on an FFN layer cannot ride along a sparse or custom FFN: refused, not dropped
      const C = target.config.nEmbd,
        F = target.config.nFfn;
      const term = { a: new Float32Array(C), b: new Float32Array(F), rank: 1, scale: 1, column: 0, outDim: F };
      const e = leanEngine(target, { lowRank: { 'h.0.mlp.up': [term] } });
      expect(() => e.run([1], { ffnNeurons: [[1], null, null, null] })).toThrow(/low-rank term/);
      expect(() => e.run([1], { ffnFn: (_, x) => x })).toThrow(/low-rank term/);
      set.use(null);
      // and the adapter really changes the logits, so the equality above is not the base model's
      expect(maxAbsDiff(SCENARIOS.causal(tfjsRunner(target), target), want)).toBeGreaterThan(0.05);
    } finally {
      set.dispose();
    }
  });

  it.each([
    ['int4', 'target-v1-awq-int4-g64'],
    ['int3', 'target-v1-awq-int3-g128'],
  ])('%s weights (%s): packed in the lean engine = dequantized in tfjs', async (_, folder) => {
    const model = await loadModel(MODELS_DIR + folder, { fetchFile: readFromDisk });
    try {
      // Each kernel set's engine loaded once from the file, emptied before each scenario.
      const engines = await Promise.all(
        (['js', 'simd'] as const).map(
          async (kernels) => (await loadLeanEngine(MODELS_DIR + folder, { fetchFile: readFromDisk, kernels })).engine,
        ),
      );
      for (const name of ['causal', 'tree mask', 'window slide']) {
        const want = SCENARIOS[name](tfjsRunner(model), model);
        for (const engine of engines) {
          engine.reset();
          expect(maxAbsDiff(SCENARIOS[name](engine, model), want)).toBeLessThan(TOL.packed);
        }
      }
      const { engine } = await loadLeanEngine(MODELS_DIR + folder, { fetchFile: readFromDisk });
      expect(() => engine.run([1], { ffnNeurons: [[1], null, null, null] })).toThrow(/quantized/);
      expect(() => engine.run([1], { record: { ffn: true } } as never)).toThrow(/option record is not supported/);
    } finally {
      model.dispose();
    }
  });
});

describe('greedy tokens are equal across engines for the shipped models', () => {
  beforeAll(() => tf.setBackend('wasm'));

  function greedy(r: Runner, start: number[], n: number): number[] {
    const out: number[] = [];
    let rows = r.run(start);
    for (let i = 0; i < n; i++) {
      const row = rows[rows.length - 1];
      let best = 0;
      for (let v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
      out.push(best);
      rows = r.run([best]);
    }
    return out;
  }

  it.each(['target-v1', 'draft-v1', 'target-v1-awq-int4-g64', 'target-v1-awq-int3-g128'])('%s', async (folder) => {
    const model = await loadModel(MODELS_DIR + folder, { fetchFile: readFromDisk });
    try {
      const start = prompt(model, 16);
      const want = greedy(tfjsRunner(model), start, 80);
      for (const kernels of ['js', 'simd'] as const) {
        const { engine } = await loadLeanEngine(MODELS_DIR + folder, { fetchFile: readFromDisk, kernels });
        expect(engine).toBeInstanceOf(LeanEngine);
        expect(greedy(engine, start, 80)).toEqual(want);
      }
    } finally {
      model.dispose();
    }
  });
});
