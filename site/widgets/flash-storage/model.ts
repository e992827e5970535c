// FlashStorage's data: read throughput per chunk size (the build machine's, and the reader's once measured), and
// the paper's M1 Max throughputs for three kinds of reads [arXiv 2312.11514 v3, Table 2]. No DOM; the words are in
// text.ts.
import { PRESETS } from '../../../lib/config.ts';
import { PAPER_M1_MAX } from '../../../lib/hardware/devices.ts';
import { neuronBytes } from '../../../lib/hardware/neuron-bytes.ts';
import { OPT_SHAPES } from '../../../lib/offload/shapes.ts';

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

/** Read sizes that mean something: one bundle (a neuron's up column and down row, fp32) of our model and of OPT 6.7B
 *  (2 · 4096 · 4 B = 32 KiB, the paper's App. C.1). */
export const BUNDLE_BYTES = {
  ours: neuronBytes('ours', PRESETS.target.nEmbd),
  opt: neuronBytes('ours', OPT_SHAPES['opt-6.7b'].h1),
};

export function at(c: Curve, order: CurvePoint['order'], chunkBytes: number): CurvePoint | undefined {
  return c.points.find((p) => p.order === order && p.chunkBytes === chunkBytes);
}
