// A token tree (SpecInfer, arXiv 2305.09781, Def. 3.1): node u holds one token and stands for the sequence from the
// root to u. Node 0 is the root, the last verified token; every other node is a guess by the draft model.
// Nodes are stored parents-first (a parent's index is always smaller than its children's), so one pass builds the
// topology-aware causal mask (a node sees the verified prefix, its ancestors and itself, never a sibling branch)
// and the depth-based positions that make one forward over the tree equal incremental decoding of every path.

export interface TreeNode {
  token: number;
  /** Index of the parent node; -1 for the root. */
  parent: number;
  /** 0 for the root, parent's depth + 1 otherwise. */
  depth: number;
  /** The draft's probability of this token given the parent's path (1 for the root). */
  q: number;
  /** Product of q along the path from the root: how likely the draft thought this whole guess was. */
  pathQ: number;
}

export interface TokenTree {
  nodes: TreeNode[];
  /** How children were chosen: the draft's most likely tokens ('top') or independent draws from it ('sampled'). */
  drawn: 'top' | 'sampled';
}

/** A tree with just the root. */
export function rootTree(token: number, drawn: TokenTree['drawn'] = 'top'): TokenTree {
  return { nodes: [{ token, parent: -1, depth: 0, q: 1, pathQ: 1 }], drawn };
}

/** Appends a child of `parent` and returns its index. */
export function addChild(tree: TokenTree, parent: number, token: number, q: number): number {
  const p = tree.nodes[parent];
  if (!p) throw new Error(`addChild: no node ${parent} in a tree of ${tree.nodes.length}`);
  tree.nodes.push({ token, parent, depth: p.depth + 1, q, pathQ: p.pathQ * q });
  return tree.nodes.length - 1;
}

/** Indices of the children of node `u`, in the order they were added. */
export function childrenOf(tree: TokenTree, u: number): number[] {
  const out: number[] = [];
  for (let i = u + 1; i < tree.nodes.length; i++) if (tree.nodes[i].parent === u) out.push(i);
  return out;
}

/** Node indices from the root to `u`, root first. */
export function pathTo(tree: TokenTree, u: number): number[] {
  const path: number[] = [];
  for (let i = u; i >= 0; i = tree.nodes[i].parent) path.push(i);
  return path.reverse();
}

/** The tokens from the root to `u`. */
export function pathTokens(tree: TokenTree, u: number): number[] {
  return pathTo(tree, u).map((i) => tree.nodes[i].token);
}

/** ancestorOrSelf[i][j] is true when node j is node i or one of its ancestors. */
export function ancestorMatrix(tree: TokenTree): boolean[][] {
  const n = tree.nodes.length;
  const m = tree.nodes.map(() => new Array<boolean>(n).fill(false));
  tree.nodes.forEach((node, i) => {
    if (node.parent >= 0) for (let j = 0; j < i; j++) m[i][j] = m[node.parent][j];
    m[i][i] = true;
  });
  return m;
}

/**
 * The attention mask [T][past + T] for a forward over the tree's nodes after `past` cached positions, all of which
 * every node may see (the verified prefix): 1 where node i may attend, 0 elsewhere.
 *   mask_ij = 1 if j < past, or node (j − past) is node i or an ancestor of i; else 0.
 */
export function treeMask(tree: TokenTree, past: number): number[][] {
  const anc = ancestorMatrix(tree);
  return anc.map((row) => [...new Array<number>(past).fill(1), ...row.map((a) => (a ? 1 : 0))]);
}

/** Absolute positions of the nodes when the root sits at position `rootPosition`: root + depth. */
export function treePositions(tree: TokenTree, rootPosition: number): number[] {
  return tree.nodes.map((n) => rootPosition + n.depth);
}

/** The deepest level in the tree. */
export function treeDepth(tree: TokenTree): number {
  return tree.nodes.reduce((d, n) => Math.max(d, n.depth), 0);
}
