// NeuronCacheSim as plain data (no DOM): the figures for one memory size (its labels and sentences are in text.ts).
// The cache itself is lib/sparsity/cache-sweep.ts (replaying our model's trace); flash times come from lib/hardware.
import type { CachePoint } from '../../../lib/sparsity/cache-sweep.ts';
import { bytes, decimal, duration, percent, perSecond } from '../_kit/format.ts';

/** The numbers shown for one memory size, formatted (static view and live view share them). */
export function cacheFigures(
  pt: CachePoint,
): Record<'hit' | 'hotHit' | 'coldHit' | 'misses' | 'reads' | 'bytes' | 'io' | 'ceiling', string> {
  return {
    hit: percent(pt.hitRate),
    hotHit: percent(pt.hotHitRate),
    coldHit: percent(pt.coldHitRate),
    misses: decimal(pt.missesPerToken, 1),
    reads: decimal(pt.readsPerToken, 1),
    bytes: bytes(pt.bytesReadPerToken),
    io: duration(pt.ioMsPerToken),
    ceiling: Number.isFinite(pt.ioTokensPerSecond) ? perSecond(pt.ioTokensPerSecond) : 'no reads',
  };
}
