// Speculative decoding in three regimes (lesson 8): the same greedy tokens, three ways a target pass is paid for.
//   overhead-bound  the target on tfjs: a fixed cost per op (~60 small ops a pass) dominates, so a pass over a tree
//                   of guesses costs little more than a pass over one token;
//   compute-bound   the target on the lean engine with its weights in cache: a pass costs its arithmetic, which
//                   grows with the tokens in it;
//   memory-bound    the lean engine reading every linear's weights from storage before each pass (as lesson 4's
//                   flash store reads FFN weights), so a pass over several tokens costs about one token's bytes.
//                   In Node the storage is a file read past the OS page cache (NodeFileStorage's `uncached`), at
//                   the disk's own speed, as on a device whose weights do not fit in memory.
// Speculative decoding pays when a pass over the tree costs little more than a pass over one token.
import { bytesOf } from '../bits.ts';
import { linearNames } from '../config.ts';
import type { EngineOptions } from '../engine/engine.ts';
import { generate, type PassWrapper } from '../generate.ts';
import type { LanguageModel } from '../model.ts';
import type { ByteStorage } from '../storage/storage.ts';
import { LeanRunner } from './lean-gpt.ts';
import { EngineTreeRunner, type RunOptions, TfjsRunner, type TreeRunner } from './runner.ts';
import { speculativeGenerate } from './speculative-decoder.ts';
import { formatTreeShape, parseTreeShape } from './tree-shape.ts';

export const REGIMES = ['overhead-bound', 'compute-bound', 'memory-bound'] as const;
export type Regime = (typeof REGIMES)[number];

/** The lean engine with its linear weights kept in storage: every pass first reads all of them back into it. */
export class StoredWeightsRunner extends EngineTreeRunner {
  private readonly storage: ByteStorage;
  private readonly layout: { name: string; offset: number; values: number }[] = [];
  private readonly now: () => number;
  /** Passes run and the milliseconds their reads took (what a pass pays before any arithmetic). */
  readonly reads = { passes: 0, ms: 0 };

  /** Writes `model`'s linear weights (fp32) to `storage`, from offset 0. */
  constructor(model: LanguageModel, storage: ByteStorage, opts: EngineOptions & { now?: () => number } = {}) {
    super(new LeanRunner(model, opts));
    this.storage = storage;
    this.now = opts.now ?? (() => performance.now());
    let offset = 0;
    for (const name of linearNames(model.config)) {
      const w = model.getLinear(name).weight;
      storage.write(offset, bytesOf(w));
      this.layout.push({ name, offset, values: w.length });
      offset += w.byteLength;
    }
    storage.flush();
  }

  /** Bytes each pass reads from storage. */
  get bytesPerPass(): number {
    return this.layout.reduce((a, l) => a + 4 * l.values, 0);
  }

  run(tokens: number[], opts?: RunOptions): Float32Array[] {
    const t = this.now();
    // Straight into the engine's heap, where the kernels read them: the pass pays for the reads, not for copies.
    for (const { name, offset, values } of this.layout)
      this.engine.fillParameter(`${name}.weight`, (bytes) => this.storage.read(offset, 4 * values, bytes));
    this.reads.ms += this.now() - t;
    this.reads.passes++;
    return this.engine.run(tokens, opts);
  }
}

/** The target runner of a regime (the memory-bound one needs the storage its weights go to). */
export function regimeTarget(
  regime: Regime,
  target: LanguageModel,
  storage?: ByteStorage,
  now?: () => number,
): TreeRunner {
  if (regime === 'overhead-bound') return new TfjsRunner(target);
  if (regime === 'compute-bound') return new LeanRunner(target);
  if (!storage) throw new Error('the memory-bound regime needs a storage for the target weights');
  return new StoredWeightsRunner(target, storage, { now });
}

/**
 * A clock for the pass over the prompt: `around` runs a pass and keeps its milliseconds on `now` in `ms`. Lesson 8's
 * races time every decode's prompt pass with it and leave it out of the decode's time, plain and speculative alike.
 */
export function promptPassClock(now: () => number): { ms: number; around: PassWrapper } {
  const clock = {
    ms: 0,
    around: <T>(pass: () => T): T => {
      const t = now();
      const out = pass();
      clock.ms = now() - t;
      return out;
    },
  };
  return clock;
}

/** Greedy speculative decoding of `maxNewTokens` tokens with these runners: the ids, the target passes, and the
 *  steps' target and draft milliseconds on `timing.now`. */
export function speculativeGreedy(
  target: TreeRunner,
  draft: TreeRunner,
  model: LanguageModel,
  prompt: number[],
  shape: string,
  maxNewTokens: number,
  timing: { aroundPromptPass?: PassWrapper; now?: () => number } = {},
): { ids: number[]; passes: number; targetMs: number; draftMs: number } {
  const run = speculativeGenerate(model, draft, prompt, {
    tree: shape,
    temperature: 0,
    maxNewTokens,
    targetRunner: target,
    ...timing,
  });
  return { ids: run.ids, passes: run.targetPasses, targetMs: run.targetMs, draftMs: run.draftMs };
}

/** Greedy plain decoding (one target pass per token) on a runner. */
export function plainGreedy(
  runner: TreeRunner,
  model: LanguageModel,
  prompt: number[],
  maxNewTokens: number,
  aroundPromptPass?: PassWrapper,
): number[] {
  return generate(model, prompt, { runner, temperature: 0, maxNewTokens, aroundPromptPass }).ids;
}

/**
 * Plain against speculative greedy decoding, in the regime where decoding lives: after the prompt. Each side's pass
 * over the prompt is timed on its own and left out of its time (plain decoding's over the whole prompt, whose logits
 * give the first token; speculative decoding's target pass over all of it but the last token, which is the first
 * step's root). The draft's pass over the prompt stays in, in the first step's draft time: only speculation pays it.
 */
export interface RegimeRace {
  regime: Regime;
  shape: string;
  tokens: number;
  /** Plain decoding of `tokens` tokens, ms, its prompt pass left out: tokens − 1 one-token passes and the choosing. */
  plainMs: number;
  /** Speculative decoding of the same tokens, ms, the target's prompt pass left out; the draft included. */
  speculativeMs: number;
  /** plainMs / speculativeMs. */
  speedup: number;
  /** What plainMs leaves out: plain decoding's pass over the prompt, ms (fastest of the rounds). */
  promptMs: number;
  tokensPerPass: number;
  /** The arithmetic behind the speed-up: c₁ = plainMs / tokens (per generated token, prompt pass excluded, so that
   *  tokensPerPass × c₁ / (c_T + d) predicts plainMs / speculativeMs), and the target's (c_T) and draft's (d) ms per
   *  speculative step, from the fastest speculative run. */
  plainMsPerToken: number;
  targetMsPerPass: number;
  draftMsPerPass: number;
  /** tokensPerPass × plainMsPerToken / (targetMsPerPass + draftMsPerPass): what those costs predict. */
  explainedSpeedup: number;
  /** Memory-bound only: the milliseconds a pass spends reading its weights (mean over the passes of the fastest
   *  plain run, the one plainMsPerToken comes from, its prompt pass included: every pass reads the same bytes), and
   *  the bytes it reads. */
  readMsPerPass?: number;
  bytesPerPass?: number;
  plainIds: number[];
  speculativeIds: number[];
}

export interface RegimeRaceOptions {
  shape?: string;
  maxNewTokens?: number;
  repeats?: number;
  now?: () => number;
}

/**
 * The race on given runners (the target's runner decides the regime; draft-v1 on the lean engine in lesson 8). Each
 * side timed per round on `now`, its prompt pass timed apart and subtracted; fastest of `repeats` rounds after one
 * warm-up, plain and speculative runs alternating. The caller disposes the runners.
 */
export function raceRunners(
  targetRunner: TreeRunner,
  draftRunner: TreeRunner,
  target: LanguageModel,
  prompt: number[],
  opts: RegimeRaceOptions = {},
): Omit<RegimeRace, 'regime'> {
  const { shape = '1,1,3,1,1,1,1,1', maxNewTokens = 64, repeats = 3, now = () => performance.now() } = opts;
  const prompts = promptPassClock(now);
  const plainRun = () => plainGreedy(targetRunner, target, prompt, maxNewTokens, prompts.around);
  const specRun = () =>
    speculativeGreedy(targetRunner, draftRunner, target, prompt, shape, maxNewTokens, {
      aroundPromptPass: prompts.around,
      now,
    });
  /** Milliseconds of one run with its prompt pass left out, and that pass's. */
  const timed = <T>(run: () => T) => {
    prompts.ms = 0;
    const t = now();
    const out = run();
    const total = now() - t;
    return { out, ms: total - prompts.ms, promptMs: prompts.ms };
  };
  // Plain and speculative rounds alternate, so a change in the machine's load falls on both alike.
  let plainIds = plainRun();
  let spec = specRun(); // warm-up of both
  let plainMs = Infinity,
    speculativeMs = Infinity,
    promptMs = Infinity;
  const stored = targetRunner instanceof StoredWeightsRunner ? targetRunner : null;
  let readMsPerPass: number | undefined;
  for (let round = 0; round < Math.max(1, repeats); round++) {
    const before = stored && { ...stored.reads };
    const plain = timed(plainRun);
    plainIds = plain.out;
    promptMs = Math.min(promptMs, plain.promptMs);
    if (plain.ms < plainMs) {
      plainMs = plain.ms;
      if (stored && before) readMsPerPass = (stored.reads.ms - before.ms) / (stored.reads.passes - before.passes);
    }
    const s = timed(specRun);
    if (s.ms < speculativeMs) [speculativeMs, spec] = [s.ms, s.out]; // the fastest run's own pass costs
  }
  const tokensPerPass = maxNewTokens / spec.passes,
    plainMsPerToken = plainMs / maxNewTokens,
    targetMsPerPass = spec.targetMs / spec.passes,
    draftMsPerPass = spec.draftMs / spec.passes;
  return {
    shape: formatTreeShape(parseTreeShape(shape)),
    tokens: maxNewTokens,
    plainMs,
    speculativeMs,
    speedup: plainMs / speculativeMs,
    promptMs,
    tokensPerPass,
    plainMsPerToken,
    targetMsPerPass,
    draftMsPerPass,
    explainedSpeedup: (tokensPerPass * plainMsPerToken) / (targetMsPerPass + draftMsPerPass),
    ...(stored ? { readMsPerPass, bytesPerPass: stored.bytesPerPass } : {}),
    plainIds,
    speculativeIds: spec.ids,
  };
}

/** The race (raceRunners) in one regime: draft-v1 on the lean engine in all three, so only the target's pass differs. */
export function raceRegime(
  regime: Regime,
  target: LanguageModel,
  draft: LanguageModel,
  prompt: number[],
  opts: RegimeRaceOptions & { storage?: ByteStorage } = {},
): RegimeRace {
  const targetRunner = regimeTarget(regime, target, opts.storage, opts.now);
  const draftRunner = new LeanRunner(draft);
  try {
    return { regime, ...raceRunners(targetRunner, draftRunner, target, prompt, opts) };
  } finally {
    targetRunner.dispose();
    draftRunner.dispose();
  }
}

/** The tree lesson 8 races in every regime, from a recorded `regimes` block (scripts/measure-speculative.ts): the
 *  memory-bound sweep's fastest, which the rows hold beside chain 2 (chain 2 itself if it won); the paper's tree in
 *  records older than the sweep. */
export function regimeTree(recorded?: { sweep?: unknown; rows: { shape: string }[] }): string {
  if (!recorded?.sweep) return '⟨1,1,3,1,1,1,1,1⟩';
  return recorded.rows.find((r) => r.shape !== 'chain 2')?.shape ?? 'chain 2';
}
