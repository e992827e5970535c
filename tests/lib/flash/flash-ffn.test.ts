import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomModel } from '../node-model.ts';
import {
  FlashFfn,
  FlashFfnStore,
  ffnWeightsOf,
  policyLadder,
  validatePolicy,
  type FlashPolicy,
} from '../../../lib/flash/index.ts';
import { MemoryStorage } from '../../../lib/storage/index.ts';
import type { LanguageModel } from '../../../lib/model.ts';

describe('FlashFfn on a random model', () => {
  let model: LanguageModel;
  const C = 16,
    F = 64,
    L = 2;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel({ nEmbd: C, nFfn: F, nLayer: L });
  });
  afterAll(() => model.dispose());
  const ids = [3, 40, 7, 99, 12, 5, 200, 31, 8, 77, 64, 1];
  const stores = () => {
    const w = ffnWeightsOf(model);
    return {
      w,
      separate: FlashFfnStore.open(new MemoryStorage(), w, 'separate'),
      bundled: FlashFfnStore.open(new MemoryStorage(), w, 'bundled'),
    };
  };

  it("with any exact policy the logits equal the in-memory model's", () => {
    const s = stores();
    const dense = model.forward([ids]).logits[0];
    for (const k of [1, 3])
      for (const { policy } of policyLadder('exact', k)) {
        const flash = new FlashFfn(s[policy.layout], s.w, policy);
        const got = model.forward([ids], { ffnFn: flash.ffnFn }).logits[0];
        for (let t = 0; t < ids.length; t++)
          for (let v = 0; v < 256; v += 7) expect(got[t][v]).toBeCloseTo(dense[t][v], 3);
      }
  });

  it('span reads: the same logits as dense, one read per layer (two when separate) spanning the first to the last missing neuron', () => {
    const s = stores();
    const dense = model.forward([ids]).logits[0];
    const nb = 2 * C * 4;
    for (const layout of ['separate', 'bundled'] as const)
      for (const windowK of [0, 3]) {
        const policy = validatePolicy({ select: 'exact', resident: 0, windowK, layout, span: true });
        const perNeuron = new FlashFfn(s[layout], s.w, { ...policy, span: false });
        model.forward([ids], { ffnFn: perNeuron.ffnFn });
        const flash = new FlashFfn(s[layout], s.w, policy);
        const got = model.forward([ids], { ffnFn: flash.ffnFn }).logits[0];
        for (let t = 0; t < ids.length; t++)
          for (let v = 0; v < 256; v += 7) expect(got[t][v]).toBeCloseTo(dense[t][v], 3);
        flash.tokens.forEach((r, t) => {
          const loaded = perNeuron.tokens[t].loaded;
          expect(r.loaded).toBe(loaded);
          expect(r.reads).toBeLessThanOrEqual((layout === 'bundled' ? 1 : 2) * L);
          expect(r.reads).toBeLessThanOrEqual(perNeuron.tokens[t].reads);
          expect(r.bytes).toBeGreaterThanOrEqual(loaded * nb);
          expect(r.bytes).toBeLessThanOrEqual(L * F * nb);
        });
      }
    expect(() =>
      validatePolicy({ select: 'exact', resident: 0, windowK: 0, layout: 'bundled', span: 1 as never }),
    ).toThrow(/span must be true or false/);
  });

  it("counts reads and bytes as each layout's arithmetic says", () => {
    const s = stores();
    const nb = 2 * C * 4; // bytes of one neuron (up column + down row)
    const run = (policy: FlashPolicy) => {
      const f = new FlashFfn(s[policy.layout], s.w, policy);
      model.forward([ids], { ffnFn: f.ffnFn });
      return f;
    };

    const naive = run({ select: 'all', resident: 0, windowK: 0, layout: 'separate' });
    for (const r of naive.tokens) expect([r.reads, r.bytes, r.heldAfter]).toEqual([2 * L, L * F * nb, 0]); // up block + down block per layer
    const naiveB = run({ select: 'all', resident: 0, windowK: 0, layout: 'bundled' });
    for (const r of naiveB.tokens) expect([r.reads, r.bytes]).toEqual([L, L * F * nb]);

    const hybrid = run({ select: 'all', resident: 0.5, windowK: 0, layout: 'separate' });
    expect([hybrid.setup.reads, hybrid.setup.bytes]).toEqual([2 * L, (L * F * nb) / 2]); // the resident half, once
    for (const r of hybrid.tokens)
      expect([r.reads, r.bytes, r.heldAfter]).toEqual([2 * L, (L * F * nb) / 2, (L * F) / 2]);

    for (const layout of ['separate', 'bundled'] as const) {
      const exact = run({ select: 'exact', resident: 0, windowK: 0, layout });
      for (const r of exact.tokens) {
        expect(r.loaded).toBe(r.selected);
        expect(r.reads).toBe(layout === 'bundled' ? r.selected : 2 * r.selected);
        expect(r.bytes).toBe(r.selected * nb);
        expect(r.readsBySize).toEqual(
          r.selected ? { [`scattered:${layout === 'bundled' ? nb : nb / 2}`]: r.reads } : {},
        );
      }
      const win = run({ select: 'exact', resident: 0, windowK: 3, layout });
      win.tokens.forEach((r, t) => {
        expect(r.bytes).toBe(r.loaded * nb);
        expect(r.loaded).toBeLessThanOrEqual(exact.tokens[t].loaded);
        if (t === 0) expect(r.loaded).toBe(r.selected);
      });
    }
  });

  it('windowing keeps exactly the neurons chosen by the last k tokens', () => {
    const s = stores();
    const k = 3;
    const sets: Set<number>[][] = []; // [token][layer] the neurons each token chose
    // With k = 1 the runner holds, after each token, exactly that token's chosen set: record it one token at a time.
    const cache = model.newCache();
    const probe = new FlashFfn(s.separate, s.w, { select: 'exact', resident: 0, windowK: 1, layout: 'separate' });
    for (let t = 0; t < ids.length; t++) {
      model.forward([[ids[t]]], {
        cache,
        ffnFn: (l, x) => {
          const y = probe.ffnFn(l, x);
          (sets[t] ??= [])[l] = new Set(probe.held()[l]);
          return y;
        },
      });
    }
    cache.dispose();
    const spy = new FlashFfn(s.separate, s.w, { select: 'exact', resident: 0, windowK: k, layout: 'separate' });
    model.forward([ids], { ffnFn: (l, x) => spy.ffnFn(l, x) });
    // After the whole window, held = union of the chosen sets of the last k tokens, per layer.
    for (let l = 0; l < L; l++) {
      const want = new Set<number>();
      for (let t = ids.length - k; t < ids.length; t++) for (const i of sets[t][l]) want.add(i);
      expect([...spy.held()[l]].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
    }
  });

  it('a DRAM budget keeps only the most recently used neurons, within it after every token, and the output stays exact', () => {
    const s = stores();
    // Each token's chosen set per layer, from a k = 1 runner (which holds exactly the last token's set).
    const sets: number[][][] = [];
    const cache = model.newCache();
    const probe = new FlashFfn(s.separate, s.w, { select: 'exact', resident: 0, windowK: 1, layout: 'separate' });
    for (let t = 0; t < ids.length; t++) {
      model.forward([[ids[t]]], {
        cache,
        ffnFn: (l, x) => {
          const y = probe.ffnFn(l, x);
          (sets[t] ??= [])[l] = [...probe.held()[l]];
          return y;
        },
      });
    }
    cache.dispose();
    const dense = model.forward([ids]).logits[0];
    const k = 8;
    for (const budget of [0.1, 0.25, 0.5]) {
      const keep = Math.floor(budget * F);
      const flash = new FlashFfn(s.bundled, s.w, {
        select: 'exact',
        resident: 0,
        windowK: k,
        layout: 'bundled',
        budget,
      });
      const got = model.forward([ids], { ffnFn: flash.ffnFn }).logits[0];
      for (let t = 0; t < ids.length; t++)
        for (let v = 0; v < 256; v += 7) expect(got[t][v]).toBeCloseTo(dense[t][v], 3);
      for (const r of flash.tokens) expect(r.heldAfter).toBeLessThanOrEqual(L * keep);
      // Kept = the `keep` most recently chosen neurons of the window (on a tie, the higher index), per layer.
      for (let l = 0; l < L; l++) {
        const last = new Map<number, number>();
        for (let t = ids.length - k; t < ids.length; t++) for (const i of sets[t][l]) last.set(i, t);
        const want = [...last.keys()].sort((a, b) => last.get(b)! - last.get(a)! || b - a).slice(0, keep);
        expect([...flash.held()[l]].sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b));
      }
    }
    // A budget of 1 is no cap: the same reads, token for token, as leaving it out.
    const run = (budget?: number) => {
      const f = new FlashFfn(s.bundled, s.w, { select: 'exact', resident: 0, windowK: 3, layout: 'bundled', budget });
      model.forward([ids], { ffnFn: f.ffnFn });
      return f.tokens.map((r) => [r.reads, r.bytes, r.heldAfter]);
    };
    expect(run(1)).toEqual(run(undefined));
  });

  it('rejects bad policies and mismatches with clear errors', () => {
    expect(() => validatePolicy({ select: 'exact', resident: 0, windowK: 5, layout: 'separate', budget: 0 })).toThrow(
      /budget must be a share above 0 and at most 1, got 0/,
    );
    expect(() => validatePolicy({ select: 'exact', resident: 0, windowK: 5, layout: 'separate', budget: 1.5 })).toThrow(
      /budget must be a share/,
    );
    expect(() =>
      validatePolicy({ select: 'all', resident: 0.5, windowK: 0, layout: 'separate', budget: 0.25 }),
    ).toThrow(/a DRAM budget of 25% cannot hold the resident 50% of each FFN; raise the budget or turn hybrid off/);
    const s = stores();
    expect(() => validatePolicy({ select: 'exact', resident: 0, windowK: 65, layout: 'separate' })).toThrow(
      /window k must be a whole number from 0 to 64, got 65/,
    );
    expect(() => validatePolicy({ select: 'exact', resident: 0, windowK: 1.5, layout: 'separate' })).toThrow(
      /window k/,
    );
    expect(() => validatePolicy({ select: 'guess' as never, resident: 0, windowK: 0, layout: 'separate' })).toThrow(
      /select must be one of all, exact, predictor/,
    );
    expect(() => validatePolicy({ select: 'all', resident: 2, windowK: 0, layout: 'separate' })).toThrow(
      /resident must be a share between 0 and 1, got 2/,
    );
    expect(
      () => new FlashFfn(s.separate, s.w, { select: 'exact', resident: 0, windowK: 0, layout: 'bundled' }),
    ).toThrow(/policy wants the bundled layout but the store is separate/);
    expect(
      () => new FlashFfn(s.separate, s.w, { select: 'predictor', resident: 0, windowK: 0, layout: 'separate' }),
    ).toThrow(/needs a predictor/);
  });

  it('the ffnFn hook leaves no tensors behind', () => {
    const s = stores();
    const f = new FlashFfn(s.bundled, s.w, { select: 'exact', resident: 0, windowK: 2, layout: 'bundled' });
    const before = tf.memory().numTensors;
    model.forward([ids], { ffnFn: f.ffnFn });
    expect(tf.memory().numTensors).toBe(before);
  });
});
