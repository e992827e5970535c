// Tree shapes from text, token tree bookkeeping, the topology-aware mask, and bad input with clear messages.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect } from 'vitest';
import {
  parseTreeShape,
  formatTreeShape,
  expansionNodes,
  MAX_TREE_NODES,
  MAX_TREE_DEPTH,
  MAX_SHAPE_TEXT,
  shapeNodes,
} from '../../../lib/speculative/tree-shape.ts';
import {
  addChild,
  ancestorMatrix,
  childrenOf,
  pathTo,
  rootTree,
  treeMask,
  treePositions,
} from '../../../lib/speculative/token-tree.ts';
import { SpeculativeSession } from '../../../lib/speculative/session.ts';
import { SpeculativeDecoder } from '../../../lib/speculative/speculative-decoder.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';
import { randomModel } from '../node-model.ts';
import { SyntheticRunner, syntheticLogits } from './synthetic.ts';

describe('parseTreeShape', () => {
  it('reads widths in every accepted notation, chains and budgets', () => {
    for (const text of ['1,1,3,1,1,1,1,1', '<1,1,3,1,1,1,1,1>', '⟨1, 1, 3, 1, 1, 1, 1, 1⟩', ' 1 1 3 1 1 1 1 1 '])
      expect(parseTreeShape(text)).toEqual({ kind: 'expansion', widths: [1, 1, 3, 1, 1, 1, 1, 1] });
    expect(parseTreeShape('chain 4')).toEqual({ kind: 'expansion', widths: [1, 1, 1, 1] });
    expect(parseTreeShape('budget 16')).toMatchObject({ kind: 'budget', nodes: 16 });
    expect(parseTreeShape('')).toEqual({ kind: 'expansion', widths: [] });
    expect(formatTreeShape(parseTreeShape('<2,2,1>'))).toBe('⟨2,2,1⟩');
    expect(formatTreeShape(parseTreeShape('1,1,1'))).toBe('chain 3');
  });

  it('counts nodes as k1 + k1·k2 + … (⟨2,2,1⟩ has 4 leaves and 10 guessed nodes)', () => {
    expect(expansionNodes([2, 2, 1])).toBe(2 + 4 + 4);
    expect(expansionNodes([1, 1, 3, 1, 1, 1, 1, 1])).toBe(2 + 3 * 6);
  });

  it('rejects garbage, zero widths, too deep and over-budget shapes with a message that says why', () => {
    expect(() => parseTreeShape('1,,x')).toThrow(/does not parse.*"1,1,3,1"/);
    expect(() => parseTreeShape('banana')).toThrow(/does not parse/);
    expect(() => parseTreeShape('2,0,1')).toThrow(/at least 1/);
    expect(() => parseTreeShape('4,4,4')).toThrow(new RegExp(`84 guessed nodes, over the budget of ${MAX_TREE_NODES}`));
    expect(() => parseTreeShape('budget 65')).toThrow(/over the budget/);
    expect(() => parseTreeShape('chain 17')).toThrow(/levels deep/);
    expect(() => parseTreeShape('budget 0')).toThrow(/at least 1 node/);
  });

  it('bounds huge shapes before building anything: each throws at once with a message (issue 23, item 2)', () => {
    const huge = [
      ['chain 999999999', /999999999 levels deep; at most 16/],
      ['chain 99999999999999999999999', /levels deep; at most 16/],
      ['budget 99999999999999999999', /over the budget of 64/],
      ['999999999,999999999', /over the budget of 64/],
      ['1e9', /does not parse/],
      [Array(100).fill('1').join(','), /100 levels deep; at most 16/],
      [Array(5000).fill('1').join(','), /characters long; at most 200/],
      [`chain ${'9'.repeat(300)}`, /characters long/],
      ['8,8,8,8,8,8,8,8,8,8,8,8,8,8,8,8', /over the budget/],
    ] as const;
    for (const [text, message] of huge) {
      const t0 = performance.now();
      expect(() => parseTreeShape(text)).toThrow(message);
      expect(performance.now() - t0).toBeLessThan(50);
    }
  });

  it('random garbage either parses to a shape within every limit or throws an Error naming the tree shape', () => {
    const rng = mulberry32(23);
    const alphabet = ['1', '2', '9', '0', ',', ' ', '<', '>', '⟨', 'chain ', 'budget ', 'x', '-', '.', 'e', '999999'];
    for (let trial = 0; trial < 2000; trial++) {
      const len = randInt(rng, 0, 12);
      const text = Array.from({ length: len }, () => alphabet[randInt(rng, 0, alphabet.length - 1)]).join('');
      let shape: ReturnType<typeof parseTreeShape>;
      try {
        shape = parseTreeShape(text);
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toMatch(/^tree shape/);
        continue;
      }
      expect(shapeNodes(shape)).toBeLessThanOrEqual(MAX_TREE_NODES);
      if (shape.kind === 'expansion') expect(shape.widths.length).toBeLessThanOrEqual(MAX_TREE_DEPTH);
    }
    expect(MAX_SHAPE_TEXT).toBeGreaterThan(MAX_TREE_DEPTH * 4); // the longest legal shape fits the text limit
  });
});

describe('token tree', () => {
  it('the mask lets a node see the prefix, its ancestors and itself, never another branch; positions follow depth', () => {
    const rng = mulberry32(1);
    for (let trial = 0; trial < 20; trial++) {
      const tree = rootTree(0);
      for (let i = 1; i < 15; i++) addChild(tree, randInt(rng, 0, i - 1), i, 0.5);
      const past = randInt(rng, 0, 5);
      const mask = treeMask(tree, past),
        pos = treePositions(tree, past);
      const anc = ancestorMatrix(tree);
      tree.nodes.forEach((n, i) => {
        const path = pathTo(tree, i);
        expect(mask[i]).toHaveLength(past + tree.nodes.length);
        for (let j = 0; j < past; j++) expect(mask[i][j]).toBe(1);
        tree.nodes.forEach((_, j) => expect(mask[i][past + j]).toBe(path.includes(j) ? 1 : 0));
        expect(anc[i][i]).toBe(true);
        expect(pos[i]).toBe(past + path.length - 1);
        expect(n.depth).toBe(path.length - 1);
        for (const c of childrenOf(tree, i)) expect(tree.nodes[c].parent).toBe(i);
      });
      expect(tree.nodes[3].pathQ).toBeCloseTo(0.5 ** tree.nodes[3].depth, 12);
    }
  });
});

describe('bad input', () => {
  const V = 5;
  const runner = () => new SyntheticRunner((seq) => syntheticLogits(seq, V, 1));
  it('an empty prompt, or MSS with a best-first budget tree, throws a clear error', () => {
    expect(() => new SpeculativeSession(runner(), runner(), [], { shape: parseTreeShape('2'), blockSize: 16 })).toThrow(
      /prompt is empty/,
    );
    expect(
      () =>
        new SpeculativeSession(runner(), runner(), [1], {
          shape: parseTreeShape('budget 4'),
          blockSize: 16,
          temperature: 1,
        }),
    ).toThrow(/best-first budget tree is only for greedy/);
  });

  it('a prompt longer than the context: kept from its end and flagged, or an error if asked', async () => {
    await tf.setBackend('cpu');
    const target = randomModel({ blockSize: 16 }),
      draft = randomModel({ blockSize: 16 }, 2);
    const long = 'x'.repeat(40);
    expect(
      () => new SpeculativeDecoder(target, draft, long, { tree: '2', temperature: 0, longPrompt: 'error' }),
    ).toThrow(/prompt is 40 tokens, longer than the context of 16/);
    const d = new SpeculativeDecoder(target, draft, long, { tree: '2', temperature: 0 });
    expect(d.promptTruncated).toBe(true);
    expect(d.next().id).toBeGreaterThanOrEqual(0);
    d.dispose();
    expect(() => new SpeculativeDecoder(target, draft, 'ab', { tree: '9,9', temperature: 0 })).toThrow(
      /over the budget/,
    );
    target.dispose();
    draft.dispose();
  });
});
