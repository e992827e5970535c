// Token tree verification (SpecInfer, arXiv 2305.09781, Alg. 2): given the target's output at every node of the
// tree (from one tree-masked forward), walk down from the root and decide which guesses the target accepts.
//   greedy      follow the child whose token is the target's argmax; stop at the first node with no such child and
//               add the target's own token there. The output is exactly the target's greedy decoding.
//   stochastic  multi-step speculative sampling (MSS, §4.3): at node u try the children in random order; accept child
//               x with probability min(1, p(x)/q(x)), else replace p by the normalised residual max(0, p − q) and try
//               the next; if all fail, sample from the residual. The output is distributed exactly as the target's
//               sampling (Thm 4.2), provided the children were drawn independently from q.
//   naive       sample x from p; if a child holds x, move there, else emit x. Exact for any tree (Thm 4.3 compares).
import { argmax } from '../sampling.ts';
import type { Chance } from './chance.ts';
import { childrenOf, type TokenTree } from './token-tree.ts';

export interface Verdict {
  /** Node indices of the accepted path, root first (just [0] when no guess was accepted). */
  path: number[];
  /** The target's own token after the path: a correction, or the bonus token when the path ends at a leaf. */
  next: number;
}

/** One node of MSS in detail: which children were tried, with what acceptance probability, and what came out. */
export interface NodeTrial {
  /** Children in the order tried: token, acceptance probability min(1, r(x)/q(x)) under the current residual r. */
  tried: { child: number; token: number; pAccept: number; accepted: boolean }[];
  /** The accepted child (node index), or -1 if every child was rejected. */
  accepted: number;
  /** The token emitted at this node: the accepted child's, or a draw from the final residual. */
  token: number;
  /** The distribution the token was drawn from when all children failed (the last residual). */
  residual: Float64Array | null;
}

export function verifyGreedy(tree: TokenTree, targetLogits: ArrayLike<number>[]): Verdict {
  const path = [0];
  for (;;) {
    const u = path[path.length - 1];
    const want = argmax(targetLogits[u]);
    const child = childrenOf(tree, u).find((c) => tree.nodes[c].token === want);
    if (child === undefined) return { path, next: want };
    path.push(child);
  }
}

/** MSS at one node: p is the target's distribution there, q the draft's (which the children were drawn from). */
export function speculativeSampleNode(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  children: { child: number; token: number }[],
  chance: Chance,
): NodeTrial {
  let r: Float64Array = Float64Array.from(p);
  const tried: NodeTrial['tried'] = [];
  for (const i of chance.permutation(children.length)) {
    const { child, token } = children[i];
    const pAccept = q[token] > 0 ? Math.min(1, r[token] / q[token]) : 0;
    const accepted = chance.bernoulli(pAccept);
    tried.push({ child, token, pAccept, accepted });
    if (accepted) return { tried, accepted: child, token, residual: null };
    r = residual(r, q);
  }
  return { tried, accepted: -1, token: chance.categorical(r), residual: r };
}

/** norm(max(0, r − q)); if that is all zero (r = q, so rejection had probability 0) r is returned unchanged. */
export function residual(r: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  const out = new Float64Array(r.length);
  let sum = 0;
  for (let i = 0; i < r.length; i++) sum += out[i] = Math.max(0, r[i] - q[i]);
  if (!(sum > 1e-12)) return Float64Array.from(r);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/**
 * MSS down the tree. targetDist(u) is the target's sampling distribution after node u's path; draftDists[u] the
 * draft's distribution that u's children were drawn from. `trials` (optional) receives each visited node's detail.
 */
export function verifyStochastic(
  tree: TokenTree,
  targetDist: (u: number) => ArrayLike<number>,
  draftDists: (ArrayLike<number> | null)[],
  chance: Chance,
  trials?: NodeTrial[],
): Verdict {
  if (tree.drawn !== 'sampled' && tree.nodes.length > 1)
    throw new Error(
      'verifyStochastic: speculative sampling needs children drawn from the draft (a sampled tree); use naive verification for a top-k tree',
    );
  const path = [0];
  for (;;) {
    const u = path[path.length - 1];
    const children = childrenOf(tree, u).map((c) => ({ child: c, token: tree.nodes[c].token }));
    const q = draftDists[u];
    if (children.length > 0 && !q)
      throw new Error(`verifyStochastic: node ${u} has children but no draft distribution`);
    const trial =
      children.length > 0
        ? speculativeSampleNode(targetDist(u), q!, children, chance)
        : { tried: [], accepted: -1, token: chance.categorical(targetDist(u)), residual: null };
    trials?.push(trial);
    if (trial.accepted < 0) return { path, next: trial.token };
    path.push(trial.accepted);
  }
}

/** Naive sampling: draw from the target; follow the child holding that token if there is one. */
export function verifyNaive(tree: TokenTree, targetDist: (u: number) => ArrayLike<number>, chance: Chance): Verdict {
  const path = [0];
  for (;;) {
    const u = path[path.length - 1];
    const x = chance.categorical(targetDist(u));
    const child = childrenOf(tree, u).find((c) => tree.nodes[c].token === x);
    if (child === undefined) return { path, next: x };
    path.push(child);
  }
}
