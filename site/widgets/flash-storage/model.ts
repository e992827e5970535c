// FlashStorage's data: read throughput per chunk size (the build machine's, and the reader's once measured), and
// the paper's M1 Max throughputs for three kinds of reads [arXiv 2312.11514 v3, Table 2]. No DOM.
import { PAPER_M1_MAX } from '../../../lib/hardware/devices.ts';
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

/** The curve's owner inside a sentence: "the build machine", "this device". */
const whose = (c: Curve) => (c.who === 'build machine' ? 'the build machine' : c.who);

export function at(c: Curve, order: CurvePoint['order'], chunkBytes: number): CurvePoint | undefined {
  return c.points.find((p) => p.order === order && p.chunkBytes === chunkBytes);
}

/** One sentence on a curve: the smallest and largest scattered reads. */
export function curveSentence(c: Curve): string {
  const s = c.points.filter((p) => p.order === 'scattered').sort((a, b) => a.chunkBytes - b.chunkBytes);
  if (s.length === 0) return '';
  const lo = s[0],
    hi = s[s.length - 1];
  return `On ${whose(c)}, scattered reads of ${bytes(lo.chunkBytes)} move ${bandwidth(lo.bytesPerSecond)} (${duration(lo.microsPerRead / 1000)} per read); reads of ${bytes(hi.chunkBytes)} move ${bandwidth(hi.bytesPerSecond)}.`;
}

export function summaryText(curves: Curve[]): string {
  return `${curves.map(curveSentence).join(' ')} The paper's M1 Max read single neurons at 1.25 GB/s, bundled ones at 2.25 GB/s and whole matrices at 6.1 GB/s.`;
}

/** What a read of this size is, in the lesson's terms. */
const SIZE_MEANING: Record<number, string> = {
  1024: "one bundle of our model: a neuron's up column and down row",
  32768: "one bundle of OPT 6.7B in fp32, the paper's App. C.1",
};

/** The sentence under the chart: throughput of reads of one size, on each curve, sequential and scattered. */
export function chunkSentence(curves: Curve[], chunkBytes: number): string {
  const meaning = SIZE_MEANING[chunkBytes] ? ` (${SIZE_MEANING[chunkBytes]})` : '';
  const parts = curves.map((c) => {
    const seq = at(c, 'sequential', chunkBytes),
      scat = at(c, 'scattered', chunkBytes);
    if (!seq || !scat) return `${whose(c)} did not measure this size`;
    return `${whose(c)} moves ${bandwidth(seq.bytesPerSecond)} sequential and ${bandwidth(scat.bytesPerSecond)} scattered, ${duration(scat.microsPerRead / 1000)} per scattered read`;
  });
  return `Reads of ${bytes(chunkBytes)}${meaning}: ${parts.join('; ')}.`;
}
