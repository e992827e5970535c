// Lesson 8's races leave each decode's pass over the prompt out of its time (issue #21): plain decoding's c₁ is per
// generated token after the prompt. Driven by a fake clock that only the runners advance, by a fixed cost per pass,
// so every time the race reports is an exact sum of pass costs: plain's time is its passes after the prompt's,
// the prompt pass is reported on its own, the speculative time is every target step and every draft pass. Random
// prompts and lengths (some long enough to slide the 32-token window); the tokens stay those of plain decoding.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generate } from '../../../lib/generate.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { LeanRunner } from '../../../lib/speculative/lean-gpt.ts';
import { raceDecoding } from '../../../lib/speculative/measure.ts';
import { plainGreedy, raceRunners, speculativeGreedy } from '../../../lib/speculative/regimes.ts';
import type { RunOptions, TreeRunner } from '../../../lib/speculative/runner.ts';
import { speculativeGenerate } from '../../../lib/speculative/speculative-decoder.ts';
import { randomModel } from '../node-model.ts';

/** A runner that advances a shared fake clock by cost(tokens) on every pass and logs each pass's token count. */
class ClockedRunner implements TreeRunner {
  readonly passes: number[] = [];
  private readonly inner: TreeRunner;
  private readonly clock: { t: number };
  private readonly cost: (tokens: number) => number;
  constructor(inner: TreeRunner, clock: { t: number }, cost: (tokens: number) => number) {
    this.inner = inner;
    this.clock = clock;
    this.cost = cost;
  }
  get length() {
    return this.inner.length;
  }
  run(tokens: number[], opts?: RunOptions) {
    this.passes.push(tokens.length);
    this.clock.t += this.cost(tokens.length);
    return this.inner.run(tokens, opts);
  }
  keep(positions: number[]) {
    this.inner.keep(positions);
  }
  reset() {
    this.inner.reset();
  }
  cacheValues() {
    return this.inner.cacheValues();
  }
  dispose() {
    this.inner.dispose();
  }
}

// Integers, so every sum below is exact.
const targetCost = (T: number) => 1000 + 3 * T;
const draftCost = (T: number) => 7 + T;

describe('the races leave the prompt pass out of the decode time', () => {
  let target: LanguageModel, draft: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('wasm');
    target = randomModel({}, 3);
    draft = randomModel({ nLayer: 1 }, 4);
  });

  /** The race on clocked lean runners, and the fake clock's advance over one plain and one speculative run alone. */
  function clockedRace(prompt: number[], shape: string, maxNewTokens: number) {
    const clock = { t: 0 };
    const now = () => clock.t;
    const t = new ClockedRunner(new LeanRunner(target), clock, targetCost);
    const d = new ClockedRunner(new LeanRunner(draft), clock, draftCost);
    const race = raceRunners(t, d, target, prompt, { shape, maxNewTokens, repeats: 2, now });
    t.passes.length = 0;
    let start = clock.t;
    const plainIds = plainGreedy(t, target, prompt, maxNewTokens);
    const plain = { ms: clock.t - start, passes: [...t.passes] };
    t.passes.length = 0;
    start = clock.t;
    speculativeGreedy(t, d, target, prompt, shape, maxNewTokens);
    const spec = { ms: clock.t - start, passes: [...t.passes] };
    for (const r of [t, d]) r.dispose();
    return { race, plain, spec, plainIds };
  }

  it('c₁ is the plain passes after the prompt over the tokens; the prompt pass is reported on its own', () => {
    const prompt = Array.from({ length: 20 }, (_, i) => (i * 37) % 256);
    const n = 10; // 20 + 10 tokens fit the 32-token window: no slide
    const { race, spec, plainIds } = clockedRace(prompt, 'chain 3', n);
    expect(race.promptMs).toBe(targetCost(20));
    expect(race.plainMs).toBe((n - 1) * targetCost(1)); // the prompt pass gives the first token
    expect(race.plainMsPerToken).toBe(((n - 1) * targetCost(1)) / n);
    // The speculative side leaves out the target's pass over all of the prompt but its root, nothing else.
    expect(spec.passes[0]).toBe(19);
    expect(race.speculativeMs).toBe(spec.ms - targetCost(19));
    // With the prompt out of both sides and nothing but passes costing time, τc₁/(c_T + d) is the measured speed-up.
    expect(race.explainedSpeedup).toBeCloseTo(race.speedup, 9);
    expect(race.plainIds).toEqual(plainIds);
    expect(race.speculativeIds).toEqual(plainIds);
  });

  it('on random prompts, lengths and trees: exact times, and the tokens of plain tfjs decoding', () => {
    const rng = mulberry32(21);
    const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
    const shapes = ['chain 1', 'chain 3', '2,1,1', '1,1,3,1'];
    for (let c = 0; c < 10; c++) {
      const P = int(1, 24),
        n = int(2, 20);
      const prompt = Array.from({ length: P }, () => int(0, 255));
      const shape = shapes[int(0, shapes.length - 1)];
      const label = `P=${P} n=${n} ${shape}`;
      const { race, plain, spec } = clockedRace(prompt, shape, n);
      const reference = generate(target, prompt, { temperature: 0, maxNewTokens: n }).ids;
      expect(race.plainIds, label).toEqual(reference);
      expect(race.speculativeIds, label).toEqual(reference);
      // Plain: the first pass is the prompt's (reported), the rest is c₁'s, window slides included.
      expect(plain.passes[0], label).toBe(P);
      expect(race.promptMs, label).toBe(targetCost(P));
      expect(race.plainMs, label).toBe(plain.ms - targetCost(P));
      expect(race.plainMsPerToken, label).toBe((plain.ms - targetCost(P)) / n);
      // Speculative: a one-token prompt is the first root, with no pass of its own to leave out.
      expect(race.speculativeMs, label).toBe(P > 1 ? spec.ms - targetCost(P - 1) : spec.ms);
      if (P > 1) expect(spec.passes[0], label).toBe(P - 1);
      expect(race.explainedSpeedup, label).toBeCloseTo(race.speedup, 9);
    }
  });

  it('the decoders wrap their pass over the prompt and no other, window slides included', () => {
    const clock = { t: 0 };
    const runner = new ClockedRunner(new LeanRunner(target), clock, () => 1);
    const wrapped: number[][] = [];
    const around = <T>(pass: () => T): T => {
      const before = runner.passes.length;
      const out = pass();
      wrapped.push(runner.passes.slice(before));
      return out;
    };
    const prompt = Array.from({ length: 30 }, (_, i) => (i * 11) % 256);
    generate(target, prompt, { runner, temperature: 0, maxNewTokens: 12, aroundPromptPass: around }); // slides at 32
    expect(runner.passes.filter((T) => T > 1).length).toBeGreaterThan(1); // the window did slide
    expect(wrapped).toEqual([[30]]);
    wrapped.length = 0;
    const spec = new ClockedRunner(new LeanRunner(target), clock, () => 1);
    const speculate = (p: number[]) =>
      speculativeGenerate(target, new LeanRunner(draft), p, {
        tree: 'chain 2',
        temperature: 0,
        maxNewTokens: 4,
        targetRunner: spec,
        aroundPromptPass: (pass) => {
          const before = spec.passes.length;
          const out = pass();
          wrapped.push(spec.passes.slice(before));
          return out;
        },
      });
    speculate(prompt.slice(0, 9));
    expect(wrapped).toEqual([[8]]); // all but the root
    wrapped.length = 0;
    speculate(prompt.slice(0, 1));
    expect(wrapped).toEqual([]);
    runner.dispose();
  });

  it('raceDecoding (the target on tfjs): exact times on both clocks, and the plain greedy tokens', () => {
    // Every tfjs forward of the target advances the fake clock by its cost; the lean draft costs nothing on it.
    const clock = { t: 0 };
    const forward = target.forward.bind(target);
    const passes: number[] = [];
    const spy = vi.spyOn(target, 'forward').mockImplementation((ids, opts) => {
      passes.push(ids[0].length);
      clock.t += targetCost(ids[0].length);
      return forward(ids, opts);
    });
    try {
      const rng = mulberry32(8);
      for (let c = 0; c < 4; c++) {
        const P = 2 + Math.floor(rng() * 20),
          n = 2 + Math.floor(rng() * 10);
        const prompt = Array.from({ length: P }, () => Math.floor(rng() * 256));
        const now = () => clock.t;
        const r = raceDecoding(target, draft, prompt, 'chain 2', { maxNewTokens: n, repeats: 2, now, cpuNow: now });
        expect(r.identical).toBe(true);
        passes.length = 0;
        const start = clock.t;
        generate(target, prompt, { temperature: 0, maxNewTokens: n });
        const plainAll = clock.t - start;
        expect(passes[0]).toBe(Math.min(P, target.config.blockSize));
        for (const [ms, prompted] of [
          [r.plainMs, r.promptMs],
          [r.plainCpuMs, r.promptCpuMs],
        ]) {
          expect(prompted).toBe(targetCost(passes[0]));
          expect(ms).toBe(plainAll - targetCost(passes[0]));
        }
        // The speculative side: all but the target's pass over the prompt before the root, on both clocks.
        passes.length = 0;
        const specStart = clock.t;
        speculativeGenerate(target, new LeanRunner(draft), prompt, {
          tree: 'chain 2',
          temperature: 0,
          maxNewTokens: n,
        });
        expect(passes[0]).toBe(P - 1);
        expect(r.speculativeMs).toBe(clock.t - specStart - targetCost(P - 1));
        expect(r.speculativeCpuMs).toBe(r.speculativeMs);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
