// Pipeline schedules: one I/O thread never does two reads at once, compute threads never overlap, every stage waits
// for what it depends on, and dropping the matrix barrier (cluster level) is never slower on random instances.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect } from 'vitest';
import {
  schedulePipeline,
  clusterWorkFromTrace,
  type ClusterWork,
  type PipelineSchedule,
} from '../../../lib/sparsity/pipeline.ts';
import { traceFromSets } from '../../../lib/sparsity/trace.ts';
import { INT4_7B_COSTS, readMs } from '../../../lib/hardware/index.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { randomModel } from '../node-model.ts';
import { profileActivations } from '../../../lib/sparsity/profile.ts';

function randomWork(rng: () => number, n: number): ClusterWork[] {
  return Array.from({ length: n }, () => {
    const cached = rng() < 0.4;
    const io = () => (cached ? 0 : rng() * 0.05);
    return { gateIoMs: io(), gateComputeMs: rng() * 0.03, udIoMs: io(), udComputeMs: rng() * 0.05 };
  });
}

function checkSchedule(s: PipelineSchedule, work: ClusterWork[], threads: number) {
  const eps = 1e-12;
  const io = s.tasks.filter((t) => t.thread === 'io').sort((a, b) => a.start - b.start);
  for (let k = 1; k < io.length; k++) expect(io[k].start).toBeGreaterThanOrEqual(io[k - 1].end - eps);
  for (let th = 0; th < threads; th++) {
    const c = s.tasks.filter((t) => t.thread === th).sort((a, b) => a.start - b.start);
    for (let k = 1; k < c.length; k++) expect(c[k].start).toBeGreaterThanOrEqual(c[k - 1].end - eps);
  }
  const endOf = (lane: string, cluster: number) => s.tasks.find((t) => t.lane === lane && t.cluster === cluster)?.end;
  const pred = endOf('Pred', -1)!;
  const gcEnds = work.map((_, c) => endOf('GC', c) ?? endOf('GIO', c) ?? pred);
  const lastGc = Math.max(pred, ...gcEnds);
  for (const t of s.tasks) {
    expect(t.end).toBeGreaterThan(t.start);
    expect(t.end).toBeLessThanOrEqual(s.totalMs + eps);
    if (t.lane === 'Pred') continue;
    expect(t.start).toBeGreaterThanOrEqual(pred - eps);
    const c = t.cluster;
    if (t.lane === 'GC') expect(t.start).toBeGreaterThanOrEqual((endOf('GIO', c) ?? pred) - eps);
    if (t.lane === 'UDIO' || t.lane === 'UDC')
      expect(t.start).toBeGreaterThanOrEqual((s.mode === 'matrix' ? lastGc : gcEnds[c]) - eps);
    if (t.lane === 'UDC') expect(t.start).toBeGreaterThanOrEqual((endOf('UDIO', c) ?? 0) - eps);
  }
  // Every non-zero stage is scheduled exactly once, for its full duration.
  work.forEach((w, c) => {
    for (const [lane, ms] of [
      ['GIO', w.gateIoMs],
      ['GC', w.gateComputeMs],
      ['UDIO', w.udIoMs],
      ['UDC', w.udComputeMs],
    ] as const) {
      const ts = s.tasks.filter((t) => t.lane === lane && t.cluster === c);
      expect(ts.length).toBe(ms > 0 ? 1 : 0);
      if (ms > 0) expect(ts[0].end - ts[0].start).toBeCloseTo(ms, 12);
    }
  });
}

describe('schedulePipeline', () => {
  it('cluster level is never slower than matrix level; both schedules are valid (random instances)', () => {
    const rng = mulberry32(21);
    for (let trial = 0; trial < 200; trial++) {
      const work = randomWork(rng, 1 + Math.floor(rng() * 12));
      const threads = 1 + Math.floor(rng() * 3);
      const m = schedulePipeline(work, { mode: 'matrix', computeThreads: threads });
      const c = schedulePipeline(work, { mode: 'cluster', computeThreads: threads });
      checkSchedule(m, work, threads);
      checkSchedule(c, work, threads);
      expect(c.totalMs).toBeLessThanOrEqual(m.totalMs + 1e-12);
    }
  });

  it('a hand-made case: the barrier delays up/down reads until every gate is computed', () => {
    const work: ClusterWork[] = [
      { gateIoMs: 1, gateComputeMs: 1, udIoMs: 1, udComputeMs: 1 },
      { gateIoMs: 1, gateComputeMs: 4, udIoMs: 1, udComputeMs: 1 },
    ];
    const m = schedulePipeline(work, { mode: 'matrix', computeThreads: 2, predMs: 0 });
    const c = schedulePipeline(work, { mode: 'cluster', computeThreads: 2, predMs: 0 });
    // Matrix: gate reads 0–1, 1–2; GC0 1–2, GC1 2–6; barrier at 6; UDIO 6–7, 7–8; UDC1 ends at 9.
    expect(m.totalMs).toBe(9);
    // Cluster: UDIO0 starts at 2 after GC0; UDC0 3–4; UDIO1 waits for GC1 (6): 6–7, UDC1 7–8.
    expect(c.totalMs).toBe(8);
    expect(c.tasks.find((t) => t.lane === 'UDIO' && t.cluster === 0)!.start).toBe(2);
    expect(m.ioIdleMs).toBe(4);
  });

  it('rejects bad input clearly', () => {
    expect(() => schedulePipeline([], { mode: 'stage' as never })).toThrow(/mode must be "matrix" or "cluster"/);
    expect(() =>
      schedulePipeline([{ gateIoMs: -1, gateComputeMs: 0, udIoMs: 0, udComputeMs: 0 }], { mode: 'cluster' }),
    ).toThrow(/cluster 0 gateIoMs/);
    expect(schedulePipeline([], { mode: 'cluster' }).totalMs).toBeCloseTo(0.005, 12); // just the predictor
  });
});

describe('clusterWorkFromTrace', () => {
  it("turns a token's active neurons into per-cluster reads and compute, skipping cached clusters", () => {
    const tr = traceFromSets([[[0, 1, 5, 6, 7]]], 8);
    const w = clusterWorkFromTrace(tr, 0, 0, { clusterSize: 4, cachedClusters: 1 });
    const r = readMs(4096),
      v = INT4_7B_COSTS.computeMsPerVector;
    expect(w[0]).toEqual({ gateIoMs: 0, gateComputeMs: 2 * v, udIoMs: 0, udComputeMs: 4 * v }); // neurons 0, 1 cached
    expect(w[1].gateIoMs).toBeCloseTo(3 * r, 12);
    expect(w[1].udIoMs).toBeCloseTo(3 * r, 12);
    // A predictor that also picks neuron 2 (which does not fire): its gate is read and computed, its up/down are not.
    const p = clusterWorkFromTrace(tr, 0, 0, { clusterSize: 4, cachedClusters: 0, predicted: [0, 1, 2, 5, 6, 7] });
    expect(p[0].gateIoMs).toBeCloseTo(3 * r, 12);
    expect(p[0].udIoMs).toBeCloseTo(2 * r, 12);
  });

  it('schedules a real token of a real trace, cluster level no slower', async () => {
    await tf.setBackend('cpu');
    const model = randomModel({ nFfn: 128 });
    const prof = profileActivations(model, 'The last bus of the night runs every forty minutes.');
    model.dispose();
    const work = clusterWorkFromTrace(prof.trace, 10, 1, { frequency: prof.layers[1].frequency, clusterSize: 16 });
    expect(work.length).toBe(8);
    const m = schedulePipeline(work, { mode: 'matrix' }),
      c = schedulePipeline(work, { mode: 'cluster' });
    checkSchedule(c, work, 2);
    expect(c.totalMs).toBeLessThanOrEqual(m.totalMs);
  });
});
