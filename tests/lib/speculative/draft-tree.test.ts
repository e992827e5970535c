// How the draft grows trees: expansion widths, top-k vs sampled children, the best-first budget (checked against
// brute force), one draft forward per level, and greedy verification on hand-made trees.
import { describe, it, expect } from 'vitest';
import { draftTree } from '../../../lib/speculative/draft-tree.ts';
import { parseTreeShape } from '../../../lib/speculative/tree-shape.ts';
import { seededChance } from '../../../lib/speculative/chance.ts';
import { verifyGreedy } from '../../../lib/speculative/verify.ts';
import { addChild, childrenOf, pathTokens, rootTree } from '../../../lib/speculative/token-tree.ts';
import { softmax, topEntries } from '../../../lib/sampling.ts';
import { SyntheticRunner, syntheticLogits } from './synthetic.ts';

const V = 6;
const logitsOf = (seq: number[]) => syntheticLogits(seq, V, 7, 2);

describe('draftTree', () => {
  it('expansion ⟨2,1,3⟩: the right number of children per level, the top tokens in order, one draft forward per level but the last', () => {
    const draft = new SyntheticRunner(logitsOf);
    draft.run([1, 2]);
    const d = draftTree(draft, [3], { shape: parseTreeShape('2,1,3'), maxDepth: 10, drawn: 'top' });
    const byDepth = [0, 1, 2, 3].map((k) => d.tree.nodes.filter((n) => n.depth === k).length);
    expect(byDepth).toEqual([1, 2, 2, 6]);
    expect(draft.calls.slice(1).map((c) => c.length)).toEqual([1, 2, 2]); // the root, then levels 1 and 2 as one batch each
    for (let u = 0; u < d.tree.nodes.length; u++) {
      const kids = childrenOf(d.tree, u);
      if (kids.length === 0) continue;
      const expected = topEntries(softmax(logitsOf([1, 2, ...pathTokens(d.tree, u)])), kids.length).map((e) => e.index);
      expect(kids.map((c) => d.tree.nodes[c].token)).toEqual(expected);
    }
  });

  it('maxDepth cuts the tree where the context window ends', () => {
    const draft = new SyntheticRunner(logitsOf);
    const d = draftTree(draft, [0], { shape: parseTreeShape('1,1,1,1,1'), maxDepth: 2, drawn: 'top' });
    expect(d.tree.nodes.map((n) => n.depth)).toEqual([0, 1, 2]);
    expect(
      draftTree(new SyntheticRunner(logitsOf), [0], { shape: parseTreeShape('3'), maxDepth: 0, drawn: 'top' }).tree
        .nodes,
    ).toHaveLength(1);
  });

  it('sampled children are independent draws (repeats allowed) with their draft probability', () => {
    const d = draftTree(new SyntheticRunner(logitsOf), [0], {
      shape: parseTreeShape('8'),
      maxDepth: 4,
      drawn: 'sampled',
      sampling: { temperature: 1 },
      chance: seededChance(3),
    });
    const tokens = d.tree.nodes.slice(1).map((n) => n.token);
    expect(new Set(tokens).size).toBeLessThan(8);
    const q = softmax(logitsOf([0]));
    for (const n of d.tree.nodes.slice(1)) expect(n.q).toBeCloseTo(q[n.token], 12);
  });

  it('a best-first budget of N keeps exactly the N most probable paths (brute force over the depth-3 tree)', () => {
    for (const N of [1, 3, 7, 12]) {
      const d = draftTree(new SyntheticRunner(logitsOf), [0], {
        shape: { kind: 'budget', nodes: N, maxDepth: 3 },
        maxDepth: 3,
        drawn: 'top',
      });
      expect(d.tree.nodes).toHaveLength(N + 1);
      // every path of depth 1..3 with its probability under the draft
      const all: number[] = [];
      const walk = (seq: number[], pq: number, depth: number) => {
        if (depth === 3) return;
        softmax(logitsOf(seq)).forEach((p, t) => {
          all.push(pq * p);
          walk([...seq, t], pq * p, depth + 1);
        });
      };
      walk([0], 1, 0);
      all.sort((a, b) => b - a);
      const got = d.tree.nodes
        .slice(1)
        .map((n) => n.pathQ)
        .sort((a, b) => b - a);
      got.forEach((p, i) => expect(p).toBeCloseTo(all[i], 12));
      d.tree.nodes.forEach((n, i) => expect(n.parent).toBeLessThan(i));
    }
  });
});

describe('verifyGreedy', () => {
  it('follows the children that match the argmax, then adds the target token; a bonus token at a leaf', () => {
    const tree = rootTree(9);
    const a = addChild(tree, 0, 1, 1),
      b = addChild(tree, 0, 2, 1);
    const c = addChild(tree, b, 3, 1);
    const one = (k: number) => Float32Array.from({ length: 5 }, (_, i) => (i === k ? 1 : 0));
    const logits = [one(2), one(0), one(3), one(4)];
    expect(verifyGreedy(tree, logits)).toEqual({ path: [0, b, c], next: 4 });
    expect(verifyGreedy(tree, [one(4), one(0), one(3), one(4)])).toEqual({ path: [0], next: 4 });
    expect(verifyGreedy(tree, [one(1), one(0), one(3), one(4)])).toEqual({ path: [0, a], next: 0 });
  });
});

describe('topIndices', () => {
  it('equals sorting the whole distribution, ties broken by index', async () => {
    const { topIndices } = await import('../../../lib/sampling.ts');
    const { mulberry32 } = await import('../../../lib/random.ts');
    const rng = mulberry32(8);
    for (let trial = 0; trial < 50; trial++) {
      const p = Array.from({ length: 40 }, () => Math.floor(rng() * 10) / 10); // many ties
      const sorted = p.map((_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
      for (const k of [1, 3, 40]) {
        expect(topIndices(p, k)).toEqual(sorted.slice(0, k));
        expect(topEntries(p, k)).toEqual(sorted.slice(0, k).map((index) => ({ index, p: p[index] })));
      }
    }
  });
});
