// Cited device figures in one place: vector sizes, the UFS read curve and what one cache miss reads.
import { describe, expect, it } from 'vitest';
import {
  FP16_7B_VECTOR_BYTES,
  missRead,
  neuronBytes,
  readBandwidth,
  UFS_4_0,
  storageCurvePoints,
  vectorBytes,
} from '../../../lib/hardware/index.ts';

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
