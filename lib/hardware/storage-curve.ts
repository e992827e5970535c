// Storage as a read-time model: bandwidth depends on the size of each read and on whether reads are sequential or
// scattered. One type serves both a cited device (UFS_4_0 below) and a curve measured in this browser or in Node
// (lib/storage's measureReadThroughput, through measuredCurve), and one function prices a read on either (readMs).
//
// UFS 4.0 (OnePlus 12), from PowerInfer-2 [arXiv 2406.06282, §2.3.2]:
//   sequential reads: 450 MB/s at 4 KB blocks up to 4 GB/s at 512 KB;
//   random reads: about 1 GB/s at 4 KB (within a 128 MB range; below 850 MB/s across 512 MB), 3.5 GB/s at 512 KB.
// Between two known sizes a curve interpolates linearly in log(read size) (our assumption, not a source's curve):
// bandwidth for a cited curve, whose source gives bandwidths (on UFS 4.0 the time per read then still grows with the
// size); time per read for a measured one, whose reads took about the same time over a range of sizes, where
// interpolating bandwidth would make some larger reads cheaper than smaller ones. Outside the known sizes, bandwidth is
// clamped (a larger read moves at the largest read's rate), and a read smaller than the smallest known size costs as
// much as one of that size (on UFS that is one 4 KB block). UFS timings are simulated for a device we are not
// running on.
import type { ThroughputPoint } from '../storage/throughput.ts';

/** Reads one after another ('sequential') or at scattered offsets ('random'). */
export type ReadPattern = 'random' | 'sequential';

export interface StorageCurve {
  name: string;
  /** Smallest unit a read fetches: a request is rounded up to whole blocks (1 for a measured curve). */
  blockBytes: number;
  /** [read bytes, bytes per second] points, ascending in size. */
  random: [number, number][];
  sequential: [number, number][];
  /** What varies linearly in log(read size) between two points: bandwidth, or the time one read takes. */
  interpolate: 'bandwidth' | 'timePerRead';
  source: string;
}

export const UFS_4_0: StorageCurve = {
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
  interpolate: 'bandwidth',
  source:
    'PowerInfer-2, arXiv 2406.06282, §2.3.2 (random 4 KB figure: within a 128 MB range); log-linear interpolation is ours',
};

/** A curve measured by lib/storage's measureReadThroughput ('scattered' points become the 'random' pattern). */
export function measuredCurve(
  points: readonly ThroughputPoint[],
  name = 'measured',
  source = 'measured',
): StorageCurve {
  const of = (order: ThroughputPoint['order']): [number, number][] =>
    points
      .filter((p) => p.order === order)
      .sort((a, b) => a.chunkBytes - b.chunkBytes)
      .map((p) => [p.chunkBytes, p.bytesPerSecond]);
  return {
    name,
    blockBytes: 1,
    random: of('scattered'),
    sequential: of('sequential'),
    interpolate: 'timePerRead',
    source,
  };
}

/** Bytes actually fetched for a request of `bytes`: rounded up to whole blocks. */
export function blockRound(bytes: number, storage: StorageCurve = UFS_4_0): number {
  return Math.ceil(bytes / storage.blockBytes) * storage.blockBytes;
}

function pointsOf(pattern: ReadPattern, storage: StorageCurve): [number, number][] {
  const pts = storage[pattern];
  if (pts.length === 0) throw new Error(`${storage.name}: no ${pattern} read points`);
  return pts;
}

/** Bandwidth (bytes/s) for reads of `bytes` each (after block rounding), interpolated between the known points. */
export function readBandwidth(bytes: number, pattern: ReadPattern = 'random', storage: StorageCurve = UFS_4_0): number {
  const pts = pointsOf(pattern, storage);
  const s = blockRound(bytes, storage);
  if (s <= pts[0][0]) return pts[0][1];
  for (let k = 1; k < pts.length; k++) {
    const [s0, b0] = pts[k - 1],
      [s1, b1] = pts[k];
    if (s > s1) continue;
    const f = Math.log(s / s0) / Math.log(s1 / s0);
    if (storage.interpolate === 'bandwidth') return b0 + (b1 - b0) * f;
    const t0 = s0 / b0,
      t1 = s1 / b1;
    return s / (t0 + (t1 - t0) * f);
  }
  return pts[pts.length - 1][1];
}

/** Milliseconds for one read of `bytes`: whole blocks, and never less than a read of the smallest known size. */
export function readMs(bytes: number, pattern: ReadPattern = 'random', storage: StorageCurve = UFS_4_0): number {
  if (bytes <= 0) return 0;
  const moved = Math.max(blockRound(bytes, storage), pointsOf(pattern, storage)[0][0]);
  return (moved / readBandwidth(bytes, pattern, storage)) * 1000;
}

export interface StorageCurvePoint {
  bytes: number;
  pattern: ReadPattern;
  /** Bytes per second. */
  bandwidth: number;
  /** True at the sizes the source states; the points between are the interpolation. */
  cited: boolean;
}

/** Read bandwidth at every power of two from one block to the largest known size, both patterns, to draw. */
export function storageCurvePoints(storage: StorageCurve = UFS_4_0): StorageCurvePoint[] {
  const out: StorageCurvePoint[] = [];
  for (const pattern of ['random', 'sequential'] as const) {
    const cited = new Set(storage[pattern].map(([s]) => s));
    const last = storage[pattern][storage[pattern].length - 1][0];
    for (let s = storage.blockBytes; s <= last; s *= 2)
      out.push({ bytes: s, pattern, bandwidth: readBandwidth(s, pattern, storage), cited: cited.has(s) });
  }
  return out;
}

export interface MissRead {
  /** Bytes one read asks for. */
  request: number;
  /** Reads per missed neuron: 1 when up and down are bundled, else 2. */
  reads: number;
  /** Bytes actually fetched per read (whole blocks). */
  fetched: number;
  /** Bytes per second the random-read curve gives a read of that size. */
  bandwidth: number;
}

/** What one cold miss reads for vectors of `vectorBytes`: one bundled read of both vectors, or two reads. */
export function missRead(vectorBytes: number, bundle: boolean, storage: StorageCurve = UFS_4_0): MissRead {
  const request = bundle ? 2 * vectorBytes : vectorBytes;
  return {
    request,
    reads: bundle ? 1 : 2,
    fetched: blockRound(request, storage),
    bandwidth: readBandwidth(request, 'random', storage),
  };
}

/**
 * The smallest whole-block read at which sequential reads are at least as fast as random ones, or undefined if they
 * never are up to the largest cited size. On UFS 4.0 the paper's 4 KB figures put sequential below random, so below
 * this size the drawn curves have sequential slower; where exactly they cross is the interpolation's doing.
 */
export function curvesCross(storage: StorageCurve = UFS_4_0): number | undefined {
  const last = Math.min(
    storage.random[storage.random.length - 1][0],
    storage.sequential[storage.sequential.length - 1][0],
  );
  for (let b = storage.blockBytes; b <= last; b += storage.blockBytes) {
    if (readBandwidth(b, 'sequential', storage) >= readBandwidth(b, 'random', storage)) return b;
  }
  return undefined;
}
