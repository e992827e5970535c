// What the FlexGen paper reports for one T4 (prompt 512, 32 new tokens), for comparison with the cost model.
// Throughput and effective batch size: Table 2 (and the repository's benchmark/batch_size_table.md, which repeats it).
// The policies that produced them: benchmark/flexgen/bench_suite.py in FMInference/FlexGen (the cases with prompt 512):
// gbs, nb and the percentages wg wc / cg cc / hg hc, the rest on disk.
import type { CostOptions, OffloadPlacement } from './cost-model.ts';
import type { OptName } from './shapes.ts';

export interface PaperRun {
  model: OptName;
  system: 'FlexGen' | 'FlexGen + 4-bit';
  /** Generation throughput, tokens/s [Table 2]. */
  throughput: number;
  /** Effective batch size and the lowest tier used [batch_size_table.md]. */
  batch: number;
  lowestTier: 'GPU' | 'CPU' | 'disk';
  gbs: number;
  nb: number;
  placement: OffloadPlacement;
  options: CostOptions;
}

const pct = (wg: number, wc: number, cg: number, cc: number, hg: number, hc: number): OffloadPlacement => ({
  wg: wg / 100,
  wc: wc / 100,
  wd: (100 - wg - wc) / 100,
  cg: cg / 100,
  cc: cc / 100,
  cd: (100 - cg - cc) / 100,
  hg: hg / 100,
  hc: hc / 100,
  hd: (100 - hg - hc) / 100,
});

export const PAPER_RUNS: PaperRun[] = [
  {
    model: 'opt-6.7b',
    system: 'FlexGen',
    throughput: 25.26,
    batch: 2,
    lowestTier: 'GPU',
    gbs: 2,
    nb: 1,
    placement: pct(100, 0, 100, 0, 100, 0),
    options: {},
  },
  {
    model: 'opt-30b',
    system: 'FlexGen',
    throughput: 7.32,
    batch: 144,
    lowestTier: 'CPU',
    gbs: 48,
    nb: 3,
    placement: pct(20, 80, 0, 100, 0, 100),
    options: { cpuDelegation: true },
  },
  {
    model: 'opt-175b',
    system: 'FlexGen',
    throughput: 0.69,
    batch: 256,
    lowestTier: 'disk',
    gbs: 32,
    nb: 8,
    placement: pct(0, 50, 0, 0, 0, 100),
    options: { cpuDelegation: true },
  },
  {
    model: 'opt-6.7b',
    system: 'FlexGen + 4-bit',
    throughput: 29.12,
    batch: 72,
    lowestTier: 'GPU',
    gbs: 72,
    nb: 1,
    placement: pct(100, 0, 100, 0, 100, 0),
    options: { compressWeights: true, compressCache: true },
  },
  // The 30B run compressed only the KV cache (bench_suite.py: --compress-cache).
  {
    model: 'opt-30b',
    system: 'FlexGen + 4-bit',
    throughput: 8.38,
    batch: 512,
    lowestTier: 'CPU',
    gbs: 64,
    nb: 8,
    placement: pct(0, 100, 0, 100, 0, 100),
    options: { compressCache: true },
  },
  {
    model: 'opt-175b',
    system: 'FlexGen + 4-bit',
    throughput: 1.12,
    batch: 144,
    lowestTier: 'CPU',
    gbs: 48,
    nb: 3,
    placement: pct(0, 100, 0, 100, 0, 100),
    options: { compressWeights: true, compressCache: true },
  },
];
