// The schedule animator's view model: the grid (rows = GPU batches, columns = token × layer), the visiting order of
// the chosen schedule (lib/offload/schedule.ts), counts after `step` squares, and the cost model's throughput and
// latency for OPT-175B on the T4 at this block size (modelled, with the paper's 175B placement). Its sentences are in
// text.ts.
import { costModel, evaluatePlacement } from '../../../lib/offload/cost-model.ts';
import { T4_FITTED } from '../../../lib/hardware/offload-machine.ts';
import { PAPER_RUNS } from '../../../lib/offload/paper.ts';
import {
  scheduleOrder,
  simulate,
  zigzagWeightLoads,
  type Grid,
  type ScheduleKind,
  type Square,
} from '../../../lib/offload/schedule.ts';
import { OPT_SHAPES } from '../../../lib/offload/shapes.ts';

export const TOKENS = 3;
/** The run on our model: sequences per GPU batch and tokens generated. */
export const RUN_GBS = 4;
export const RUN_TOKENS = 16;
export const LAYERS = 4;

export interface ScheduleValues {
  order: ScheduleKind;
  batches: number;
  nb: number;
  gbs: number;
  step: number;
}

export interface Cell extends Square {
  col: number;
  done: boolean;
  current: boolean;
  inBlock: boolean;
}

/** The block size the schedule really uses: 1 batch (row), nb (zig-zag), or all (column). */
export function blockOf(v: ScheduleValues): number {
  return v.order === 'row' ? 1 : v.order === 'column' ? v.batches : Math.min(v.nb, v.batches);
}

export function scheduleView(v: ScheduleValues) {
  const g: Grid = { batches: v.batches, tokens: TOKENS, layers: LAYERS };
  const block = blockOf(v);
  const order = scheduleOrder(v.order === 'row' ? 'zigzag' : v.order, g, v.order === 'row' ? 1 : block);
  const total = order.length;
  const step = Math.min(v.step, total);
  const done = new Set(order.slice(0, step).map((s) => `${s.batch},${s.token},${s.layer}`));
  const cur = order[step - 1];
  const blockStart = cur ? Math.floor(cur.batch / block) * block : 0;
  const cells: Cell[] = [];
  for (let batch = 0; batch < g.batches; batch++)
    for (let token = 0; token < TOKENS; token++)
      for (let layer = 0; layer < LAYERS; layer++) {
        cells.push({
          batch,
          token,
          layer,
          col: token * LAYERS + layer,
          done: done.has(`${batch},${token},${layer}`),
          current: !!cur && cur.batch === batch && cur.token === token && cur.layer === layer,
          inBlock: batch >= blockStart && batch < blockStart + block,
        });
      }
  const counts = simulate(order, g, 0, step);
  const all = simulate(order, g, 0);
  return {
    cells,
    step,
    total,
    block,
    counts,
    totalLoads: all.weightLoads,
    rowLoads: zigzagWeightLoads(g, 1),
    columnLoads: zigzagWeightLoads(g, g.batches),
  };
}

/** OPT-175B on the T4 (fitted constants, the paper's 175B placement) with a block of gbs × block sequences. */
export function modelled(v: ScheduleValues) {
  const run = PAPER_RUNS.find((r) => r.model === 'opt-175b' && r.system === 'FlexGen')!;
  const bls = v.gbs * blockOf(v);
  const e = evaluatePlacement(
    costModel(OPT_SHAPES['opt-175b'], T4_FITTED, { s: 512, n: 32, gbs: v.gbs, nb: blockOf(v) }, run.options),
    run.placement,
  );
  return { bls, throughput: e.throughput, latencyMs: e.blockSeconds * 1000, fits: e.fits };
}
