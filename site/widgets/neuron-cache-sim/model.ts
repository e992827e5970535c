// NeuronCacheSim as plain data (no DOM): labels, the figures for one memory size and the sentences. The cache itself
// is lib/sparsity/cache-sweep.ts (replaying our model's trace); sizes and flash times come from lib/hardware.
import { vectorBytes, type VectorSize } from '../../../lib/hardware/neuron-bytes.ts';
import type { MissRead } from '../../../lib/hardware/storage-curve.ts';
import type { CachePoint } from '../../../lib/sparsity/cache-sweep.ts';
import { bandwidth, bytes, decimal, duration, percent, perSecond } from '../_kit/format.ts';
import type { CacheValues } from './params.ts';

export function neuronLabel(neuron: VectorSize, nEmbd: number): string {
  if (neuron === 'ours') return `ours: ${bytes(vectorBytes('ours', nEmbd))} per vector (${nEmbd} × fp32)`;
  return `7B, ${neuron.toUpperCase()}: ${bytes(vectorBytes(neuron, nEmbd))} per vector`;
}

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

/** One sentence for the live summary and the caption. */
export function cacheSentence(pt: CachePoint, v: Pick<CacheValues, 'hot' | 'bundle'>): string {
  const f = cacheFigures(pt);
  return (
    `With ${percent(pt.memory, 0)} of the FFN's weights in memory (${percent(v.hot, 0)} of it for hot clusters, ${v.bundle ? 'bundled' : 'unbundled'} reads): ` +
    `${f.hit} of needed neurons are already in memory (hot region ${f.hotHit}, cold region ${f.coldHit}); ` +
    `each token misses ${f.misses} neurons, issues ${f.reads} flash reads and fetches ${f.bytes}, ` +
    `about ${f.io} of flash time on a UFS 4.0 phone (simulated).`
  );
}

/** What one cold miss reads, in words. */
export function missSentence(read: MissRead): string {
  const twice = read.reads === 2;
  return (
    `One cold miss reads ${bytes(read.request)}${twice ? ' twice (up, then down)' : ' (up and down together)'}, fetched as ` +
    `${bytes(read.fetched)} of whole 4 KiB blocks${twice ? ' each' : ''}, at ${bandwidth(read.bandwidth)} on the random-read curve.`
  );
}
