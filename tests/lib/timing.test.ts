// The one way kernels are timed: a round lasts until the clock has moved by minMs, so a coarse or stalled clock can
// never report a call as taking 0 ms (a speed-up of ∞ once broke FfnRace's chart under load).
import { describe, expect, it } from 'vitest';
import { msPerCall, timePerCall } from '../../lib/timing.ts';

/** A clock that only moves in 1 ms steps, every `callsPerTick` reads: a browser's coarse clock, exaggerated. */
function coarseClock(callsPerTick: number) {
  let reads = 0;
  return () => Math.floor(reads++ / callsPerTick);
}

describe('timePerCall', () => {
  it('a coarse clock still gives a positive time per call, the clock step over the calls that fit in it', () => {
    for (const perTick of [1, 7, 1000]) {
      let calls = 0;
      const ms = msPerCall(() => void calls++, 2, coarseClock(perTick));
      expect(ms).toBeGreaterThan(0);
      expect(ms * calls).toBeGreaterThanOrEqual(2); // the round covered at least minMs on the clock
    }
  });

  it('the median of rounds is reported by default, the fastest on request', () => {
    const rounds = [5, 1, 3]; // ms per call in each round, one call per round
    let t = 0,
      r = 0,
      started = false;
    const now = () => {
      // Each round reads the clock at its start and after its one call.
      if (!started) {
        started = true;
        return t;
      }
      started = false;
      t += rounds[r++ % rounds.length];
      return t;
    };
    expect(timePerCall(() => {}, { rounds: 3, minMs: 1, warmup: 0, now })).toBe(3);
    r = 0;
    expect(timePerCall(() => {}, { rounds: 3, minMs: 1, warmup: 0, now, pick: 'fastest' })).toBe(1);
  });

  it('warm-up calls are made and not timed', () => {
    let calls = 0;
    timePerCall(() => void calls++, { rounds: 1, minMs: 0, warmup: 3, now: () => 0 });
    expect(calls).toBe(4);
  });
});
