// The plain-data policy question the widgets send: presets changed by sliders, fixed pairs, bad numbers.
import { describe, expect, it } from 'vitest';
import { getHighs } from '../../../lib/offload/policy-search.ts';
import { hardwareFor, solveRequest } from '../../../lib/offload/solve-request.ts';
import { GiB } from '../../../lib/hardware/offload-machine.ts';

describe('solveRequest', () => {
  it('searches and returns a frontier whose throughput rises with latency, ending at the best policy', async () => {
    const a = await solveRequest(await getHighs(), { model: 'opt-30b' });
    expect(a.status).toBe('optimal');
    if (a.status !== 'optimal') return;
    for (let i = 1; i < a.frontier.length; i++) {
      expect(a.frontier[i].latency).toBeGreaterThan(a.frontier[i - 1].latency);
      expect(a.frontier[i].throughput).toBeGreaterThan(a.frontier[i - 1].throughput);
    }
    expect(a.frontier[a.frontier.length - 1].throughput).toBeCloseTo(a.policy.throughput, 9);
  });
  it('solves one fixed (gbs, nb) and reports an impossible machine as infeasible', async () => {
    const highs = await getHighs();
    const ok = await solveRequest(highs, { model: 'opt-30b', gbs: 48, nb: 3 });
    expect(ok.status === 'optimal' && ok.policy.bls).toBe(144);
    const bad = await solveRequest(highs, { model: 'opt-175b', gpuGB: 1, cpuGB: 8, diskGB: 64 });
    expect(bad.status).toBe('infeasible');
  });
  it('applies slider values to the preset and rejects zero or absurd ones', async () => {
    expect(hardwareFor({ model: 'opt-30b', gpuGB: 24, pcieGBs: 25 }).gpuMem).toBe(24 * GiB);
    expect(() => hardwareFor({ model: 'opt-30b', gpuGB: 0 })).toThrow(/gpuMem must be a positive/);
    expect(() => hardwareFor({ model: 'opt-30b', diskGB: 1e12 })).toThrow(/absurd/);
    await expect(solveRequest(await getHighs(), { model: 'opt-9000b' as never })).rejects.toThrow(/unknown model/);
    await expect(solveRequest(await getHighs(), { model: 'opt-30b', gbs: -1 })).rejects.toThrow(/gbs/);
  });
});
