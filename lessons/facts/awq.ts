// Lesson 6 (AWQ): the lesson's facts, typed, from the committed measurements (site/data/awq/, via awqResults) and
// lib/quant. Numbers stay numbers; the few text helpers at the end format them with the kit's formatters. The
// lesson imports these names instead of defining them in the MDX.
import { monteCarloScaling } from '../../lib/quant/microscope.ts';
import { bilingual } from '../../site/i18n/text.ts';
import { plainStat } from '../../site/widgets/stat/format.ts';
import { bytes, count, decimal, percent, sig, signedDecimal, signedPercent } from '../../site/widgets/_kit/format.ts';
import { median } from '../../lib/stats.ts';
import { ABLATION_WINDOWS } from '../../lib/quant/outliers.ts';
import {
  awqComparison,
  awqResults,
  plantedChannels,
  plantedDeletion,
  type Comparison,
  type CompareRow,
  type GridRow,
  type KeepRow,
  type PairedDifference,
  type Table2Row,
} from '../../site/data/awq.ts';

export const R = awqResults();
export const has = <T>(x: T | undefined | null): x is T => x !== undefined && x !== null;
export type Method = GridRow['method'];
export type KeepBy = KeepRow['by'];

export const grid = (method: Method, bits: number, groupSize: number): GridRow | undefined =>
  R.grid.find((r) => r.method === method && r.bits === bits && r.groupSize === groupSize);
export const keep = (by: KeepBy, fraction: number, bits = 3, groupSize = 128): KeepRow | undefined =>
  R.keep.find((r) => r.by === by && r.fraction === fraction && r.bits === bits && r.groupSize === groupSize);
export const fp32 = R.header?.fp32;
export const size = (bits: number, groupSize: number) =>
  R.sizes?.quantized.find((r) => r.bits === bits && r.groupSize === groupSize);

/** Activation statistics of every linear layer whose name ends with `k` ("attn.qkv", "mlp.down"). */
export const acts = Object.entries(R.activations);
export const kind = (k: string) => acts.filter(([n]) => n.endsWith(k)).map(([, a]) => a);
export const t2 = (s: number): Table2Row | undefined => R.table2.find((r) => r.s === s);

/** The int4 kernel race (scripts/bench-quant.ts), rows keyed by the file's column titles. */
export const bench = R.bench?.rows ?? [];
export type BenchRow = (typeof bench)[number];
/**
 * The fastest and slowest int4 speed-up of a row's three races. The file stores them as one display string
 * ("1.09–1.10"); it is read here once, into numbers, and a malformed value is NaN, never a guess.
 */
export function speedupRange(r: BenchRow | undefined): { lo: number; hi: number } {
  const m = /^\s*([\d.]+)\s*[–-]\s*([\d.]+)\s*$/.exec(String(r?.['speedup range (3 races)'] ?? ''));
  return m ? { lo: Number(m[1]), hi: Number(m[2]) } : { lo: Number.NaN, hi: Number.NaN };
}
export const lo = (r: BenchRow | undefined) => speedupRange(r).lo;
export const hi = (r: BenchRow | undefined) => speedupRange(r).hi;
export const tfRow = (m: string) => bench.find((r) => r.kernel === 'tfjs wasm matMul' && r.matrix === m);
export const jsRow = (m: string) => bench.find((r) => String(r.kernel).startsWith('plain JS') && r.matrix === m);
export const jsInt4Ms = jsRow('4096 x 4096')?.['int4 g64 ms'] as number | undefined;

export const GS = [128, 64, 32];
export const BY: KeepBy[] = ['activation', 'weightNorm', 'random'];
/** The three ways of choosing the kept channels, named in each edition. */
export const NAME = bilingual<Record<KeepBy, string>>({
  en: { activation: 'choosing by activation', weightNorm: 'choosing by weight norm', random: 'choosing at random' },
  zh: { activation: '按激活选择', weightNorm: '按权重范数选择', random: '随机选择' },
});
export const SETTINGS = [4, 3, 2].flatMap((b) => GS.map((g) => [b, g] as const));

/** Perplexity ratio minus one between the worst and best of the three ways to choose the kept share `f`. */
export function keepSpread(f: number): number | undefined {
  const ls = BY.map((b) => keep(b, f)?.loss).filter(has);
  return ls.length === 3 ? Math.exp(Math.max(...ls) - Math.min(...ls)) - 1 : undefined;
}
/** The largest activation outlier (max over median) among the layers fed by a layer norm. */
export const lnMax = [...kind('attn.qkv'), ...kind('mlp.up')].reduce((m, a) => Math.max(m, a.maxOverMedian), 0);
/** Random groups at 4 bits, group 128, one weight scaled by s = 4: how often the step changes. */
export const mc4 = monteCarloScaling({ groups: 10000, groupSize: 128, bits: 4, s: 4, seed: 1 });
export const best2 = R.table2.length ? R.table2.reduce((b, r) => (r.loss < b.loss ? r : b)) : undefined;
/** OPT-6.7B's share of groups whose step changed at s = 2 (AWQ Table 2). */
export const PAPER_GROUPS_CHANGED_AT_2 = 0.082;
export const moreChanged = t2(2) ? t2(2)!.groupsChanged > PAPER_GROUPS_CHANGED_AT_2 : undefined;

/** Share of RTN's loss increase over fp32 that a method wins back at a bit width and group size. */
export function gain(m: Method, b: number, g: number): number | undefined {
  const r = grid('rtn', b, g);
  const q = grid(m, b, g);
  return r && q && fp32 ? (r.loss - q.loss) / (r.loss - fp32.loss) : undefined;
}
export const clipDominates = GS.every((g) => {
  const full = gain('awq', 3, g);
  const scale = gain('awq-scale', 3, g);
  return has(full) && has(scale) && full - scale > scale;
});

/** For each bit width and group size with all three keep-1% runs: the runs. */
export const keepRuns = SETTINGS.map(([b, g]) => ({ b, g, rows: BY.map((by) => keep(by, 0.01, b, g)) }))
  .filter((k) => k.rows.every(has))
  .map((k) => ({ ...k, rows: k.rows as KeepRow[] }));
export const keepWins = (by: KeepBy) =>
  keepRuns.filter((k) => k.rows.reduce((m, r) => (r.loss < m.loss ? r : m)).by === by).length;
export const keepBeatsAll = (b: number) =>
  keepRuns
    .filter((k) => k.b === b)
    .every((k) => {
      const awq = grid('awq', k.b, k.g);
      return has(awq) && k.rows.every((r) => awq.loss < r.loss);
    });
export function keepGap(b: number, g: number): number | undefined {
  const k = keepRuns.find((x) => x.b === b && x.g === g);
  return k ? Math.max(...k.rows.map((r) => r.loss)) - Math.min(...k.rows.map((r) => r.loss)) : undefined;
}
/** The setting where the choice of kept channels matters most, with the best and worst choice there. */
export const widest = keepRuns
  .map((k) => {
    const sorted = [...k.rows].sort((x, y) => x.loss - y.loss);
    return { b: k.b, g: k.g, gap: keepGap(k.b, k.g) ?? 0, best: sorted[0].by, worst: sorted[2].by };
  })
  .reduce<{ b: number; g: number; gap: number; best: KeepBy; worst: KeepBy } | undefined>(
    (w, k) => (!w || k.gap > w.gap ? k : w),
    undefined,
  );

// ---- Text for the lesson's tables and sentences, through the kit's formatters ----

/** A loss in nats per token, five significant digits ("3.5133"). */
export const loss = (r: { loss: number } | undefined) => (r ? String(sig(r.loss, 5)) : '—');
/** A loss's change from fp32, signed ("+0.0304", "−0.001"). */
export const delta = (r: { loss: number } | undefined) =>
  r && fp32 ? `${r.loss >= fp32.loss ? '+' : '−'}${sig(Math.abs(r.loss - fp32.loss), 3)}` : '—';
/** Bytes in binary units. */
export const kib = (b: number | undefined) => (has(b) ? bytes(b) : '—');
/** The range of f over xs, three significant digits ("0.92–1.7"). */
export const range = <T>(xs: T[], f: (x: T) => number) =>
  xs.length ? `${sig(Math.min(...xs.map(f)))}–${sig(Math.max(...xs.map(f)))}` : '—';
/** Perplexity's rise over fp32 as a signed percent ("+3.1%"). */
export const pplUp = (r: { loss: number } | undefined) =>
  r && fp32 ? signedPercent(Math.exp(r.loss - fp32.loss) - 1, 1) : '—';
/** gain() as a whole percent ("37%"). */
export const recovered = (m: Method, b: number, g: number) => {
  const v = gain(m, b, g);
  return has(v) ? percent(v, 0) : '—';
};
/** How much the scale search alone cuts the layer output error at int3, group 128, as a percent. */
export const layerGain = (() => {
  const r = grid('awq-scale', 3, 128);
  return r ? percent(1 - r.layerErrorRatio, 1) : '—';
})();

// ---- The paired comparison at int3 g128 (scripts/quantize.ts compare), on target-v1 and the outlier model ----

export type CompareModel = 'trained' | 'outliers';
export const CMP: Record<CompareModel, Comparison | undefined> = {
  trained: awqComparison('target-v1'),
  outliers: awqComparison('outliers'),
};
/** The outlier model's own grid (scripts/quantize.ts on the constructed model). */
export const OR = awqResults('outliers');
export const cmpRow = (m: CompareModel, method: CompareRow['method']) => CMP[m]?.rows.find((r) => r.method === method);
export const CMP_METHODS: [CompareRow['method'], string][] = [
  ['rtn', 'RTN'],
  ['keep-activation', 'keep 1% by activation'],
  ['keep-weight', 'keep 1% by weight norm'],
  ['keep-random', 'keep 1% at random'],
  ['awq-scale', 'AWQ scales only'],
  ['awq', 'AWQ (scales + clipping)'],
];
/** Does a paired interval leave out zero? */
export const excludes0 = (d: PairedDifference | null | undefined) => !!d && (d.lo > 0 || d.hi < 0);
/** RTN's added loss over fp32 on one model, and the outlier model's against target-v1's. */
export const rtnRise = (m: CompareModel) => cmpRow(m, 'rtn')?.vsFp32.mean;
export const riseRatio = (() => {
  const o = rtnRise('outliers');
  const t = rtnRise('trained');
  return has(o) && has(t) ? o / t : undefined;
})();
/** Share of RTN's added loss a method takes back, on the same tokens. */
export function takesBack(m: CompareModel, method: CompareRow['method']): number | undefined {
  const r = cmpRow(m, method);
  const q = cmpRow(m, 'rtn');
  return r && q ? 1 - r.vsFp32.mean / q.vsFp32.mean : undefined;
}
/** The largest loss reduction against RTN of any method on one model (nats/token). */
export const maxGain = (m: CompareModel) =>
  Math.max(0, ...(CMP[m]?.rows ?? []).map((r) => (r.vsRtn ? -r.vsRtn.mean : 0)));
/** The scales the outlier model's planted rows were divided by, and the planted channel of each LayerNorm-fed layer. */
export const sAll = CMP.outliers?.outliers?.scales ? Object.values(CMP.outliers.outliers.scales).flat() : [];
export const plantedLn = CMP.outliers?.outliers
  ? Object.entries(CMP.outliers.outliers.channels)
      .filter(([n]) => n.endsWith('attn.qkv') || n.endsWith('mlp.up'))
      .map(([, c]) => c[0])
  : [];
/** The channel ablation's text: the first ABLATION_WINDOWS calibration windows (scripts/quantize.ts plant). */
export const ablationWindows = ABLATION_WINDOWS;
export const ablationTokens = R.header ? ABLATION_WINDOWS * R.header.calibration.blockSize : undefined;
/** Where the outlier model's channels are planted, and what deleting each channel alone costs target-v1. */
export const PLANTED = plantedChannels();
/** The planted channels' costs (nats/token, on the ablation text), each deleted alone. */
export const plantedRise = PLANTED ? Object.values(PLANTED.rise).flat() : [];
/** How many input channels the ablation measured, over every linear layer. */
export const ablationCandidates = PLANTED ? Object.values(PLANTED.all).reduce((a, r) => a + r.length, 0) : undefined;
/** The median input channel's cost, over every channel of every linear layer. */
export const medianRise = PLANTED ? median(Object.values(PLANTED.all).flat()) : undefined;
/** Every planted channel deleted at once, on the ablation windows and on the other calibration windows. */
export const DELETION = plantedDeletion();
/** Target-v1 with every planted channel deleted at once, against fp32 on the comparison's tokens: RTN's bound. */
export const deletedRise = CMP.outliers?.deleted?.vsFp32;
/** RTN's added loss on the outlier model that five times target-v1's would be (nats/token). */
export const fiveTimesRtn = (() => {
  const t = rtnRise('trained');
  return has(t) ? 5 * t : undefined;
})();
export const ogrid = (method: Method, bits: number, groupSize: number) =>
  OR.grid.find((r) => r.method === method && r.bits === bits && r.groupSize === groupSize);
/** The outlier model's grid ran on fewer tokens than target-v1's when its header says so. */
export const orFewerTokens = !!(OR.header && R.header && OR.header.validation.tokens < R.header.validation.tokens);
/** The share of the top 1% of channels in a layer kind's activation total: lowest and highest layer. */
export const top1Span = (k: string) => {
  const xs = kind(k).map((a) => a.top1Share);
  return xs.length ? { min: Math.min(...xs), max: Math.max(...xs) } : undefined;
};
/** How many times faster tfjs's wasm fp32 matMul is than our plain-JS int4 loop, at 4096 × 4096. */
export const tfOverJsInt4 = (() => {
  const tf = tfRow('4096 x 4096')?.['fp32 ms'];
  return typeof tf === 'number' && has(jsInt4Ms) ? jsInt4Ms / tf : undefined;
})();

/** A signed difference in nats: 4 decimals, 5 below a thousandth so a bound near 0 never reads −0.0000. */
export const sgn = (x: number) => signedDecimal(x, Math.abs(x) < 0.001 ? 5 : 4);
/** A paired difference with its interval: "+0.0123 (+0.0100 to +0.0150)"; `to` is the edition's word ("至"). */
export const ci = (d: PairedDifference | null | undefined, to = 'to') =>
  d ? `${sgn(d.mean)} (${sgn(d.lo)} ${to} ${sgn(d.hi)})` : '—';
/** A whole percent, or a dash. */
export const pct = (x: number | undefined) => (has(x) ? percent(x, 0) : '—');
/** The outlier rows' scales, lowest to highest ("2.0 to 3.5"); `to` is the edition's word ("至"). */
export const sRange = (to = 'to') =>
  sAll.length ? `${decimal(Math.min(...sAll), 1)} ${to} ${decimal(Math.max(...sAll), 1)}` : '—';
export const odelta = (r: { loss: number } | undefined) =>
  r && OR.header?.fp32 ? sgn(r.loss - OR.header.fp32.loss) : '—';
/** A loss with four decimals, as the tables' captions give fp32's. */
export const loss4 = (x: number | undefined) => (has(x) ? decimal(x, 4) : '—');
/** A token count grouped by thousands, or a dash. */
export const tokens = (x: number | undefined) => (has(x) ? count(x) : '—');
/** A percent with one decimal, or a dash. */
export const pct1 = (x: number | undefined) => (has(x) ? percent(x, 1) : '—');
/** A ratio with one decimal ("3.4"), or a dash. */
export const ratio1 = (x: number | undefined) => (has(x) ? decimal(x, 1) : '—');
/** A measured number as <Stat> prints it, without its badge: for a sentence that already shows one measured badge. */
export const plainM = (v: number | string | undefined | null, unit?: string, digits?: number) =>
  has(v) && (typeof v !== 'number' || Number.isFinite(v))
    ? plainStat({ value: v, unit, digits, source: 'measured' })
    : '(not measured yet)';
