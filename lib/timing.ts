// Timing a call on this machine, one definition for every widget and benchmark that races kernels. Each round calls
// the function until at least `minMs` have passed on the clock, so a coarse clock (a browser rounds performance.now
// to 0.1 ms, Firefox without cross-origin isolation to 1 ms) or a busy machine never turns a fast call into 0 ms.
import { median } from './stats.ts';

export interface TimingOptions {
  /** Timed rounds (default 7). */
  rounds?: number;
  /** Each round runs for at least this long (default 2 ms). */
  minMs?: number;
  /** How the rounds are summarised: their median (default) or the fastest, which is the least disturbed. */
  pick?: 'median' | 'fastest';
  /** Untimed calls first: JIT tiers, kernel compilation, first-touch of pages (default 3). */
  warmup?: number;
  now?: () => number;
}

/** Milliseconds for one round of calls to `f` that lasts at least `minMs`, divided by the calls made. */
export function msPerCall(f: () => void, minMs: number, now: () => number = () => performance.now()): number {
  let calls = 0;
  const t0 = now();
  let t = t0;
  do {
    f();
    calls++;
    t = now();
  } while (t - t0 < minMs);
  return (t - t0) / calls;
}

/** Milliseconds per call of `f`, over several rounds; always > 0 for minMs > 0. */
export function timePerCall(f: () => void, opts: TimingOptions = {}): number {
  const { rounds = 7, minMs = 2, pick = 'median', warmup = 3, now = () => performance.now() } = opts;
  for (let i = 0; i < warmup; i++) f();
  const runs = Array.from({ length: Math.max(1, rounds) }, () => msPerCall(f, minMs, now));
  return pick === 'median' ? median(runs) : Math.min(...runs);
}
