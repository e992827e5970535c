// The sampling widget's Monte Carlo at one node: the emitted token follows the target's distribution, and the
// acceptance rates converge to their exact values (MSS at least naive sampling's, Thm 4.3). The step view is sound.
import { describe, it, expect } from 'vitest';
import { sampleNode, mssAcceptProbability, naiveAcceptProbability } from '../../../lib/speculative/node-sampling.ts';
import { stepView } from '../../../lib/speculative/step-view.ts';
import { SpeculativeSession } from '../../../lib/speculative/session.ts';
import { parseTreeShape } from '../../../lib/speculative/tree-shape.ts';
import { Tokenizer } from '../../../lib/tokenizer.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { enumerateOutcomes, SyntheticRunner, syntheticLogits } from './synthetic.ts';
import { speculativeSampleNode } from '../../../lib/speculative/verify.ts';

const normalise = (x: number[]) => {
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
};

describe('sampleNode', () => {
  it('10,000 runs: emitted-token frequencies within 4.5 standard errors of p; rates near their exact values', () => {
    const rng = mulberry32(2);
    const p = normalise(Array.from({ length: 12 }, () => rng() ** 3)),
      q = normalise(Array.from({ length: 12 }, () => rng() ** 3));
    for (const k of [1, 3]) {
      const r = sampleNode(p, q, k, 10_000, 7);
      p.forEach((px, x) =>
        expect(Math.abs(r.counts[x] / r.runs - px)).toBeLessThan(4.5 * Math.sqrt((px * (1 - px)) / r.runs) + 1e-9),
      );
      expect(Math.abs(r.mssAccept - r.mssAcceptExact)).toBeLessThan(0.02);
      expect(Math.abs(r.naiveAccept - r.naiveAcceptExact)).toBeLessThan(0.02);
      expect(r.mssAcceptExact).toBeGreaterThanOrEqual(r.naiveAcceptExact - 1e-12);
    }
  });

  it('the exact acceptance probability equals full enumeration of the node', () => {
    const p = [0.5, 0.3, 0.2],
      q = [0.2, 0.2, 0.6];
    for (const k of [1, 2, 3]) {
      let accept = 0;
      for (const { value, p: w } of enumerateOutcomes(
        (c) =>
          speculativeSampleNode(
            p,
            q,
            Array.from({ length: k }, (_, i) => ({ child: i + 1, token: c.categorical(q) })),
            c,
          ).accepted >= 0,
      ))
        if (value) accept += w;
      expect(mssAcceptProbability(p, q, k)).toBeCloseTo(accept, 12);
      expect(naiveAcceptProbability(p, q, k)).toBeLessThanOrEqual(accept + 1e-12);
    }
  });
});

describe('stepView', () => {
  it('marks the accepted path, gives mask rows of ancestors, and flags a bonus token at a leaf', () => {
    const V = 6,
      tok = new Tokenizer({ type: 'byte-bpe', merges: [] });
    const logits = (seq: number[]) => syntheticLogits(seq, 256, 3).map((x, i) => (i < V ? x + 5 : -50));
    const s = new SpeculativeSession(new SyntheticRunner(logits), new SyntheticRunner(logits), [1, 2], {
      shape: parseTreeShape('2,1'),
      blockSize: 64,
      temperature: 0,
    });
    const v = stepView(s.step(), tok);
    expect(v.nodes).toHaveLength(5);
    expect(v.accepted).toEqual([0, ...v.nodes.map((n, i) => (n.accepted && i > 0 ? i : -1)).filter((i) => i > 0)]);
    v.nodes.forEach((n, i) => {
      expect(v.mask[i][i]).toBe(1);
      if (n.parent >= 0) expect(v.mask[i][n.parent]).toBe(1);
    });
    expect(v.emitted).toHaveLength(v.accepted.length);
    expect(v.bonus).toBe(v.accepted.length === 3); // draft == target here, so the whole depth-2 path is accepted
    expect(v.nodes.every((n) => n.targetChoice !== null)).toBe(true);
  });
});
