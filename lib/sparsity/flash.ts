// A phone's flash storage as a read-time model: bandwidth depends on the size of each read and on whether reads are
// sequential or scattered. Figures for UFS 4.0 (OnePlus 12) from PowerInfer-2 [arXiv 2406.06282, §2.3.2]:
//   sequential reads: 450 MB/s at 4 KB blocks up to 4 GB/s at 512 KB;
//   random reads: about 1 GB/s at 4 KB (within a 128 MB range; below 850 MB/s across 512 MB), 3.5 GB/s at 512 KB.
// Between the two cited sizes we interpolate bandwidth linearly in log(read size) — our assumption, not the paper's
// curve — and clamp outside them. A read smaller than one 4 KB block still costs a whole block.
// These are simulated timings for a device we are not running on; every activation pattern fed to them is real.

export type ReadPattern = 'random' | 'sequential';

export interface StorageModel {
  name: string;
  /** Smallest unit a read fetches. */
  blockBytes: number;
  /** [read bytes, bytes per second] points, ascending in size. */
  random: [number, number][];
  sequential: [number, number][];
  source: string;
}

export const UFS_4_0: StorageModel = {
  name: 'UFS 4.0 (OnePlus 12)',
  blockBytes: 4096,
  random: [
    [4096, 1e9],
    [512 * 1024, 3.5e9],
  ],
  sequential: [
    [4096, 450e6],
    [512 * 1024, 4e9],
  ],
  source:
    'PowerInfer-2, arXiv 2406.06282, §2.3.2 (random 4 KB figure: within a 128 MB range); log-linear interpolation is ours',
};

/** Bytes actually fetched for a request of `bytes`: rounded up to whole blocks. */
export function blockRound(bytes: number, storage: StorageModel = UFS_4_0): number {
  return Math.ceil(bytes / storage.blockBytes) * storage.blockBytes;
}

/** Bandwidth (bytes/s) for reads of `bytes` each (after block rounding), log-linear between the cited points. */
export function readBandwidth(bytes: number, pattern: ReadPattern = 'random', storage: StorageModel = UFS_4_0): number {
  const pts = storage[pattern];
  const s = blockRound(bytes, storage);
  if (s <= pts[0][0]) return pts[0][1];
  for (let k = 1; k < pts.length; k++) {
    const [s0, b0] = pts[k - 1],
      [s1, b1] = pts[k];
    if (s <= s1) return b0 + (b1 - b0) * (Math.log(s / s0) / Math.log(s1 / s0));
  }
  return pts[pts.length - 1][1];
}

/** Milliseconds for one read of `bytes` (rounded up to blocks). */
export function readMs(bytes: number, pattern: ReadPattern = 'random', storage: StorageModel = UFS_4_0): number {
  if (bytes <= 0) return 0;
  return (blockRound(bytes, storage) / readBandwidth(bytes, pattern, storage)) * 1000;
}
