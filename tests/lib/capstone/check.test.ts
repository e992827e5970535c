import { describe, expect, it } from 'vitest';
import {
  allSwitchesBelowSpeculation,
  CHECK_TOLERANCE,
  type CheckedFigures,
  checkLadder,
  fastestShape,
  LADDER_DEFAULTS,
  ladderSteps,
} from '../../../lib/capstone/measure.ts';
import { PLAIN_FROM_FLASH } from '../../../lib/capstone/options.ts';
import { measuredCurve, readMs } from '../../../lib/hardware/storage-curve.ts';
import { mulberry32 } from '../../../lib/random.ts';

// A measured-looking OPFS curve: about 0.3 ms a call up to 32 KiB, then bandwidth-bound.
const curve = measuredCurve(
  [1024, 4096, 32768, 524288].flatMap((chunkBytes) =>
    (['sequential', 'scattered'] as const).map((order) => {
      const seconds = 3e-4 + chunkBytes / 1e9;
      return {
        order,
        chunkBytes,
        reads: 1,
        bytes: chunkBytes,
        seconds,
        bytesPerSecond: chunkBytes / seconds,
        microsPerRead: seconds * 1e6,
      };
    }),
  ),
);

/** A rung whose time is exactly what the model says: its reads priced on the curve, plus `restPerPass` per pass. */
function modelRung(readsBySize: Record<string, number>, tokensPerPass: number, restPerPass: number): CheckedFigures {
  let reads = 0;
  for (const [k, n] of Object.entries(readsBySize)) {
    const [order, size] = k.split(':');
    reads += n * readMs(Number(size), order === 'sequential' ? 'sequential' : 'random', curve);
  }
  const ms = reads + restPerPass / tokensPerPass;
  return {
    tokensPerSecond: 1000 / ms,
    tokensPerPass,
    readsBySize,
    split: { reads, select: 0, ffn: restPerPass / tokensPerPass, attention: 0, draft: 0, bookkeeping: 0 },
  };
}

function randomLadder(seed: number) {
  const rand = mulberry32(seed);
  const rest = 0.5 + 3 * rand();
  const rungs = [{ id: 'plain', run: modelRung({ 'sequential:262144': 8 }, 1, rest) }];
  for (let i = 1; i < 6; i++) {
    const size = 64 << Math.floor(rand() * 8);
    rungs.push({
      id: `r${i}`,
      run: modelRung({ [`scattered:${size}`]: 1 + Math.floor(rand() * 500) }, 1 + 2 * rand(), rest),
    });
  }
  return rungs;
}

describe('checkLadder: each rung against the lessons’ models', () => {
  it('a ladder whose times are exactly the model’s has every rung within the tolerance, and the gains multiply to the whole', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rungs = randomLadder(seed);
      const c = checkLadder(rungs, curve);
      expect(c.rungs.map((r) => r.outside)).toEqual(rungs.map(() => false));
      for (const r of c.rungs) expect(r.error).toBeCloseTo(0, 9);
      const product = c.rungs.reduce((a, r) => a * r.measured, 1);
      expect(product).toBeCloseTo(c.measuredWhole, 9);
      expect(c.predictedWhole).toBeCloseTo(c.measuredWhole, 9);
      expect(c.rungs[0].measured).toBe(1);
    }
  });

  it('a rung that costs more than its counts say is flagged, with the cost in the term that grew, and so is the next', () => {
    const rungs = randomLadder(7);
    const i = 3;
    const r = rungs[i].run;
    const extra = 2 * (1000 / r.tokensPerSecond); // the rung takes three times what the model says
    rungs[i] = {
      id: rungs[i].id,
      run: { ...r, tokensPerSecond: 1000 / (1000 / r.tokensPerSecond + extra), split: { ...r.split, select: extra } },
    };
    const c = checkLadder(rungs, curve);
    expect(c.rungs.filter((x) => x.outside).map((x) => x.id)).toEqual([rungs[i].id, rungs[i + 1].id]);
    expect(c.rungs[i].error).toBeCloseTo(1 / 3 - 1, 9);
    expect(c.rungs[i].restMs - c.rungs[i].modelRestMs).toBeCloseTo(extra, 9);
    expect(c.rungs[i].selectMs).toBe(extra);
    expect(c.rungs[i].readMs).toBeCloseTo(c.rungs[i].modelReadMs, 9);
    // Just inside and just outside the tolerance.
    for (const [k, outside] of [
      [1 + CHECK_TOLERANCE * 0.99, false],
      [1 + CHECK_TOLERANCE * 1.01, true],
    ] as const) {
      const fast = rungs.map((x, j) =>
        j === 1 ? { ...x, run: { ...x.run, tokensPerSecond: x.run.tokensPerSecond * k } } : x,
      );
      expect(checkLadder(fast, curve).rungs[1].outside).toBe(outside);
    }
  });

  it('refuses an empty ladder', () => {
    expect(() => checkLadder([], curve)).toThrow(/no rungs/);
  });
});

describe('the tree sweep’s options and winner', () => {
  it('every switch below speculation is the ladder’s rungs folded up to int4, speculation still plain', () => {
    const o = allSwitchesBelowSpeculation();
    const below = ladderSteps('chain 2', '2,1').filter((s) => !('speculation' in s.change));
    expect(below.at(-1)!.id).toBe('int4');
    for (const s of below) for (const [k, v] of Object.entries(s.change)) expect(o[k as keyof typeof o]).toBe(v);
    expect(o.speculation).toBe(PLAIN_FROM_FLASH.speculation);
    expect(o.storage).toBe('flash');
  });

  it('the fastest shape is the one with the most tokens/s, on random sweeps; none measured is refused', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const points = LADDER_DEFAULTS.sweep.map((shape) => ({ shape, run: { tokensPerSecond: 1 + 999 * rng() } }));
      const best = fastestShape(points);
      for (const p of points) expect(best.run.tokensPerSecond).toBeGreaterThanOrEqual(p.run.tokensPerSecond);
    }
    expect(() => fastestShape([])).toThrow(/no shapes/);
  });
});
