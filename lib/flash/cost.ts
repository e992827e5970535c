// Pricing a token's reads, two ways. (1) On the paper's M1 Max flash [LLM in a Flash, arXiv 2312.11514 v3,
// Table 2]: whole-matrix reads at 6.10 GB/s, predictor-chosen single-neuron reads at 1.25 GB/s, bundled ones at
// 2.25 GB/s — the throughput the paper measured for each kind of read, OPT 6.7B in 16 bits (its bundles are then
// 2 × 4096 × 2 B = 16 KiB by our arithmetic; App. C.1 gives 32 KiB at 32 bits; ours are 0.5-1 KiB, so this prices our
// byte counts as if read like theirs: modelled). (2) On a measured curve (lib/storage's
// measureReadThroughput): each read costs the measured time per read at its size and order, interpolated
// log-linearly between measured sizes and clamped at the ends.
import type { ThroughputPoint } from '../storage/throughput.ts';
import type { TokenRecord } from './flash-ffn.ts';
import type { FfnLayoutName } from './layout.ts';

export const PAPER_M1_MAX = {
  denseBytesPerSecond: 6.1e9,
  scatteredBytesPerSecond: 1.25e9,
  bundledBytesPerSecond: 2.25e9,
  source: 'LLM in a Flash, arXiv 2312.11514 v3, Table 2 (OPT 6.7B on an M1 Max)',
};

/** The paper's Table 2: I/O for one token of OPT 6.7B, each rung adding one technique. */
export const PAPER_TABLE_2 = [
  { id: 'naive', gb: 13.4, gbPerSecond: 6.1, ioMs: 2196, dramGb: 0 },
  { id: 'hybrid', gb: 6.7, gbPerSecond: 6.1, ioMs: 1090, dramGb: 6.7 },
  { id: 'predictor', gb: 0.9, gbPerSecond: 1.25, ioMs: 738, dramGb: 4.8 },
  { id: 'window', gb: 0.2, gbPerSecond: 1.25, ioMs: 164, dramGb: 6.5 },
  { id: 'bundling', gb: 0.2, gbPerSecond: 2.25, ioMs: 87, dramGb: 6.5 },
] as const;

/** Milliseconds of I/O for one token's reads at the paper's throughput for each kind of read. */
export function paperIoMs(rec: TokenRecord, layout: FfnLayoutName): number {
  const neuronRate = layout === 'bundled' ? PAPER_M1_MAX.bundledBytesPerSecond : PAPER_M1_MAX.scatteredBytesPerSecond;
  return (rec.rangeBytes / PAPER_M1_MAX.denseBytesPerSecond + rec.neuronBytes / neuronRate) * 1000;
}

/** Microseconds per read of `bytes` in `order` on a measured curve (log-linear in size, clamped at the ends). */
export function microsPerRead(points: ThroughputPoint[], order: 'sequential' | 'scattered', bytes: number): number {
  const pts = points.filter((p) => p.order === order).sort((a, b) => a.chunkBytes - b.chunkBytes);
  if (pts.length === 0) throw new Error(`microsPerRead: no ${order} points in the measured curve`);
  if (bytes <= pts[0].chunkBytes) return pts[0].microsPerRead;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1],
      b = pts[i];
    if (bytes <= b.chunkBytes) {
      const f = Math.log(bytes / a.chunkBytes) / Math.log(b.chunkBytes / a.chunkBytes);
      return a.microsPerRead + f * (b.microsPerRead - a.microsPerRead);
    }
  }
  const last = pts[pts.length - 1];
  return last.microsPerRead * (bytes / last.chunkBytes); // beyond the curve: same throughput as its largest read
}

/** Milliseconds of I/O for one token's reads, priced on a measured curve. */
export function curveIoMs(rec: TokenRecord, points: ThroughputPoint[]): number {
  let us = 0;
  for (const [key, n] of Object.entries(rec.readsBySize)) {
    const [order, size] = key.split(':');
    us += n * microsPerRead(points, order as 'sequential' | 'scattered', Number(size));
  }
  return us / 1000;
}

/** The mean of each numeric field over records (readsBySize counts averaged too). */
export function meanRecord(recs: TokenRecord[]): TokenRecord {
  const n = Math.max(1, recs.length);
  const out: TokenRecord = {
    reads: 0,
    bytes: 0,
    rangeBytes: 0,
    neuronBytes: 0,
    readsBySize: {},
    selected: 0,
    loaded: 0,
    heldAfter: 0,
    heldPeak: 0,
    rowsMoved: 0,
    readMs: 0,
  };
  for (const r of recs) {
    for (const k of [
      'reads',
      'bytes',
      'rangeBytes',
      'neuronBytes',
      'selected',
      'loaded',
      'heldAfter',
      'heldPeak',
      'rowsMoved',
      'readMs',
    ] as const)
      out[k] += r[k] / n;
    for (const [k, v] of Object.entries(r.readsBySize)) out.readsBySize[k] = (out.readsBySize[k] ?? 0) + v / n;
  }
  return out;
}
