// The trade-off curve's data: the cost model's throughput–latency frontier (site/data/flexgen-results.json, made by
// scripts/flexgen-results.ts: every feasible (gbs, nb) of the search, keeping those that beat all faster ones),
// in fp16 and with 4-bit weights and cache, and the paper's Table 2 points, whose latency is b·n / throughput
// (the paper's definition of throughput, §3) with n = 32.
import { tokensPerSecond } from '../schedule-animator/rate.ts';
import { PAPER_RUNS } from '../../../lib/offload/paper.ts';
import { count, duration } from '../_kit/format.ts';

export interface CurvePoint {
  series: string;
  latency: number;
  throughput: number;
  bls: number;
}
export type Frontiers = Record<
  'opt-30b' | 'opt-175b',
  {
    fp16: { bls: number; latency: number; throughput: number }[];
    int4: { bls: number; latency: number; throughput: number }[];
  }
>;

export const SERIES_NAMES = [
  'cost model, fp16',
  'cost model, 4-bit',
  'paper, FlexGen',
  'paper, FlexGen + 4-bit',
] as const;

export function curve(
  frontiers: Frontiers,
  model: 'opt-30b' | 'opt-175b',
): { lines: CurvePoint[]; paper: CurvePoint[] } {
  const f = frontiers[model];
  const lines = [
    ...f.fp16.map((p) => ({ series: SERIES_NAMES[0], latency: p.latency, throughput: p.throughput, bls: p.bls })),
    ...f.int4.map((p) => ({ series: SERIES_NAMES[1], latency: p.latency, throughput: p.throughput, bls: p.bls })),
  ];
  const paper = PAPER_RUNS.filter((r) => r.model === model).map((r) => ({
    series: r.system === 'FlexGen' ? SERIES_NAMES[2] : SERIES_NAMES[3],
    latency: (r.batch * 32) / r.throughput,
    throughput: r.throughput,
    bls: r.batch,
  }));
  return { lines, paper };
}

export function summaryText(frontiers: Frontiers, model: 'opt-30b' | 'opt-175b'): string {
  const { lines, paper } = curve(frontiers, model);
  const best = (s: string) => lines.filter((p) => p.series === s).at(-1);
  const b16 = best(SERIES_NAMES[0]),
    b4 = best(SERIES_NAMES[1]);
  const pts = paper
    .map((p) => `${p.series}: ${tokensPerSecond(p.throughput)} at batch ${count(p.bls)}, ${duration(p.latency * 1000)}`)
    .join('; ');
  return `${model.toUpperCase()}: the cost model's throughput rises with latency as blocks grow, up to ${b16 ? tokensPerSecond(b16.throughput) : '–'} at ${b16 ? duration(b16.latency * 1000) : '–'} in fp16 and ${b4 ? tokensPerSecond(b4.throughput) : '–'} at ${b4 ? duration(b4.latency * 1000) : '–'} with 4-bit compression. Paper (Table 2): ${pts}.`;
}
