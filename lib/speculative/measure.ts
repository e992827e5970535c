// What speculation buys on a real draft/target pair, measured the same way in Node (scripts/measure-speculative.ts,
// npm run bench) and in the browser's worker:
//   topKHitRates     SpecInfer Table 1 in miniature: how often the target's next token is among the draft's top k
//   tokensPerPass    tokens emitted per target forward for a tree shape, greedy or sampled
//   raceDecoding     wall-clock of plain KV-cache decoding vs speculative decoding of the same greedy tokens
import { generate, type PassWrapper } from '../generate.ts';
import type { LanguageModel } from '../model.ts';
import { argmax, samplingDistribution, softmax, topEntries } from '../sampling.ts';
import { LeanRunner } from './lean-gpt.ts';
import { promptPassClock } from './regimes.ts';
import type { TreeRunner } from './runner.ts';
import { speculativeGenerate } from './speculative-decoder.ts';
import { parseTreeShape, formatTreeShape } from './tree-shape.ts';
import { residual } from './verify.ts';

export interface TopKHitRates {
  /** Predictions counted (positions of the text with a next token). */
  positions: number;
  /** [k-1]: share of positions where the target's argmax is among the draft's k most likely tokens. */
  greedy: number[];
  /** [k-1]: expected share where a token sampled from the target (temperature 1) is among the draft's top k. */
  sampled: number[];
  /** [k-1]: probability that multi-step speculative sampling accepts one of k children drawn from the draft. */
  mss: number[];
}

/**
 * Hit rates for k = 1..maxK over `ids`, cut into context-sized windows. The sampled and MSS figures are exact
 * expectations from the two distributions, not draws. MSS with k i.i.d. children rejects all of them with
 * probability ∏_i (1 − Σ_x min(r_i(x), q(x))), r_1 = p, r_{i+1} = norm(max(0, r_i − q)): the chance that a draw from
 * q is accepted against r_i does not depend on which token was drawn before.
 */
export function topKHitRates(target: LanguageModel, draft: LanguageModel, ids: number[], maxK = 5): TopKHitRates {
  const T = Math.min(target.config.blockSize, draft.config.blockSize);
  const greedy = new Array<number>(maxK).fill(0),
    sampled = new Array<number>(maxK).fill(0),
    mss = new Array<number>(maxK).fill(0);
  let positions = 0;
  for (let start = 0; start + 1 < ids.length; start += T) {
    const window = ids.slice(start, Math.min(start + T, ids.length));
    const tl = target.forward([window]).logits[0],
      dl = draft.forward([window]).logits[0];
    for (let t = 0; t < window.length; t++) {
      const p = softmax(tl[t]),
        q = softmax(dl[t]);
      const top = topEntries(q, maxK).map((e) => e.index);
      const want = argmax(tl[t]);
      let mass = 0,
        allRejected = 1,
        r: Float64Array = p;
      for (let k = 1; k <= maxK; k++) {
        if (top.slice(0, k).includes(want)) greedy[k - 1]++;
        mass += p[top[k - 1]];
        sampled[k - 1] += mass;
        let overlap = 0;
        for (let x = 0; x < r.length; x++) overlap += Math.min(r[x], q[x]);
        allRejected *= 1 - overlap;
        mss[k - 1] += 1 - allRejected;
        r = residual(r, q);
      }
      positions++;
    }
  }
  const share = (xs: number[]) => xs.map((x) => x / positions);
  return { positions, greedy: share(greedy), sampled: share(sampled), mss: share(mss) };
}

export interface PassesResult {
  shape: string;
  /** Guessed nodes per tree (the root not counted). */
  nodes: number;
  temperature: number;
  verifier: 'greedy' | 'mss' | 'naive';
  tokens: number;
  passes: number;
  tokensPerPass: number;
}

/** Tokens per target pass for one tree shape over several prompts (each decoded for `maxNewTokens`). */
export function tokensPerPass(
  target: LanguageModel,
  draft: LanguageModel | (() => TreeRunner),
  prompts: number[][],
  shapeText: string,
  { temperature = 0, maxNewTokens = 64, verifier = 'mss' as 'mss' | 'naive', seed = 1 } = {},
): PassesResult {
  const shape = parseTreeShape(shapeText);
  let tokens = 0,
    passes = 0;
  prompts.forEach((prompt, i) => {
    const d = typeof draft === 'function' ? draft() : draft;
    const r = speculativeGenerate(target, d, prompt, {
      tree: shape,
      temperature,
      verifier,
      seed: seed + i,
      maxNewTokens,
    });
    // Every token a pass produced counts, including the last step's overshoot past maxNewTokens.
    tokens += r.steps.reduce((a, s) => a + s.emitted.length, 0);
    passes += r.targetPasses;
  });
  const nodes =
    shape.kind === 'budget'
      ? shape.nodes
      : shape.widths.reduce((acc, _k, i, ws) => acc + ws.slice(0, i + 1).reduce((a, b) => a * b, 1), 0);
  return {
    shape: formatTreeShape(shape),
    nodes,
    temperature,
    verifier: temperature <= 0 ? 'greedy' : verifier,
    tokens,
    passes,
    tokensPerPass: tokens / passes,
  };
}

/**
 * Plain KV-cache decoding against speculative decoding of the same greedy tokens, as lib/speculative/regimes.ts races
 * them: each side's pass over the prompt timed apart and left out of its time (the target's, on both sides; the
 * draft's pass over the prompt stays in the speculative time, in its first step: only speculation pays it).
 */
export interface SpecRaceResult {
  shape: string;
  draft: 'tfjs' | 'plain JS';
  tokens: number;
  /** Plain decoding of `tokens` tokens, ms, its pass over the prompt left out (that pass gives the first token). */
  plainMs: number;
  /** Speculative decoding of the same tokens, ms, the target's pass over the prompt left out, the draft included. */
  speculativeMs: number;
  speedup: number;
  /** What plainMs leaves out: plain decoding's pass over the prompt, ms (fastest of the rounds). */
  promptMs: number;
  tokensPerPass: number;
  /** Per target pass (steps only), milliseconds spent in the target and in the draft (processor time when cpuNow is
   *  given). */
  targetMsPerPass: number;
  draftMsPerPass: number;
  /** Plain and speculative outputs were identical (greedy). */
  identical: boolean;
  /** With a CPU clock (Node: process.cpuUsage): processor time of each, immune to other processes' load, the prompt
   *  passes left out as above, and the plain prompt pass's own processor time. */
  plainCpuMs?: number;
  speculativeCpuMs?: number;
  cpuSpeedup?: number;
  promptCpuMs?: number;
}

// The fastest of several runs: on a shared machine other processes only ever add time, so the minimum is the
// best estimate of what the work itself costs.
const fastest = (xs: number[]) => Math.min(...xs);

/**
 * Plain KV-cache greedy decoding (tfjs) vs speculative decoding of the same prompt, `repeats` times alternately,
 * fastest; each run's prompt pass timed on both clocks and left out (SpecRaceResult).
 */
export function raceDecoding(
  target: LanguageModel,
  draft: LanguageModel,
  prompt: number[],
  shapeText: string,
  {
    maxNewTokens = 96,
    repeats = 3,
    lean = true,
    now = () => performance.now(),
    cpuNow = undefined as (() => number) | undefined,
  } = {},
): SpecRaceResult {
  const shape = parseTreeShape(shapeText);
  generate(target, prompt.slice(0, 8), { temperature: 0, maxNewTokens: 4 }); // warm-up
  const cpu = cpuNow ?? (() => 0);
  const wallPrompt = promptPassClock(now),
    cpuPrompt = promptPassClock(cpu);
  const aroundPromptPass: PassWrapper = (pass) => wallPrompt.around(() => cpuPrompt.around(pass));
  /** One run: its ms and processor ms with its prompt pass left out, and that pass's. */
  const timed = <T>(run: () => T) => {
    wallPrompt.ms = cpuPrompt.ms = 0;
    const t = now(),
      c = cpu();
    const out = run();
    const ms = now() - t,
      cpuMs = cpu() - c;
    return {
      out,
      ms: ms - wallPrompt.ms,
      cpuMs: cpuMs - cpuPrompt.ms,
      promptMs: wallPrompt.ms,
      promptCpuMs: cpuPrompt.ms,
    };
  };
  const plain: ReturnType<typeof timed<number[]>>[] = [],
    specRuns: ReturnType<typeof timed<ReturnType<typeof speculativeGenerate>>>[] = [];
  for (let r = 0; r < repeats; r++) {
    plain.push(timed(() => generate(target, prompt, { temperature: 0, maxNewTokens, aroundPromptPass }).ids));
    specRuns.push(
      timed(() =>
        speculativeGenerate(target, lean ? new LeanRunner(draft) : draft, prompt, {
          tree: shape,
          temperature: 0,
          maxNewTokens,
          now: cpuNow ?? now,
          aroundPromptPass,
        }),
      ),
    );
  }
  const plainIds = plain[plain.length - 1].out;
  const s = specRuns[specRuns.length - 1].out;
  const emitted = s.steps.reduce((a, st) => a + st.emitted.length, 0);
  const best = (runs: { ms: number; cpuMs: number; promptMs: number; promptCpuMs: number }[]) => ({
    ms: fastest(runs.map((x) => x.ms)),
    cpuMs: fastest(runs.map((x) => x.cpuMs)),
    promptMs: fastest(runs.map((x) => x.promptMs)),
    promptCpuMs: fastest(runs.map((x) => x.promptCpuMs)),
  });
  const p = best(plain),
    sp = best(specRuns);
  return {
    shape: formatTreeShape(shape),
    draft: lean ? 'plain JS' : 'tfjs',
    tokens: maxNewTokens,
    plainMs: p.ms,
    speculativeMs: sp.ms,
    speedup: p.ms / sp.ms,
    promptMs: p.promptMs,
    tokensPerPass: emitted / s.targetPasses,
    targetMsPerPass: s.targetMs / s.targetPasses,
    draftMsPerPass: s.draftMs / s.targetPasses,
    identical: s.ids.length === plainIds.length && s.ids.every((id, i) => id === plainIds[i]),
    ...(cpuNow
      ? { plainCpuMs: p.cpuMs, speculativeCpuMs: sp.cpuMs, cpuSpeedup: p.cpuMs / sp.cpuMs, promptCpuMs: p.promptCpuMs }
      : {}),
  };
}

/** The sampling distribution the lesson's sampling widget shows at one node (exported for the worker). */
export function nodeDistributions(
  target: LanguageModel,
  draft: LanguageModel,
  ids: number[],
  temperature = 1,
): { p: Float64Array; q: Float64Array } {
  const t = target.forward([ids.slice(-target.config.blockSize)]).logits[0],
    d = draft.forward([ids.slice(-draft.config.blockSize)]).logits[0];
  return {
    p: samplingDistribution(t[t.length - 1], { temperature }),
    q: samplingDistribution(d[d.length - 1], { temperature }),
  };
}

export interface PassCost {
  /** Tokens in the pass (tree nodes, root included). */
  tokens: number;
  /** Fastest of `repeats` tree-masked forwards of that many tokens after a 64-token cache, in milliseconds. */
  ms: number;
}

/**
 * What one verification pass costs as the tree grows: the target (or draft) on T tokens at once, after a 64-token
 * cache. Each sample times `inner` passes back to back (so a coarse clock such as CPU time still resolves them).
 */
export function passCost(
  runner: () => TreeRunner,
  context: number[],
  sizes: number[],
  { repeats = 7, inner = 10, now = () => performance.now() } = {},
): PassCost[] {
  return sizes.map((T) => {
    const P = context.length;
    const tokens = Array.from({ length: T }, (_, i) => context[i % P]);
    const mask = tokens.map((_, i) => Array.from({ length: P + T }, (_, j) => (j < P || j - P <= i ? 1 : 0)));
    const times: number[] = [];
    for (let rep = 0; rep < repeats + 1; rep++) {
      const runs = Array.from({ length: inner }, () => {
        const r = runner();
        r.run(context);
        return r;
      }); // prefilled, not timed
      const t = now();
      for (const r of runs) r.run(tokens, { mask, positions: tokens.map((_, i) => P + i) });
      if (rep >= 1) times.push((now() - t) / inner); // one warm-up round
      for (const r of runs) r.dispose();
    }
    return { tokens: T, ms: fastest(times) };
  });
}
