// Lesson 1's facts: the running example against a direct y = xW, and the real FFN case against the heatmap's bits.
import { describe, expect, test } from 'vitest';
import { popcount } from '../../../lib/bits.ts';
import * as f from '../../../lessons/facts/three-views.ts';

const direct = (x: number[], W: number[][]) => W[0].map((_, j) => x.reduce((s, xi, i) => s + xi * W[i][j], 0));

describe('lesson 1 facts (lessons/facts/three-views.ts)', () => {
  test('the three views compute the same y = xW, and the rows view skips the zero input’s row', () => {
    const y = direct(f.x, f.W);
    expect(f.rows.y).toEqual(y);
    expect(f.grid.cost.dense.weightsRead).toBe(f.x.length * f.W[0].length);
    // The prose's shape: x's entries are W's rows, W's columns are y's entries.
    expect([f.inputs, f.outputs]).toEqual([f.W.length, y.length]);
    const zeroInputs = f.x.filter((v) => v === 0).length;
    expect(f.rows.cost.actual.weightsRead).toBe((f.x.length - zeroInputs) * f.W[0].length);
    expect(f.cols.exact[3]).toBe(y[3]);
    expect(f.cols.cost.actual.weightsRead).toBe(f.cols.cost.dense.weightsRead - f.x.length);
  });

  test('the at-scale example reads the non-zero tenth of 4096 rows of fp32', () => {
    expect(f.big.rowsRead).toBe(f.big.n - f.big.zeros);
    expect(Math.abs(f.big.rowsRead - 0.1 * 4096)).toBeLessThanOrEqual(1);
    expect(f.big.gatherBytes / f.big.denseBytes).toBeCloseTo(f.big.rowsRead / f.big.n, 12);
  });

  test('the real FFN case: its zero count is the heatmap bitset’s unfired neurons for that token and layer', () => {
    const m = f.measured;
    const e = f.ffnExample;
    expect(m && e).toBeTruthy();
    if (!m || !e) return;
    const t = m.heatmap.tokens.length - 1;
    const words = m.heatmap.bits[e.layer].slice(t * m.heatmap.words, (t + 1) * m.heatmap.words);
    const fired = words.reduce((s, w) => s + popcount(w >>> 0), 0);
    expect(e.zeros).toBe(e.nFfn - fired);
    expect(e.skippedBytes).toBe(e.zeros * m.model.nEmbd * 4);
    expect(e.lastLayer).toBe(m.model.nLayer - 1);
  });

  test('numbers print with a real minus sign', () => {
    expect(f.vec([2, -1, 0])).toBe('(2, −1, 0)');
  });
});
