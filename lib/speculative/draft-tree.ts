// The draft model grows a token tree from the last verified token, one level at a time: all nodes of a level run
// through the draft as one forward (tree mask, depth positions) on top of the draft's own KV cache, so a tree of
// depth m costs the draft m forwards, however wide it is.
//   expansion ⟨k1..km⟩: each node at level i gets k_i children: the draft's k_i most likely tokens ('top', for greedy
//     decoding) or k_i independent draws from the draft's distribution ('sampled', which speculative sampling needs).
//   budget N (best-first): the N nodes whose whole path the draft finds most likely. Level by level, only the N best
//     candidates can still make the final cut, so only they run; since a child's path probability never exceeds its
//     parent's, the N best nodes overall always form a tree (EAGLE-2, arXiv 2406.16858, reranks the same way).
import { softmax, samplingDistribution, topIndices, type SamplingOptions } from '../sampling.ts';
import type { Chance } from './chance.ts';
import type { TreeRunner } from './runner.ts';
import { addChild, rootTree, type TokenTree } from './token-tree.ts';
import type { TreeShape } from './tree-shape.ts';

export interface DraftOptions {
  shape: TreeShape;
  /** Deepest level allowed this step (the context window may end before the shape does). */
  maxDepth: number;
  /** 'top': the draft's most likely tokens; 'sampled': independent draws from its sampling distribution. */
  drawn: TokenTree['drawn'];
  /** Temperature, top-k, top-p of the distribution the draft samples from (drawn = 'sampled'). */
  sampling?: SamplingOptions;
  /** Needed when drawn = 'sampled'. */
  chance?: Chance;
}

export interface DraftedTree {
  tree: TokenTree;
  /** Per node, the draft's distribution over the next token (null for nodes the draft did not run). */
  dists: (Float64Array | null)[];
  /** Per node, its position in the draft's KV cache (-1 if the draft did not run it). */
  slots: number[];
}

/**
 * Runs `pending` (tokens verified but not yet in the draft's cache, ending with the tree's root) and grows the tree.
 * The draft's cache must hold the context before `pending` at positions 0, 1, 2, …
 */
export function draftTree(draft: TreeRunner, pending: number[], opts: DraftOptions): DraftedTree {
  if (pending.length === 0) throw new Error('draftTree: no root token');
  if (opts.drawn === 'sampled' && !opts.chance)
    throw new Error('draftTree: sampled children need a source of randomness (chance)');
  if (opts.drawn === 'sampled' && opts.shape.kind === 'budget')
    throw new Error(
      'draftTree: a best-first budget picks the most likely nodes; it cannot be sampled (use an expansion shape such as 1,1,3,1)',
    );
  const dist = (logits: Float32Array) =>
    opts.drawn === 'sampled' ? samplingDistribution(logits, opts.sampling) : softmax(logits);
  const rows = draft.run(pending); // causal, positions continue the cache
  const tree = rootTree(pending[pending.length - 1], opts.drawn);
  const d: DraftedTree = { tree, dists: [dist(rows[rows.length - 1])], slots: [draft.length - 1] };
  const runLevel = (fresh: number[]) => runNodes(draft, d, fresh, dist);
  if (opts.shape.kind === 'expansion')
    growExpansion(d, opts.shape.widths.slice(0, Math.max(0, opts.maxDepth)), opts, runLevel);
  else return depthFirst(growBestFirst(d, opts.shape.nodes, Math.min(opts.shape.maxDepth, opts.maxDepth), runLevel));
  return depthFirst(d);
}

/**
 * The same tree with its nodes in depth-first order, each node's children in the order they were added (the draft's
 * most likely first). Parents still come before children, and the path that always takes the first child is a
 * contiguous run of the layout, so when the target accepts it, its KV cache keeps one slice instead of a scatter
 * (SpecInfer fills its KV cache depth-first too, §4.2).
 */
export function depthFirst(d: DraftedTree): DraftedTree {
  const order: number[] = [];
  const kids = d.tree.nodes.map(() => [] as number[]);
  d.tree.nodes.forEach((n, i) => {
    if (n.parent >= 0) kids[n.parent].push(i);
  });
  const visit = (u: number) => {
    order.push(u);
    for (const c of kids[u]) visit(c);
  };
  visit(0);
  const newIndex = new Map(order.map((old, i) => [old, i]));
  return {
    tree: {
      drawn: d.tree.drawn,
      nodes: order.map((old) => {
        const n = d.tree.nodes[old];
        return { ...n, parent: n.parent < 0 ? -1 : newIndex.get(n.parent)! };
      }),
    },
    dists: order.map((old) => d.dists[old]),
    slots: order.map((old) => d.slots[old]),
  };
}

/** One draft forward over `fresh` nodes: each sees the prefix, the root, its ancestors and itself. */
function runNodes(draft: TreeRunner, d: DraftedTree, fresh: number[], dist: (l: Float32Array) => Float64Array): void {
  const base = draft.length,
    rootSlot = d.slots[0];
  const mask = fresh.map((u, i) => {
    const row = new Array<number>(base + fresh.length).fill(0);
    for (let j = 0; j <= rootSlot; j++) row[j] = 1;
    for (let a = d.tree.nodes[u].parent; a > 0; a = d.tree.nodes[a].parent) row[d.slots[a]] = 1;
    row[base + i] = 1;
    return row;
  });
  const positions = fresh.map((u) => rootSlot + d.tree.nodes[u].depth);
  const rows = draft.run(
    fresh.map((u) => d.tree.nodes[u].token),
    { mask, positions },
  ); // [T][V]
  fresh.forEach((u, i) => {
    d.slots[u] = base + i;
    d.dists[u] = dist(rows[i]);
  });
}

function addNode(d: DraftedTree, parent: number, token: number, q: number): number {
  d.dists.push(null);
  d.slots.push(-1);
  return addChild(d.tree, parent, token, q);
}

function growExpansion(
  d: DraftedTree,
  widths: number[],
  opts: DraftOptions,
  runLevel: (fresh: number[]) => void,
): void {
  let frontier = [0];
  widths.forEach((k, level) => {
    const fresh: number[] = [];
    for (const u of frontier) {
      const q = d.dists[u]!;
      const picks =
        opts.drawn === 'top' ? topIndices(q, k) : Array.from({ length: k }, () => opts.chance!.categorical(q));
      for (const t of picks) fresh.push(addNode(d, u, t, q[t]));
    }
    if (level + 1 < widths.length) runLevel(fresh); // the last level's children are never needed
    frontier = fresh;
  });
}

function growBestFirst(
  d: DraftedTree,
  budget: number,
  maxDepth: number,
  runLevel: (fresh: number[]) => void,
): DraftedTree {
  const byPathQ = (a: number, b: number) => d.tree.nodes[b].pathQ - d.tree.nodes[a].pathQ || a - b;
  let frontier = [0];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const added = d.tree.nodes
      .slice(1)
      .map((_, i) => i + 1)
      .sort(byPathQ);
    const cut = added.length >= budget ? d.tree.nodes[added[budget - 1]].pathQ : -1; // the N-th best so far
    const cands: { u: number; token: number; q: number; pathQ: number }[] = [];
    for (const u of frontier) {
      const q = d.dists[u]!;
      for (const token of topIndices(q, budget))
        cands.push({ u, token, q: q[token], pathQ: d.tree.nodes[u].pathQ * q[token] });
    }
    cands.sort((a, b) => b.pathQ - a.pathQ);
    const fresh = cands
      .filter((c) => c.pathQ > cut)
      .slice(0, budget)
      .map((c) => addNode(d, c.u, c.token, c.q));
    if (fresh.length > 0 && depth < maxDepth) runLevel(fresh);
    frontier = fresh;
  }
  // Keep the `budget` best nodes. Sorted by path probability, then index, every parent comes before its children.
  const chosen = d.tree.nodes
    .slice(1)
    .map((_, i) => i + 1)
    .sort(byPathQ)
    .slice(0, budget)
    .sort((a, b) => a - b);
  const keep = [0, ...chosen];
  const newIndex = new Map(keep.map((old, i) => [old, i]));
  const out: DraftedTree = { tree: { nodes: [], drawn: d.tree.drawn }, dists: [], slots: [] };
  for (const old of keep) {
    const n = d.tree.nodes[old];
    out.tree.nodes.push({ ...n, parent: n.parent < 0 ? -1 : newIndex.get(n.parent)! });
    out.dists.push(d.dists[old]);
    out.slots.push(d.slots[old]);
  }
  return out;
}
