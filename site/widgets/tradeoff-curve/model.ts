// The trade-off curve's data: the cost model's throughput–latency frontier (site/data/flexgen-results.json, made by
// scripts/flexgen-results.ts: every feasible (gbs, nb) of the search, keeping those that beat all faster ones),
// in fp16 and with 4-bit weights and cache, and the paper's Table 2 points, whose latency is b·n / throughput
// (the paper's definition of throughput, §3) with n = 32. The words are in text.ts.
import { PAPER_RUNS } from '../../../lib/offload/paper.ts';

/** The four series: the cost model's frontiers (fp16, 4-bit) and the paper's points (FlexGen, FlexGen + 4-bit). */
export const SERIES_KEYS = ['fp16', 'int4', 'paper', 'paperInt4'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

export interface CurvePoint {
  series: SeriesKey;
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

export function curve(
  frontiers: Frontiers,
  model: 'opt-30b' | 'opt-175b',
): { lines: CurvePoint[]; paper: CurvePoint[] } {
  const f = frontiers[model];
  const lines = [
    ...f.fp16.map((p) => ({ series: SERIES_KEYS[0], latency: p.latency, throughput: p.throughput, bls: p.bls })),
    ...f.int4.map((p) => ({ series: SERIES_KEYS[1], latency: p.latency, throughput: p.throughput, bls: p.bls })),
  ];
  const paper = PAPER_RUNS.filter((r) => r.model === model).map((r) => ({
    series: r.system === 'FlexGen' ? SERIES_KEYS[2] : SERIES_KEYS[3],
    latency: (r.batch * 32) / r.throughput,
    throughput: r.throughput,
    bls: r.batch,
  }));
  return { lines, paper };
}
