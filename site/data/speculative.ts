// Build time only (Node): lesson 8's measurements of speculative decoding on our draft/target pair, as written by
// scripts/measure-speculative.ts into site/data/speculative.json (a few minutes on 2 cores, so committed rather
// than recomputed on every build; the JSON records the command, machine and date). Nothing here is typed by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseBackend } from '../../lib/backend.ts';
import { loadModel } from '../../lib/load.ts';
import type { LanguageModel } from '../../lib/model.ts';
import { samplingDistribution } from '../../lib/sampling.ts';
import {
  LeanRunner,
  SpeculativeDecoder,
  mssAcceptProbability,
  naiveAcceptProbability,
  stepView,
  type StepView,
} from '../../lib/speculative/index.ts';
import type { PassesResult, SpecRaceResult } from '../../lib/speculative/measure.ts';
import { type RegimeRace, regimeTree as chosenRegimeTree } from '../../lib/speculative/regimes.ts';

// The rows are what lib/speculative/measure.ts returns (the race row also names the tfjs backend it ran on).
export type SpecPassesRow = PassesResult;
export type SpecRaceRow = SpecRaceResult & { backend: string };

/** The same race in headless Chromium (the SpecRace widget, wall clock), saved by scripts/bench-speculative.ts --save. */
export interface SpecBrowserRaceRow {
  backend: string;
  shape: string;
  tokens: number;
  tokensPerPass: number;
  targetMsPerPass: number;
  draftMsPerPass: number;
  plainTokensPerSecond: number;
  speculativeTokensPerSecond: number;
  speedup: number;
  identical: boolean;
}

export interface SpecMeasurements {
  command: string;
  machine: string;
  date: string;
  models: { target: string; draft: string; targetParameters: number; draftParameters: number };
  heldOut: { text: string; tokens: number };
  topK: { positions: number; greedy: number[]; sampled: number[]; mss: number[] };
  cost: {
    sizes: number[];
    clock?: string;
    targetTfjs: { tokens: number; ms: number }[];
    draftTfjs: { tokens: number; ms: number }[];
    draftPlainJs: { tokens: number; ms: number }[];
    /** uptime's 1-minute load average when the costs were timed, and before (absent in older files). */
    loadAverage?: number;
    loadAverageAtStart?: number;
  };
  passes: { prompts: number; promptTokens: number; newTokens: number; rows: SpecPassesRow[] };
  /** One speculative step from each of `prompts` positions of the held-out text (absent in older files). */
  fresh?: { about: string; prompts: number; promptTokens: number; rows: SpecPassesRow[] };
  race: {
    about?: string;
    prompts: number;
    promptTokens: number;
    /** uptime's 1-minute load average after the race, and before it (absent in older files). */
    loadAverage?: number;
    loadAverageAtStart?: number;
    rows: SpecRaceRow[];
  };
  browserRace?: { command: string; machine: string; date: string; rows: SpecBrowserRaceRow[] };
  /** Lesson 8's three regimes (scripts/measure-speculative.ts --regimes-only; absent in older files). */
  regimes?: {
    about: string;
    machine: string;
    loadAverage: number;
    /** The load average before the regimes were timed (absent in older files). */
    loadAverageAtStart?: number;
    date: string;
    prompts: number;
    promptTokens: number;
    /** How the memory-bound target read its weights: past the page cache, or from it and why (absent in older files). */
    storage?: string;
    readsUncached?: boolean;
    /** The memory-bound sweep the chosen tree came from (absent in older files). */
    sweep?: SpecRegimeRow[];
    rows: SpecRegimeRow[];
  };
}

/** One regime × tree shape: plain against speculative greedy decoding, summed over the prompts (wall clock), and
 *  whether every prompt gave the same tokens both ways. */
export type SpecRegimeRow = Omit<RegimeRace, 'plainIds' | 'speculativeIds'> & { identical: boolean };

let cached: SpecMeasurements | undefined;
/** The committed measurements. */
export function specMeasurements(): SpecMeasurements {
  return (cached ??= JSON.parse(
    readFileSync(join(process.cwd(), 'site', 'data', 'speculative.json'), 'utf8'),
  ) as SpecMeasurements);
}

/** The tree lesson 8 races in every regime (lib/speculative/regimes.ts regimeTree on the committed record). */
export const regimeTree = (m: SpecMeasurements): string => chosenRegimeTree(m.regimes);

/** Tokens per target pass for a shape ("chain 4", "⟨1,1,3,1,1,1,1,1⟩", "budget 16") and verifier. */
export function passesFor(
  m: SpecMeasurements,
  shape: string,
  verifier: SpecPassesRow['verifier'],
): SpecPassesRow | undefined {
  return m.passes.rows.find((r) => r.shape === shape && r.verifier === verifier);
}

/** Tokens per target pass for one step from the book's held-out text (the `fresh` rows), if measured. */
export function freshFor(
  m: SpecMeasurements,
  shape: string,
  verifier: SpecPassesRow['verifier'],
): SpecPassesRow | undefined {
  return m.fresh?.rows.find((r) => r.shape === shape && r.verifier === verifier);
}

/** The best row (most tokens per pass) for a verifier. */
export function bestPasses(m: SpecMeasurements, verifier: SpecPassesRow['verifier']): SpecPassesRow {
  return m.passes.rows
    .filter((r) => r.verifier === verifier)
    .reduce((a, b) => (b.tokensPerPass > a.tokensPerPass ? b : a));
}

// ---- Build-time first views for the live widgets (computed with lib/ on the shipped models) ----

let pair: Promise<{ target: LanguageModel; draft: LanguageModel }> | undefined;
/** target-v1 and draft-v1 from public/models, loaded once per build. */
export function loadPair(): Promise<{ target: LanguageModel; draft: LanguageModel }> {
  return (pair ??= (async () => {
    await chooseBackend(['wasm', 'cpu']);
    const fetchFile = async (path: string) => {
      const b = readFileSync(path);
      return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
    };
    const dir = join(process.cwd(), 'public', 'models');
    return {
      target: await loadModel(join(dir, 'target-v1'), { fetchFile }),
      draft: await loadModel(join(dir, 'draft-v1'), { fetchFile }),
    };
  })());
}

export interface NodeFirstView {
  p: number[];
  q: number[];
  texts: string[];
  mssAccept: number;
  naiveAccept: number;
}

/** The target's and draft's distributions after `prompt`, and the exact acceptance rates with k children. */
export async function nodeAtBuild(prompt: string, temperature: number, k: number): Promise<NodeFirstView> {
  const { target, draft } = await loadPair();
  const ids = target.tokenizer.encode(prompt).slice(-target.config.blockSize);
  const last = (rows: Float32Array[]) => rows[rows.length - 1];
  const p = samplingDistribution(last(target.forward([ids]).logits[0]), { temperature });
  const q = samplingDistribution(last(draft.forward([ids]).logits[0]), { temperature });
  const texts = Array.from({ length: target.config.vocabSize }, (_, i) => target.tokenizer.tokenText(i));
  return {
    p: Array.from(p),
    q: Array.from(q),
    texts,
    mssAccept: mssAcceptProbability(p, q, k),
    naiveAccept: naiveAcceptProbability(p, q, k),
  };
}

/** The first greedy speculative step after `prompt` with tree shape `tree`. */
export async function stepAtBuild(prompt: string, tree: string): Promise<StepView> {
  const { target, draft } = await loadPair();
  const d = new SpeculativeDecoder(target, new LeanRunner(draft), prompt, { tree, temperature: 0, now: () => 0 });
  try {
    return stepView(d.session.step(), target.tokenizer);
  } finally {
    d.dispose();
  }
}
