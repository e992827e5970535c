// The matrix-level schedule: four barrier-separated phases, so no task of a later phase starts before every task of
// the earlier one ends; it is never faster than the cluster-level schedule on random instances.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../lib/random.ts';
import { matrixLevelSchedule } from '../../../lib/sparsity/matrix-schedule.ts';
import { schedulePipeline, type ClusterWork } from '../../../lib/sparsity/pipeline.ts';

const LANE_PHASE: Record<string, number> = { Pred: 0, GIO: 0, GC: 1, UDIO: 2, UDC: 3 };

describe('matrixLevelSchedule', () => {
  it('keeps the phases apart, does all the work, and is no faster than cluster level (random instances)', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 50; trial++) {
      const work: ClusterWork[] = Array.from({ length: 1 + Math.floor(rand() * 16) }, () => ({
        gateIoMs: rand() < 0.5 ? 0 : rand() * 0.01,
        gateComputeMs: rand() * 0.01,
        udIoMs: rand() < 0.5 ? 0 : rand() * 0.01,
        udComputeMs: rand() * 0.02,
      }));
      const threads = 1 + Math.floor(rand() * 3);
      const m = matrixLevelSchedule(work, threads);
      const c = schedulePipeline(work, { mode: 'cluster', computeThreads: threads });
      expect(m.totalMs).toBeGreaterThanOrEqual(c.totalMs - 1e-12);
      for (const a of m.tasks)
        for (const b of m.tasks) {
          if (LANE_PHASE[a.lane] < LANE_PHASE[b.lane] && b.end > b.start && a.end > a.start)
            expect(b.start).toBeGreaterThanOrEqual(a.end - 1e-12);
        }
      const busy = (lane: string) => m.tasks.filter((t) => t.lane === lane).reduce((s, t) => s + t.end - t.start, 0);
      expect(busy('GIO')).toBeCloseTo(
        work.reduce((s, w) => s + w.gateIoMs, 0),
        9,
      );
      expect(busy('UDC')).toBeCloseTo(
        work.reduce((s, w) => s + w.udComputeMs, 0),
        9,
      );
      expect(m.ioIdleMs).toBeGreaterThanOrEqual(-1e-12);
    }
  });
});
