// Pricing a token's reads, two ways. (1) On the paper's M1 Max flash [LLM in a Flash, arXiv 2312.11514 v3,
// Table 2]: whole-matrix reads at 6.10 GB/s, predictor-chosen single-neuron reads at 1.25 GB/s, bundled ones at
// 2.25 GB/s — the throughput the paper measured for each kind of read, OPT 6.7B in 16 bits (its bundles are then
// 2 × 4096 × 2 B = 16 KiB by our arithmetic; App. C.1 gives 32 KiB at 32 bits; ours are 0.5-1 KiB, so this prices our
// byte counts as if read like theirs: modelled). (2) On a storage curve (lib/hardware's StorageCurve: a measured one
// from measuredCurve, or a cited device such as UFS_4_0), each read priced by the one read-cost function, readMs.
import { PAPER_M1_MAX } from '../hardware/devices.ts';
import { readMs, type StorageCurve } from '../hardware/storage-curve.ts';
import { emptyTokenRecord, type TokenRecord } from './flash-ffn.ts';
import type { FfnLayoutName } from './layout.ts';

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

/** Milliseconds of I/O for one token's reads, each priced on a storage curve at its size and order. */
export function curveIoMs(rec: TokenRecord, curve: StorageCurve): number {
  let ms = 0;
  for (const [key, n] of Object.entries(rec.readsBySize)) {
    const [order, size] = key.split(':');
    ms += n * readMs(Number(size), order === 'sequential' ? 'sequential' : 'random', curve);
  }
  return ms;
}

type CountField = Exclude<keyof TokenRecord, 'readsBySize'>;
const COUNT_FIELDS = Object.keys(emptyTokenRecord()).filter((k): k is CountField => k !== 'readsBySize');

/** The mean of each numeric field over records (readsBySize counts averaged too). */
export function meanRecord(recs: TokenRecord[]): TokenRecord {
  const n = Math.max(1, recs.length);
  const out = emptyTokenRecord();
  for (const r of recs) {
    for (const k of COUNT_FIELDS) out[k] += r[k] / n;
    for (const [k, v] of Object.entries(r.readsBySize)) out.readsBySize[k] = (out.readsBySize[k] ?? 0) + v / n;
  }
  return out;
}
