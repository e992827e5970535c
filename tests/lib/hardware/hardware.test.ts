// Cited device figures in one place: vector sizes, the UFS read curve and what one cache miss reads.
import { describe, expect, it } from 'vitest';
import {
  FP16_7B_VECTOR_BYTES,
  measuredCurve,
  missRead,
  neuronBytes,
  readBandwidth,
  readMs,
  UFS_4_0,
  storageCurvePoints,
  vectorBytes,
} from '../../../lib/hardware/index.ts';
import type { ThroughputPoint } from '../../../lib/storage/index.ts';

describe('lib/hardware', () => {
  it('vector and neuron sizes: ours from nEmbd, 7B from the paper, one source for placement too', () => {
    expect(vectorBytes('ours', 128)).toBe(512);
    expect(vectorBytes('int4', 128)).toBe(2560);
    expect(vectorBytes('fp16', 128)).toBe(8192);
    expect(neuronBytes('ours', 128)).toBe(1024);
    expect(neuronBytes('ours', 128, 2)).toBe(512);
    expect(neuronBytes('fp16', 4096)).toBe(2 * FP16_7B_VECTOR_BYTES);
  });
  it('the UFS read curve hits the cited points exactly and rises between them', () => {
    const pts = storageCurvePoints();
    for (const pattern of ['random', 'sequential'] as const) {
      const p = pts.filter((x) => x.pattern === pattern);
      expect(p[0].bytes).toBe(UFS_4_0.blockBytes);
      for (const [bytes, bw] of UFS_4_0[pattern])
        expect(p.find((x) => x.bytes === bytes)).toMatchObject({ bandwidth: bw, cited: true });
      for (let k = 1; k < p.length; k++) expect(p[k].bandwidth).toBeGreaterThan(p[k - 1].bandwidth);
      expect(p.filter((x) => x.cited).length).toBe(UFS_4_0[pattern].length);
    }
  });
  it('a bundled miss is one read of both vectors, an unbundled one two reads, each rounded to whole blocks', () => {
    expect(missRead(2560, true)).toEqual({ request: 5120, reads: 1, fetched: 8192, bandwidth: readBandwidth(5120) });
    expect(missRead(2560, false)).toEqual({ request: 2560, reads: 2, fetched: 4096, bandwidth: readBandwidth(2560) });
  });
});

describe('one read-cost function for a cited and a measured curve', () => {
  const sizes = [1024, 4096, 32768];
  const points: ThroughputPoint[] = sizes.flatMap((chunkBytes, k) =>
    (['sequential', 'scattered'] as const).map((order) => {
      const microsPerRead = (order === 'sequential' ? 2 : 5) * (1 + k);
      const reads = 100;
      const seconds = (reads * microsPerRead) / 1e6;
      return {
        order,
        chunkBytes,
        reads,
        bytes: reads * chunkBytes,
        seconds,
        bytesPerSecond: (reads * chunkBytes) / seconds,
        microsPerRead,
      };
    }),
  );
  const curve = measuredCurve(points);

  it('a read of a measured size costs its measured time per read', () => {
    for (const p of points)
      expect(readMs(p.chunkBytes, p.order === 'scattered' ? 'random' : 'sequential', curve) * 1000).toBeCloseTo(
        p.microsPerRead,
        9,
      );
  });

  it('a read below the smallest measured size costs as much as one of that size; above the largest, scales', () => {
    expect(readMs(100, 'random', curve)).toBeCloseTo(readMs(1024, 'random', curve), 12);
    expect(readMs(65536, 'random', curve)).toBeCloseTo(2 * readMs(32768, 'random', curve), 12);
  });

  it('between measured sizes the time per read is log-linear in the size', () => {
    const at = (b: number) => points.find((p) => p.order === 'scattered' && p.chunkBytes === b)!.microsPerRead;
    const f = Math.log(2048 / 1024) / Math.log(4096 / 1024);
    expect(readMs(2048, 'random', curve) * 1000).toBeCloseTo(at(1024) + f * (at(4096) - at(1024)), 9);
  });

  it('between measured sizes the cost grows with the size, as UFS random reads do', () => {
    // (UFS sequential reads do not: from 450 MB/s at 4 KB, interpolated bandwidth doubles faster than the size.)
    const cases = [
      [curve, 'random'],
      [curve, 'sequential'],
      [UFS_4_0, 'random'],
    ] as const;
    for (const [c, pattern] of cases)
      for (let b = 1024; b < 32768; b += 512)
        expect(readMs(b + 512, pattern, c)).toBeGreaterThanOrEqual(readMs(b, pattern, c));
  });

  it('on UFS 4.0 a partial block costs a whole block', () => {
    expect(readMs(1, 'random')).toBe(readMs(4096, 'random'));
    expect(readMs(4097, 'random')).toBeCloseTo((8192 / readBandwidth(8192)) * 1000, 12);
  });
});
