// Int4Race as plain data: one race's result as a sentence.
import type { Int4RaceResult } from '../../../lib/quant/race.ts';
import { bytes, duration, times } from '../_kit/format.ts';

export function raceSentence(r: Int4RaceResult): string {
  const faster = r.speedup >= 1;
  return (
    `${r.inDim} x ${r.outDim}: fp32 ${duration(r.fp32Ms)} reading ${bytes(r.fp32Bytes)}, int4 ${duration(r.int4Ms)} reading ${bytes(r.int4Bytes)}: ` +
    (faster
      ? `int4 is ${times(r.speedup)} faster.`
      : `int4 is ${times(1 / r.speedup)} slower (unpacking costs more than the bytes it saves here).`)
  );
}
