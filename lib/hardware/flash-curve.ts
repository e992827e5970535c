// A phone's flash read curve as points to draw, and what one neuron-cache miss reads: both priced by the storage
// model of lib/sparsity/flash.ts (UFS 4.0 figures cited from PowerInfer-2; log-linear between them is ours).
import { blockRound, readBandwidth, UFS_4_0, type ReadPattern, type StorageModel } from '../sparsity/flash.ts';

export interface FlashCurvePoint {
  bytes: number;
  pattern: ReadPattern;
  /** Bytes per second. */
  bandwidth: number;
  /** True at the sizes the paper states; the points between are the interpolation. */
  cited: boolean;
}

/** Read bandwidth at every power of two from one block to the largest cited size, both patterns. */
export function flashCurve(storage: StorageModel = UFS_4_0): FlashCurvePoint[] {
  const out: FlashCurvePoint[] = [];
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
export function missRead(vectorBytes: number, bundle: boolean, storage: StorageModel = UFS_4_0): MissRead {
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
export function curvesCross(storage: StorageModel = UFS_4_0): number | undefined {
  const last = Math.min(
    storage.random[storage.random.length - 1][0],
    storage.sequential[storage.sequential.length - 1][0],
  );
  for (let b = storage.blockBytes; b <= last; b += storage.blockBytes) {
    if (readBandwidth(b, 'sequential', storage) >= readBandwidth(b, 'random', storage)) return b;
  }
  return undefined;
}
