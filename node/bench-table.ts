// One row of the `npm run bench` table, the same for Node (scripts/bench.ts) and the browser (node/bench-browser.ts).
import type { DecodeBench } from '../lib/bench.ts';

export type BenchRow = Record<string, string | number>;

export function row(where: string, model: string, loadMs: number, d: DecodeBench): BenchRow {
  return {
    where,
    model,
    'load ms': Math.round(loadMs),
    'prefill tok/s': Math.round(d.prefillTokensPerSec),
    'decode tok/s (KV cache)': Math.round(d.cachedTokensPerSec),
    'decode tok/s (re-forward)': Math.round(d.uncachedTokensPerSec),
    'KV speedup': `${d.speedup.toFixed(1)}x`,
  };
}
