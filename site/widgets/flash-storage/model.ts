// FlashStorage's data: read throughput per chunk size (the build machine's, and the reader's once measured), and
// the paper's M1 Max throughputs for three kinds of reads [arXiv 2312.11514 v3, Table 2]. No DOM; the words are in
// text.ts.
import { PAPER_M1_MAX } from '../../../lib/hardware/devices.ts';

export interface CurvePoint {
  order: 'sequential' | 'scattered';
  chunkBytes: number;
  bytesPerSecond: number;
  microsPerRead: number;
}

export interface Curve {
  who: 'build machine' | 'this device';
  points: CurvePoint[];
}

export const PAPER_LINES = [
  { rule: 'matrices', bytesPerSecond: PAPER_M1_MAX.denseBytesPerSecond },
  { rule: 'bundles', bytesPerSecond: PAPER_M1_MAX.bundledBytesPerSecond },
  { rule: 'neurons', bytesPerSecond: PAPER_M1_MAX.scatteredBytesPerSecond },
] as const;

export function at(c: Curve, order: CurvePoint['order'], chunkBytes: number): CurvePoint | undefined {
  return c.points.find((p) => p.order === order && p.chunkBytes === chunkBytes);
}
