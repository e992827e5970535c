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
import { generate } from '../generate.ts';
import type { LanguageModel } from '../model.ts';
import type { ByteStorage } from '../storage/storage.ts';
import { msPerCall } from '../timing.ts';
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

/** Greedy speculative decoding of `maxNewTokens` tokens with these runners: the ids and the target passes. */
export function speculativeGreedy(
  target: TreeRunner,
  draft: TreeRunner,
  model: LanguageModel,
  prompt: number[],
  shape: string,
  maxNewTokens: number,
): { ids: number[]; passes: number; targetMs: number; draftMs: number } {
  const run = speculativeGenerate(model, draft, prompt, {
    tree: shape,
    temperature: 0,
    maxNewTokens,
    targetRunner: target,
  });
  return { ids: run.ids, passes: run.targetPasses, targetMs: run.targetMs, draftMs: run.draftMs };
}

/** Greedy plain decoding (one target pass per token) on a runner. */
export function plainGreedy(
  runner: TreeRunner,
  model: LanguageModel,
  prompt: number[],
  maxNewTokens: number,
): number[] {
  return generate(model, prompt, { runner, temperature: 0, maxNewTokens }).ids;
}

export interface RegimeRace {
  regime: Regime;
  shape: string;
  tokens: number;
  plainMs: number;
  speculativeMs: number;
  speedup: number;
  tokensPerPass: number;
  /** The arithmetic behind the speed-up: a plain token's cost, a speculative step's target and draft costs. */
  plainMsPerToken: number;
  targetMsPerPass: number;
  draftMsPerPass: number;
  /** tokensPerPass × plainMsPerToken / (targetMsPerPass + draftMsPerPass): what those costs predict. */
  explainedSpeedup: number;
  /** Memory-bound only: the milliseconds a pass spends reading its weights (mean over the passes of the fastest
   *  plain run, the one plainMsPerToken comes from), and the bytes it reads. */
  readMsPerPass?: number;
  bytesPerPass?: number;
  plainIds: number[];
  speculativeIds: number[];
}

/**
 * Plain against speculative greedy decoding of the same prompt in one regime (draft-v1 on the lean engine in all
 * three, so only the target's pass differs). Each timed with lib/timing: fastest of `repeats` runs after one warm-up,
 * plain and speculative runs alternating.
 */
export function raceRegime(
  regime: Regime,
  target: LanguageModel,
  draft: LanguageModel,
  prompt: number[],
  opts: { shape?: string; maxNewTokens?: number; repeats?: number; storage?: ByteStorage; now?: () => number } = {},
): RegimeRace {
  const { shape = '1,1,3,1,1,1,1,1', maxNewTokens = 64, repeats = 3, now = () => performance.now() } = opts;
  const targetRunner = regimeTarget(regime, target, opts.storage, now);
  const draftRunner = new LeanRunner(draft);
  const plainRun = () => plainGreedy(targetRunner, target, prompt, maxNewTokens);
  const specRun = () => speculativeGreedy(targetRunner, draftRunner, target, prompt, shape, maxNewTokens);
  try {
    // Plain and speculative rounds alternate, so a change in the machine's load falls on both alike.
    let plainIds = plainRun();
    let spec = specRun(); // warm-up of both
    let plainMs = Infinity,
      speculativeMs = Infinity;
    const stored = targetRunner instanceof StoredWeightsRunner ? targetRunner : null;
    let readMsPerPass: number | undefined;
    for (let round = 0; round < Math.max(1, repeats); round++) {
      const before = stored && { ...stored.reads };
      const plainRound = msPerCall(() => (plainIds = plainRun()), 0, now);
      if (plainRound < plainMs) {
        plainMs = plainRound;
        if (stored && before) readMsPerPass = (stored.reads.ms - before.ms) / (stored.reads.passes - before.passes);
      }
      let s = spec;
      const specRound = msPerCall(() => (s = specRun()), 0, now);
      if (specRound < speculativeMs) [speculativeMs, spec] = [specRound, s]; // the fastest run's own pass costs
    }
    const tokensPerPass = maxNewTokens / spec.passes,
      plainMsPerToken = plainMs / maxNewTokens,
      targetMsPerPass = spec.targetMs / spec.passes,
      draftMsPerPass = spec.draftMs / spec.passes;
    return {
      regime,
      shape: formatTreeShape(parseTreeShape(shape)),
      tokens: maxNewTokens,
      plainMs,
      speculativeMs,
      speedup: plainMs / speculativeMs,
      tokensPerPass,
      plainMsPerToken,
      targetMsPerPass,
      draftMsPerPass,
      explainedSpeedup: (tokensPerPass * plainMsPerToken) / (targetMsPerPass + draftMsPerPass),
      ...(stored ? { readMsPerPass, bytesPerPass: stored.bytesPerPass } : {}),
      plainIds,
      speculativeIds: spec.ids,
    };
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
