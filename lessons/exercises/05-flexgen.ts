// Lesson 5 (FlexGen): the answers of the lesson's exercises, computed at build time with lib/offload.
// tests/widgets/lessons/exercises.test.ts checks each one independently.
import { zigzagWeightLoads } from '../../lib/offload/schedule.ts';
import { GiB } from '../../lib/hardware/offload-machine.ts';
import { kvCacheBytes, OPT_SHAPES, weightBytes } from '../../lib/offload/shapes.ts';

export const opt30 = OPT_SHAPES['opt-30b'];

/** OPT-30B's KV cache peak at b = 64, s = 512, n = 32, in GiB (4·b·l·h1·(s+n) bytes). */
export const kv30 = { b: 64, s: 512, n: 32, answer: kvCacheBytes(opt30, 64, 512, 32) / GiB };

/** Weight traffic of a zig-zag schedule for OPT-30B: 12 GPU batches in blocks of 4, 32 tokens, in GiB. */
const traffic = { batches: 12, nb: 4, tokens: 32 };
const loads = zigzagWeightLoads({ batches: traffic.batches, tokens: traffic.tokens, layers: opt30.l }, traffic.nb);
export const zigzagTraffic = {
  ...traffic,
  loads,
  weightsGiB: weightBytes(opt30) / GiB,
  answer: (loads / opt30.l) * (weightBytes(opt30) / GiB),
};

/** ScheduleAnimator (3 tokens × 4 layers): with 8 GPU batches, the smallest zig-zag block that needs at most a quarter of row-by-row's weight loads. */
const grid = { batches: 8, tokens: 3, layers: 4 };
const rowLoads = zigzagWeightLoads(grid, 1);
const nb = [1, 2, 3, 4, 5, 6, 7, 8].find((b) => zigzagWeightLoads(grid, b) <= rowLoads / 4)!;
export const quarterLoads = {
  ...grid,
  rowLoads,
  answer: nb,
  loads: zigzagWeightLoads(grid, nb),
  before: zigzagWeightLoads(grid, nb - 1),
};

export { count, sig } from '../../site/widgets/_kit/format.ts';
