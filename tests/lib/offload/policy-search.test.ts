// The placement LP (HiGHS) against a brute-force grid over the fractions, and the search's reports.
import { describe, expect, it } from 'vitest';
import {
  costModel,
  evalLinear,
  evaluatePlacement,
  MEMORY_ROWS,
  type CostModel,
  type OffloadPlacement,
} from '../../../lib/offload/cost-model.ts';
import { getHighs, searchPolicy, solvePlacement } from '../../../lib/offload/policy-search.ts';
import { OPT_SHAPES } from '../../../lib/offload/shapes.ts';
import { GiB, T4_FITTED, T4_NOMINAL } from '../../../lib/hardware/offload-machine.ts';
import { mulberry32 } from '../../../lib/random.ts';

/** Best feasible block time over every placement with fractions on a 0.1 grid. */
function gridBest(cm: CostModel): number {
  // Most grid points do not fit, or are slower than the best so far; evaluating each in full was most of this file's
  // time. So every point first gets evaluatePlacement's own memory test and block time (the same evalLinear sums,
  // the same slack, the same max over the step bounds), and only a point that fits and beats the best is evaluated
  // in full, which must agree on both.
  const fitsMemory = (p: OffloadPlacement) =>
    MEMORY_ROWS.every((r) => evalLinear(cm.memory[r], p) <= cm.capacity[r] * (1 + 1e-9));
  const stepMax = (bounds: CostModel['prefillBounds'], p: OffloadPlacement) =>
    Math.max(...Object.values(bounds).map((b) => evalLinear(b, p)));
  const blockSeconds = (p: OffloadPlacement) =>
    cm.prefillLayers * stepMax(cm.prefillBounds, p) + cm.decodeLayers * stepMax(cm.decodeBounds, p);
  const triples: [number, number, number][] = [];
  for (let a = 0; a <= 10; a++) for (let b = 0; a + b <= 10; b++) triples.push([a / 10, b / 10, (10 - a - b) / 10]);
  let best = Infinity,
    disagreements = 0;
  for (const [wg, wc, wd] of triples)
    for (const [cg, cc, cd] of triples)
      for (const [hg, hc, hd] of triples) {
        const p = { wg, wc, wd, cg, cc, cd, hg, hc, hd };
        if (!fitsMemory(p)) continue;
        const seconds = blockSeconds(p);
        if (!(seconds < best)) continue;
        const e = evaluatePlacement(cm, p);
        if (!e.fits || e.blockSeconds !== seconds) disagreements++;
        best = e.blockSeconds;
      }
  expect(disagreements).toBe(0);
  return best;
}

describe('solvePlacement', () => {
  it('is feasible and no worse than the best 0.1-grid placement, on random settings', async () => {
    const highs = await getHighs();
    const rng = mulberry32(14);
    const models = [OPT_SHAPES['opt-6.7b'], OPT_SHAPES['opt-30b'], OPT_SHAPES['opt-175b']];
    let solved = 0;
    for (let trial = 0; trial < 6; trial++) {
      const m = models[trial % 3];
      const hw = {
        ...(trial % 2 ? T4_NOMINAL : T4_FITTED),
        gpuMem: (4 + Math.floor(rng() * 28)) * GiB,
        cpuMem: (32 + Math.floor(rng() * 300)) * GiB,
      };
      const gbs = [4, 8, 16, 32, 48][Math.floor(rng() * 5)],
        nb = 1 + Math.floor(rng() * 8);
      const cm = costModel(m, hw, { s: 512, n: 32, gbs, nb }, { cpuDelegation: rng() < 0.7 });
      const lp = solvePlacement(highs, cm);
      const grid = gridBest(cm);
      if (lp.status === 'optimal') {
        solved++;
        expect(lp.evaluation.fits).toBe(true);
        expect(lp.evaluation.blockSeconds).toBeLessThanOrEqual(grid * (1 + 1e-6));
      } else {
        expect(grid).toBe(Infinity); // the grid finds nothing either
      }
    }
    expect(solved).toBeGreaterThan(0);
  });

  it('reports an infeasible setting as infeasible, naming the tier', async () => {
    const highs = await getHighs();
    const tiny = { ...T4_FITTED, gpuMem: 1 * GiB, cpuMem: 8 * GiB, diskMem: 50 * GiB };
    const r = solvePlacement(highs, costModel(OPT_SHAPES['opt-175b'], tiny, { s: 512, n: 32, gbs: 32, nb: 8 }));
    expect(r.status).toBe('infeasible');
    if (r.status === 'infeasible') expect(r.reason).toMatch(/GPU|CPU|disk|do not fit/);
  });
});

describe('searchPolicy', () => {
  it('returns the fastest feasible candidate, and each candidate fits', async () => {
    const r = await searchPolicy(OPT_SHAPES['opt-30b'], T4_FITTED, { s: 512, n: 32 });
    expect(r.best).not.toBeNull();
    const feasible = r.candidates.filter((c) => c.result.status === 'optimal');
    for (const c of feasible)
      if (c.result.status === 'optimal') {
        expect(c.result.evaluation.fits).toBe(true);
        expect(c.result.evaluation.throughput).toBeLessThanOrEqual(r.best!.result.evaluation.throughput);
      }
    expect(r.candidates.some((c) => c.result.status === 'infeasible')).toBe(true);
  });
  it('finds nothing when the disk is too small to hold OPT-175B, and says so', async () => {
    const r = await searchPolicy(
      OPT_SHAPES['opt-175b'],
      { ...T4_FITTED, cpuMem: 16 * GiB, diskMem: 100 * GiB },
      { s: 512, n: 32, gbsList: [1, 8], nbList: [1, 2] },
    );
    expect(r.best).toBeNull();
    expect(r.candidates.every((c) => c.result.status === 'infeasible')).toBe(true);
  });
});
