// Lesson 8 (SpecInfer): the lesson's facts, typed, from site/data/speculative.json (scripts/measure-speculative.ts).
// Numbers stay numbers (undefined when a row was not measured); the lesson formats them when it shows them.
import { sig } from '../../site/widgets/_kit/format.ts';
import {
  bestPasses,
  freshFor,
  passesFor,
  regimeTree as chosenRegimeTree,
  specMeasurements,
  type SpecPassesRow,
} from '../../site/data/speculative.ts';
import type { SpecRaceResult } from '../../lib/speculative/measure.ts';
import type { Regime } from '../../lib/speculative/regimes.ts';
import { type Bilingual, bilingual } from '../../site/i18n/text.ts';

export const m = specMeasurements();
type Verifier = SpecPassesRow['verifier'];

/** Tokens per target pass on the target's own continuations, for a shape ("chain 4", "⟨1,1,3,1,1,1,1,1⟩"). */
export const tpp = (shape: string, verifier: Verifier) => passesFor(m, shape, verifier)?.tokensPerPass;
/** The same, one step from each position of the book's held-out text. */
export const fresh = (shape: string, verifier: Verifier) => freshFor(m, shape, verifier);
/** How many guessed tokens (tree nodes) a shape verifies per pass. */
export const guesses = (shape: string) => passesFor(m, shape, 'greedy')?.nodes;
export const bestGreedy = bestPasses(m, 'greedy');

type CostList = SpecMeasurements['cost']['targetTfjs'];
type SpecMeasurements = ReturnType<typeof specMeasurements>;
/** Milliseconds of one pass over T tokens, from one of the cost lists. */
export const costOf = (list: CostList, T: number) => list.find((c) => c.tokens === T)?.ms;
const one = costOf(m.cost.targetTfjs, 1);
if (one === undefined) throw new Error('speculative.json has no one-token target pass cost');
/** The target's one-token pass, ms. */
export const cost1: number = one;

/** Chain of 8 against the paper's width-5 tree, greedy and sampled, and naive sampling on the width-5 tree. */
export const w1 = tpp('chain 8', 'greedy');
export const w5 = tpp('⟨1,1,5,1,1,1,1,1⟩', 'greedy');
export const w1s = tpp('chain 8', 'mss');
export const w5s = tpp('⟨1,1,5,1,1,1,1,1⟩', 'mss');
export const naive5 = tpp('⟨1,1,5,1,1,1,1,1⟩', 'naive');
/** The race row for a chain of two guesses with the plain-JavaScript draft. */
export const c2 = m.race.rows.find((r) => r.shape === 'chain 2' && r.draft === 'plain JS');

/** The three regimes (absent until scripts/measure-speculative.ts --regimes-only has run). */
export const regimes = m.regimes;
/** The row of one regime and shape ("chain 2", "⟨1,1,3,1,1,1,1,1⟩"). */
export const regimeRow = (regime: Regime, shape: string) =>
  m.regimes?.rows.find((r) => r.regime === regime && r.shape === shape);
/** The tree the memory-bound sweep chose (site/data/speculative.ts). */
export const regimeTree = chosenRegimeTree(m);
/** The memory-bound row of that tree: what its pass read, and how fast (absent in files older than the timed reads). */
export const memoryTree = regimeRow('memory-bound', regimeTree);
/** A regime row's plain pass over one prompt, ms: left out of its times (absent in files older than that timing). */
export const regimePromptMs = (row: { promptMs?: number } | undefined) =>
  row?.promptMs === undefined || !m.regimes ? undefined : row.promptMs / m.regimes.prompts;
/** A regime row's prompt pass in plain tokens' time (c₁): what the pass over the prompt costs next to a decode step. */
export const promptInPlainTokens = (regime: Regime, shape: string) => {
  const row = regimeRow(regime, shape);
  return ratio(regimePromptMs(row), row?.plainMsPerToken);
};
export const readGBps =
  memoryTree?.bytesPerPass && memoryTree.readMsPerPass
    ? memoryTree.bytesPerPass / memoryTree.readMsPerPass / 1e6
    : undefined;

// ---- Words from the measurements, in each edition ----
/** A regime's name, a race row's draft runner. */
export const regimeName = bilingual<Record<Regime, string>>({
  en: { 'overhead-bound': 'overhead-bound', 'compute-bound': 'compute-bound', 'memory-bound': 'memory-bound' },
  zh: { 'overhead-bound': '开销受限', 'compute-bound': '计算受限', 'memory-bound': '访存受限' },
});
export const draftName = bilingual<Record<SpecRaceResult['draft'], string>>({
  en: { tfjs: 'tfjs', 'plain JS': 'plain JS' },
  zh: { tfjs: 'tfjs', 'plain JS': '纯 JavaScript' },
});
/**
 * The clock the pass costs were timed with, as scripts/measure-speculative.ts records it, and in Chinese with the
 * same counts (the English itself if the script ever records another clock, which the facts test would notice).
 */
const CLOCK = /^processor time of this process \(fastest of (\d+) samples of (\d+) passes\)$/;
const clockCounts = m.cost.clock === undefined ? null : CLOCK.exec(m.cost.clock);
export const clockName: Bilingual<string | undefined> = {
  en: m.cost.clock,
  zh: clockCounts
    ? `本进程的处理器时间，取 ${clockCounts[1]} 次采样中最快的一次，每次 ${clockCounts[2]} 次前向`
    : m.cost.clock,
};

// ---- Text through the kit's formatters ----
/** A share as a percent with one decimal ("52.3%"). */
export { percent as pct } from '../../site/widgets/_kit/format.ts';
/** A number to `d` decimals-worth of significant digits, or a dash when not measured. */
export const num = (x: number | undefined, digits = 3) => (x === undefined ? '—' : String(sig(x, digits)));

/** How many times the target's parameters outnumber the draft's, and the target's fp32 weights in bytes. */
export const targetOverDraft = m.models.targetParameters / m.models.draftParameters;
export const targetFp32Bytes = m.models.targetParameters * 4;

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a / b;
/** Widening chain 8 to the width-5 tree: tokens per pass gained, greedy and sampled; and MSS over naive sampling. */
export const widenGreedy = ratio(w5, w1);
export const widenSampled = ratio(w5s, w1s);
export const mssOverNaive = ratio(w5s, naive5);
/** A pass over T tokens (of the target, or of the draft) as a multiple of the target's one-token pass. */
export const passCost = (list: CostList, T: number) => ratio(costOf(list, T), cost1);
/** New tokens the race generates after each prompt. */
export const raceNewTokens = m.race.rows.length ? m.race.rows[0].tokens / m.race.prompts : undefined;
/**
 * The chain of two with the plain-JS draft: plain decoding's processor ms per generated token (c₁), its pass over
 * each prompt left out as c_T and d leave it out, and the speed-up the per-pass costs predict: tokens per pass × c₁
 * over the target's and draft's ms per pass.
 */
export const c2PlainMsPerToken = c2?.plainCpuMs === undefined ? undefined : c2.plainCpuMs / c2.tokens;
/** What c₁ leaves out, as its own figure: plain decoding's pass over one race prompt, processor ms, and the same in
 *  plain tokens (c₁). Absent in files older than the prompt-pass timing. */
export const c2PromptMs = c2?.promptCpuMs === undefined ? undefined : c2.promptCpuMs / m.race.prompts;
export const promptPassCost = ratio(c2PromptMs, c2PlainMsPerToken);
export const c2ModelledSpeedup =
  c2 && c2PlainMsPerToken !== undefined
    ? (c2.tokensPerPass * c2PlainMsPerToken) / (c2.targetMsPerPass + c2.draftMsPerPass)
    : undefined;
/** The measured processor-time speed-up over the formula's promise; below 1 − 3%, a speculative step's bookkeeping
 *  (cutting caches, reading logits rows, walking the tree), which c_T and d leave out, shows. */
export const c2MeasuredOverPromised =
  c2?.cpuSpeedup === undefined ? undefined : ratio(c2.cpuSpeedup, c2ModelledSpeedup);
export const c2BookkeepingShows = c2MeasuredOverPromised !== undefined && c2MeasuredOverPromised < 0.97;
