// Speculative sampling at one node, many times over: the emitted token's empirical distribution next to the
// target's, and how often some drafted child is accepted, next to naive sampling (draw from the target, accept if a
// child holds the draw). Exact rates are computed too, so a reader can see the Monte Carlo converge to them.
import { seededChance } from './chance.ts';
import { residual, speculativeSampleNode } from './verify.ts';

export interface NodeSamplingResult {
  runs: number;
  /** How many runs emitted each token. */
  counts: number[];
  /** Share of runs in which MSS accepted one of the k drafted children / naive sampling found its draw among them. */
  mssAccept: number;
  naiveAccept: number;
  /** The exact probabilities of those two events. */
  mssAcceptExact: number;
  naiveAcceptExact: number;
}

/** `runs` times: draw k children from q, run MSS against p; also naive sampling with the same children. */
export function sampleNode(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  k: number,
  runs: number,
  seed = 1,
): NodeSamplingResult {
  const chance = seededChance(seed);
  const counts = new Array<number>(p.length).fill(0);
  let mss = 0,
    naive = 0;
  for (let r = 0; r < runs; r++) {
    const children = Array.from({ length: k }, (_, i) => ({ child: i + 1, token: chance.categorical(q) }));
    const trial = speculativeSampleNode(p, q, children, chance);
    counts[trial.token]++;
    if (trial.accepted >= 0) mss++;
    const x = chance.categorical(p);
    if (children.some((c) => c.token === x)) naive++;
  }
  return {
    runs,
    counts,
    mssAccept: mss / runs,
    naiveAccept: naive / runs,
    mssAcceptExact: mssAcceptProbability(p, q, k),
    naiveAcceptExact: naiveAcceptProbability(p, q, k),
  };
}

/** P(MSS accepts one of k i.i.d. children from q) = 1 − ∏_i (1 − Σ_x min(r_i(x), q(x))), r_1 = p, r_{i+1} = residual. */
export function mssAcceptProbability(p: ArrayLike<number>, q: ArrayLike<number>, k: number): number {
  let r: ArrayLike<number> = p,
    allRejected = 1;
  for (let i = 0; i < k; i++) {
    let overlap = 0;
    for (let x = 0; x < r.length; x++) overlap += Math.min(r[x], q[x]);
    allRejected *= 1 - overlap;
    r = residual(r, q);
  }
  return 1 - allRejected;
}

/** P(a draw from p equals one of k i.i.d. draws from q) = Σ_x p(x) (1 − (1 − q(x))^k). */
export function naiveAcceptProbability(p: ArrayLike<number>, q: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let x = 0; x < p.length; x++) s += p[x] * (1 - (1 - q[x]) ** k);
  return s;
}
