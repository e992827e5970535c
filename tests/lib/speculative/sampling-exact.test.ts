// Speculative sampling leaves the output distribution exactly the target's (SpecInfer Thm 4.2): checked by
// enumerating every random choice of drafting and verification with its probability, and statistically over
// seeded runs. Synthetic models (tiny vocabulary, logits a fixed random function of the visible tokens) keep the
// enumeration small; the tree mask still decides what each node sees.
import { describe, it, expect } from 'vitest';
import { samplingDistribution, type SamplingOptions } from '../../../lib/sampling.ts';
import { SpeculativeSession } from '../../../lib/speculative/session.ts';
import { parseTreeShape } from '../../../lib/speculative/tree-shape.ts';
import { seededChance, type Chance } from '../../../lib/speculative/chance.ts';
import { speculativeSampleNode } from '../../../lib/speculative/verify.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { SyntheticRunner, enumerateOutcomes, syntheticLogits } from './synthetic.ts';

function pair(V: number) {
  const target = (seq: number[]) => syntheticLogits(seq, V, 11);
  const noise = (seq: number[]) => syntheticLogits(seq, V, 22, 1);
  const draft = (seq: number[]) => {
    const t = target(seq),
      n = noise(seq);
    return t.map((x, i) => x + n[i]);
  };
  return { target, draft };
}

type Setting = SamplingOptions & { tree: string; verifier?: 'mss' | 'naive' };

function session(V: number, context: number[], s: Setting, chance: Chance) {
  const { target, draft } = pair(V);
  return new SpeculativeSession(new SyntheticRunner(target), new SyntheticRunner(draft), context, {
    ...s,
    shape: parseTreeShape(s.tree),
    blockSize: 64,
    chance,
  });
}

/** Exact distribution of the first L tokens: one step enumerated, later steps by recursion on the new context. */
function speculativeJoint(
  V: number,
  context: number[],
  L: number,
  s: Setting,
  memo = new Map<string, Map<string, number>>(),
): Map<string, number> {
  const key = `${context.join(',')}|${L}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out = new Map<string, number>();
  const add = (k: string, p: number) => out.set(k, (out.get(k) ?? 0) + p);
  for (const { value: emitted, p } of enumerateOutcomes((chance) => session(V, context, s, chance).step().emitted)) {
    if (emitted.length >= L) {
      add(emitted.slice(0, L).join(','), p);
      continue;
    }
    for (const [rest, pr] of speculativeJoint(V, [...context, ...emitted], L - emitted.length, s, memo))
      add([...emitted, rest].join(','), p * pr);
  }
  memo.set(key, out);
  return out;
}

/** The target's own sampling: product of its per-token distributions. */
function targetJoint(V: number, context: number[], L: number, s: SamplingOptions): Map<string, number> {
  const { target } = pair(V);
  if (L === 0) return new Map([['', 1]]);
  const out = new Map<string, number>();
  const p = samplingDistribution(target(context), s);
  p.forEach((px, x) => {
    if (px === 0) return;
    for (const [rest, pr] of targetJoint(V, [...context, x], L - 1, s))
      out.set(rest === '' ? `${x}` : `${x},${rest}`, px * pr);
  });
  return out;
}

function maxGap(a: Map<string, number>, b: Map<string, number>): number {
  let gap = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) gap = Math.max(gap, Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0)));
  return gap;
}

describe('speculative sampling (MSS) keeps the target distribution', () => {
  const settings: Setting[] = [
    { tree: '2', temperature: 1 },
    { tree: '2,1', temperature: 1 },
    { tree: '1,2', temperature: 0.7 },
    { tree: '3', temperature: 1.3, topK: 2 },
    { tree: '2,1', temperature: 1, verifier: 'naive' },
  ];
  it.each(settings)('exactly, by enumerating every outcome: %o', (s) => {
    const V = 3,
      context = [0, 2];
    const spec = speculativeJoint(V, context, 3, s),
      exact = targetJoint(V, context, 3, s);
    const total = [...spec.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(maxGap(spec, exact)).toBeLessThan(1e-12);
  });

  it('and it is not vacuous: accepting every drafted child without the min(1, p/q) test changes the distribution', () => {
    const V = 3,
      context = [0, 2],
      s: Setting = { tree: '2', temperature: 1 };
    const alwaysAccept = (c: Chance): Chance => ({ ...c, bernoulli: () => true });
    const out = new Map<string, number>();
    for (const { value, p } of enumerateOutcomes((chance) =>
      session(V, context, s, alwaysAccept(chance)).step().emitted.slice(0, 1),
    ))
      out.set(value.join(','), (out.get(value.join(',')) ?? 0) + p);
    expect(maxGap(out, targetJoint(V, context, 1, s))).toBeGreaterThan(0.01);
  });

  it('statistically, over 20,000 seeded runs of a deeper tree (chi-square on the first two tokens)', () => {
    const V = 4,
      context = [1, 3],
      s: Setting = { tree: '1,1,3,1', temperature: 1 };
    const exact = targetJoint(V, context, 2, s);
    const counts = new Map<string, number>();
    const N = 20_000;
    for (let seed = 1; seed <= N; seed++) {
      const sess = session(V, context, s, seededChance(seed));
      while (sess.ids.length < context.length + 2) sess.step();
      const k = sess.ids.slice(context.length, context.length + 2).join(',');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let chi2 = 0;
    for (const [k, p] of exact) chi2 += ((counts.get(k) ?? 0) - N * p) ** 2 / (N * p);
    expect(exact.size).toBe(16);
    expect(chi2).toBeLessThan(37.7); // chi-square, 15 degrees of freedom, 0.999 quantile
  });

  it('MSS never rejects all children more often than naive sampling (Thm 4.3), on random distributions', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 30; trial++) {
      const V = 4,
        k = 1 + (trial % 3);
      const rand = () => {
        const x = Array.from({ length: V }, () => rng() ** 2);
        const s = x.reduce((a, b) => a + b);
        return x.map((v) => v / s);
      };
      const p = rand(),
        q = rand();
      let mssReject = 0,
        naiveReject = 0;
      for (const { value, p: w } of enumerateOutcomes((chance) => {
        const children = Array.from({ length: k }, (_, i) => ({ child: i + 1, token: chance.categorical(q) }));
        const x = chance.categorical(p);
        return {
          mss: speculativeSampleNode(p, q, children, chance).accepted < 0,
          naive: !children.some((c) => c.token === x),
        };
      })) {
        if (value.mss) mssReject += w;
        if (value.naive) naiveReject += w;
      }
      expect(mssReject).toBeLessThanOrEqual(naiveReject + 1e-12);
    }
  });
});
