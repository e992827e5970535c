// FlashStorage's data: read throughput per chunk size (the build machine's, and the reader's once measured), and
// the paper's M1 Max throughputs for three kinds of reads [arXiv 2312.11514 v3, Table 2]. No DOM.
import { PAPER_M1_MAX } from '../../../lib/flash/cost.ts';
import { bandwidth, bytes, duration } from '../_kit/format.ts';

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
  { label: 'paper, matrices', bytesPerSecond: PAPER_M1_MAX.denseBytesPerSecond },
  { label: 'paper, bundles', bytesPerSecond: PAPER_M1_MAX.bundledBytesPerSecond },
  { label: 'paper, neurons', bytesPerSecond: PAPER_M1_MAX.scatteredBytesPerSecond },
];

export function at(c: Curve, order: CurvePoint['order'], chunkBytes: number): CurvePoint | undefined {
  return c.points.find((p) => p.order === order && p.chunkBytes === chunkBytes);
}

/** One sentence on a curve: the smallest and largest scattered reads. */
export function curveSentence(c: Curve): string {
  const s = c.points.filter((p) => p.order === 'scattered').sort((a, b) => a.chunkBytes - b.chunkBytes);
  if (s.length === 0) return '';
  const lo = s[0], hi = s[s.length - 1];
  return `On the ${c.who}, scattered reads of ${bytes(lo.chunkBytes)} move ${bandwidth(lo.bytesPerSecond)} (${duration(lo.microsPerRead / 1000)} per read); reads of ${bytes(hi.chunkBytes)} move ${bandwidth(hi.bytesPerSecond)}.`;
}

export function summaryText(curves: Curve[]): string {
  return `${curves.map(curveSentence).join(' ')} The paper's M1 Max read single neurons at 1.25 GB/s, bundled ones at 2.25 GB/s and whole matrices at 6.1 GB/s.`;
}
