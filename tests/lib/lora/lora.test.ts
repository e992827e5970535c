// lib/lora: the unmerged forward, merging, the parameter count, the adapter set, on each backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel } from '../node-model.ts';
import { mulberry32, randInt, randn } from '../../../lib/random.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { PRESETS } from '../../../lib/config.ts';
import {
  LoraAdapter,
  AdapterSet,
  baseModelId,
  mergeAdapter,
  unmergeAdapter,
  targetsFor,
  loraParameterCount,
  squareLoraParameterCount,
  KINDS,
  resolveTarget,
  validateLoraSpec,
  type Kind,
} from '../../../lib/lora/index.ts';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
const flat = (rows: Float32Array[][]) => Float32Array.from(rows.flatMap((r) => r.flatMap((x) => Array.from(x))));

/** Fills B with seeded Gaussian values (a trained adapter's B is not zero). */
function randomizeB(adapter: LoraAdapter, seed: number, std = 0.5): void {
  const rng = mulberry32(seed);
  for (const b of Object.values(adapter.b))
    b.assign(
      tf.tensor(
        Float32Array.from({ length: b.size }, () => std * randn(rng)),
        b.shape,
      ),
    );
}

describe('parameter count', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  it('r (in + out) per target matches the adapters built, for every kind of matrix, every rank, alone and together', () => {
    const cfg = PRESETS.target;
    const base = { name: 't', config: cfg, fingerprint: '0' };
    const choices: Kind[][] = [...KINDS.map((k) => [k]), ['q', 'v'], ['q', 'k', 'v', 'o'], ['up', 'down'], [...KINDS]];
    for (const kinds of choices)
      for (const r of [1, 2, 4, 8]) {
        const targets = targetsFor(cfg, kinds);
        const a = new LoraAdapter(base, { rank: r, alpha: 8, targets }, { seed: 1 });
        const built = Object.values(a.variables).reduce((n, v) => n + v.size, 0);
        expect(a.parameterCount).toBe(built);
        expect(loraParameterCount(cfg, targets, r)).toBe(built);
        a.dispose();
      }
  });

  it("equals the paper's 2·L̂·d·r on square matrices: 8,192 for W_q, W_v at r = 4 here, 18,874,368 for GPT-3 175B", () => {
    const cfg = PRESETS.target;
    expect(loraParameterCount(cfg, targetsFor(cfg, ['q', 'v']), 4)).toBe(
      squareLoraParameterCount(cfg.nEmbd, 2 * cfg.nLayer, 4),
    );
    expect(loraParameterCount(cfg, targetsFor(cfg, ['q', 'v']), 4)).toBe(8192);
    expect(squareLoraParameterCount(12288, 2 * 96, 4)).toBe(18_874_368);
  });

  it('rejects bad targets, ranks and alphas with messages naming the value', () => {
    const cfg = PRESETS.target;
    expect(() => resolveTarget(cfg, 'h.9.attn.q')).toThrow(/not a linear layer.*h\.<0\.\.3>/);
    expect(() => resolveTarget(cfg, 'wte')).toThrow(/not a linear layer/);
    expect(() => validateLoraSpec(cfg, { rank: 0, alpha: 8, targets: ['h.0.attn.q'] })).toThrow(
      /rank must be an integer from 1 to 64, got 0/,
    );
    expect(() => validateLoraSpec(cfg, { rank: 2.5, alpha: 8, targets: ['h.0.attn.q'] })).toThrow(/got 2.5/);
    expect(() => validateLoraSpec(cfg, { rank: 4, alpha: NaN, targets: ['h.0.attn.q'] })).toThrow(/alpha/);
    expect(() => validateLoraSpec(cfg, { rank: 4, alpha: 8, targets: [] })).toThrow(/at least one target/);
    expect(() =>
      validateLoraSpec({ ...cfg, nEmbd: 32, nHead: 4 }, { rank: 40, alpha: 8, targets: ['h.0.attn.q'] }),
    ).toThrow(/exceeds the full rank 32/);
  });
});

// Tolerances: logits of this random model are O(10); float32 matmuls in a different order differ by ~1e-5 relative.
const TOL: Record<string, number> = { cpu: 1e-3, wasm: 1e-3 };

describe.each(['cpu', 'wasm'])('LoRA forward on %s', (backend) => {
  let model: LanguageModel;
  const rng = mulberry32(3);
  const tokens = [
    Array.from({ length: 24 }, () => randInt(rng, 0, 255)),
    Array.from({ length: 24 }, () => randInt(rng, 0, 255)),
  ];
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    model = randomModel({ nLayer: 2, nEmbd: 32, nHead: 4, nFfn: 64 });
  });
  afterAll(() => model.dispose());

  it('with B = 0 (a fresh adapter) the logits are bit for bit those of the base', () => {
    const base = flat(model.forward(tokens).logits);
    const a = new LoraAdapter(
      baseModelId(model),
      { rank: 4, alpha: 8, targets: targetsFor(model.config, [...KINDS]) },
      { seed: 5 },
    );
    model.linearAdd = a.linearAdd();
    const withAdapter = flat(model.forward(tokens).logits);
    model.linearAdd = null;
    expect(maxAbsDiff(withAdapter, base)).toBe(0);
    a.dispose();
  });

  it.each([['q', 'v'], ['k'], ['o', 'up', 'down'], ['qkv', 'q'], ['q', 'k', 'v', 'o', 'up', 'down']] as Kind[][])(
    'merged equals unmerged (targets %s), and unmerging restores the base within float rounding',
    (...kinds) => {
      const w0 = model.exportWeights();
      const copy = Object.fromEntries(Object.entries(w0).map(([n, w]) => [n, w.slice()]));
      const base = flat(model.forward(tokens).logits);
      const a = new LoraAdapter(
        baseModelId(model),
        { rank: 2, alpha: 4, targets: targetsFor(model.config, kinds) },
        { seed: 6 },
      );
      randomizeB(a, 7);
      model.linearAdd = a.linearAdd();
      const unmerged = flat(model.forward(tokens).logits);
      model.linearAdd = null;
      expect(maxAbsDiff(unmerged, base)).toBeGreaterThan(0.1); // the adapter really changes the output
      mergeAdapter(model, a);
      const merged = flat(model.forward(tokens).logits);
      expect(maxAbsDiff(merged, unmerged)).toBeLessThan(TOL[backend]);
      unmergeAdapter(model, a);
      // (W0 + ΔW) − ΔW rounds twice: each weight comes back within one float32 step of |W0| + |ΔW|, not always exactly.
      const after = model.exportWeights();
      for (const name of Object.keys(copy)) {
        const d =
          name.endsWith('.weight') && !name.includes('ln') ? a.targets.filter((t) => `${t.layer}.weight` === name) : [];
        if (d.length === 0) {
          expect(maxAbsDiff(after[name], copy[name])).toBe(0);
          continue;
        }
        let worst = 0;
        const delta = new Float32Array(after[name].length); // |ΔW| summed over this layer's targets, in layer layout
        const out = model.getLinear(name.replace(/\.weight$/, '')).shape[1];
        for (const t of d) {
          const dw = a.delta(t.name);
          for (let i = 0; i < t.inDim; i++)
            for (let j = 0; j < t.outDim; j++) delta[i * out + t.column + j] += Math.abs(dw[i * t.outDim + j]);
        }
        for (let i = 0; i < copy[name].length; i++)
          worst = Math.max(
            worst,
            Math.abs(after[name][i] - copy[name][i]) / ((Math.abs(copy[name][i]) + delta[i]) * 2 ** -23),
          );
        expect(worst).toBeLessThanOrEqual(2); // at most two float32 steps
      }
      expect(maxAbsDiff(flat(model.forward(tokens).logits), base)).toBeLessThan(TOL[backend]);
      // Put the exact base back for the next test.
      for (const l of model.linearNames) model.setLinear(l, copy[`${l}.weight`]);
      a.dispose();
    },
  );

  it('an AdapterSet switches adapters by name, merged or not, and back to the base', () => {
    const set = new AdapterSet(model);
    const base = flat(model.forward(tokens).logits);
    const mk = (seed: number, kinds: Kind[]) => {
      const a = new LoraAdapter(set.base, { rank: 2, alpha: 4, targets: targetsFor(model.config, kinds) }, { seed });
      randomizeB(a, seed + 1);
      return a;
    };
    set.add('one', mk(10, ['q', 'v']));
    set.add('two', mk(20, ['o']));
    set.use('one');
    const one = flat(model.forward(tokens).logits);
    set.use('two', { merged: true });
    const two = flat(model.forward(tokens).logits);
    expect(maxAbsDiff(one, two)).toBeGreaterThan(0.1);
    set.use('one', { merged: true });
    expect(maxAbsDiff(flat(model.forward(tokens).logits), one)).toBeLessThan(TOL[backend]);
    set.use('two');
    expect(maxAbsDiff(flat(model.forward(tokens).logits), two)).toBeLessThan(TOL[backend]);
    expect(set.active).toEqual({ name: 'two', merged: false });
    for (let i = 0; i < 5; i++) {
      set.use('one', { merged: true });
      set.use('two', { merged: true });
    }
    set.use(null);
    // Switching restores merged layers from a copy, so the base comes back bit for bit after any number of switches.
    expect(maxAbsDiff(flat(model.forward(tokens).logits), base)).toBe(0);
    expect(baseModelId(model).fingerprint).toBe(set.base.fingerprint);
    expect(() => set.use('three')).toThrow(/no adapter named "three"; loaded: one, two/);
    set.dispose();
    for (const l of model.linearNames) model.setLinear(l, model.getLinear(l).weight); // no-op shape check
  });
});
