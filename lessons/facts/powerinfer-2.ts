// Lesson 3 (PowerInfer-2): the lesson's facts, typed, from the build-time replays of our model on the phone's
// simulated storage (site/data/measured-phone.ts), the widgets' default settings, and the cited UFS 4.0 and INT4
// 7B figures in lib/hardware. Numbers stay numbers (undefined without a trained model); the text helpers at the end
// format them with the kit's formatters.
import { curvesCross, INT4_7B_COSTS, INT4_7B_VECTOR_BYTES, readMs } from '../../lib/hardware/index.ts';
import { schedulePipeline } from '../../lib/sparsity/pipeline.ts';
import { breakEvenMissShare, saving, storageReadShare } from '../../lib/sparsity/token-pipeline.ts';
import {
  measuredBatch,
  measuredCache,
  measuredPipeline,
  type PhoneInfo,
  phoneInfo,
  splitAt,
} from '../../site/data/measured-phone.ts';
import { bytes, count, duration, percent } from '../../site/widgets/_kit/format.ts';
import { BATCH_DEFAULTS } from '../../site/widgets/batch-union/params.ts';
import { CACHE_DEFAULTS } from '../../site/widgets/neuron-cache-sim/params.ts';
import { GANTT_DEFAULTS } from '../../site/widgets/pipeline-gantt/params.ts';
import { plainStat } from '../../site/widgets/stat/format.ts';

export const prompt = 'Call me Ishmael.';
export const facts = await phoneInfo();
export const batch = await measuredBatch(prompt, BATCH_DEFAULTS);
export const split = batch ? splitAt(batch, BATCH_DEFAULTS.hot) : undefined;
export const cache = await measuredCache(CACHE_DEFAULTS);
export const unbundled = await measuredCache({ ...CACHE_DEFAULTS, bundle: false });
export const pipe = await measuredPipeline(GANTT_DEFAULTS);
/** The paper's own (v3) matrix-level pipeline on the same work: cached clusters are computed while the rest load,
 *  with a barrier only between the gate matrix and up/down (lib's schedulePipeline 'matrix' mode). */
export const paperMatrix = pipe
  ? schedulePipeline(pipe.work, { mode: 'matrix', computeThreads: GANTT_DEFAULTS.threads })
  : undefined;
/** How much shorter our cluster-level schedule is than the paper's matrix-level one (share). */
export const savingVsPaper = pipe && paperMatrix ? saving({ matrix: paperMatrix, cluster: pipe.cluster }) : undefined;
/** The cluster-level schedule's saving over our strict matrix-level one, and the share of needed neurons read. */
export const savingVsStrict = pipe ? saving(pipe) : undefined;
export const readShare = pipe ? storageReadShare(pipe) : undefined;
/** The share of each layer's neurons the neuron cache keeps hot. */
export const hotShare = cache && facts ? cache.hotNeuronsPerLayer / facts.nFfn : undefined;

/** One 4 KB random read of an INT4 neuron on the UFS 4.0 curve, and one INT4 vector computation (ms, modelled). */
export const readOneMs = readMs(INT4_7B_COSTS.gateReadBytes);
export const vectorMs = INT4_7B_COSTS.computeMsPerVector;
/** The phone CPU's memory bandwidth, bytes/s [PowerInfer-2, arXiv 2406.06282 v3, §2.3.1]. */
export const PHONE_CPU_BANDWIDTH = 43.9e9;
/** Streaming one INT4 vector (2 KB of weights + 0.5 KB of scales) at that bandwidth, ms. */
export const streamMs = (INT4_7B_VECTOR_BYTES / PHONE_CPU_BANDWIDTH) * 1000;
/** How many vector computations one 4 KB read costs. */
export const readsInVectors = readOneMs / vectorMs;
/** The share of needed neurons that may miss the cache before reads take as long as compute. */
export const breakEven = breakEvenMissShare();
/** Where the two interpolated UFS curves cross: the smallest whole-block read at which sequential is as fast as random. */
export const ufsCross = curvesCross();
/** One weight vector of ours, fp32 (bytes). */
export const ourVectorBytes = facts ? facts.nEmbd * 4 : undefined;

export const first = <T>(xs: T[] | undefined) => xs?.[0];
export const last = <T>(xs: T[] | undefined) => xs?.[xs.length - 1];

// ---- Text through the kit's formatters ----
export { bytes, count, duration };
/** f(facts), or a dash while no model is trained. */
export const info = <T>(f: (p: PhoneInfo) => T): T | '—' => (facts ? f(facts) : '—');
/** A number in the same form as its badged twin, without a badge: for the second number of a sentence from one source. */
export const plain = (v: number | undefined | null, unit: string, digits = 3) =>
  v === undefined || v === null || !Number.isFinite(v)
    ? '—'
    : plainStat({ value: v, unit, digits, source: 'measured' });
export const pct = (x: number) => percent(x);
/** The per-layer active shares, "12.3%, 45.6%, …". */
export const activeList = facts ? facts.active.map((a) => percent(a)).join(', ') : undefined;
