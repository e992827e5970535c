// One tree-masked forward gives every node the logits of its own root-to-node path; the plain-JS draft runner
// equals the tfjs forward; after each speculative step both KV caches hold exactly what plain decoding of the
// accepted tokens would; nothing leaks.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadCommitted } from '../node-model.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';
import { LeanRunner } from '../../../lib/speculative/lean-gpt.ts';
import { TfjsRunner, type TreeRunner } from '../../../lib/speculative/runner.ts';
import { SpeculativeSession } from '../../../lib/speculative/session.ts';
import { parseTreeShape } from '../../../lib/speculative/tree-shape.ts';
import {
  addChild,
  childrenOf,
  pathTo,
  pathTokens,
  rootTree,
  treeMask,
  treePositions,
  type TokenTree,
} from '../../../lib/speculative/token-tree.ts';
import type { LanguageModel } from '../../../lib/model.ts';

// Logits of the committed models are O(10); float32 reductions in a different order differ by ~1e-5.
const TOL: Record<string, number> = { cpu: 1e-4, wasm: 1e-4 };

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

function randomTree(rng: () => number, n: number, V: number): TokenTree {
  const tree = rootTree(randInt(rng, 0, V - 1));
  for (let i = 1; i < n; i++) addChild(tree, randInt(rng, 0, i - 1), randInt(rng, 0, V - 1), 1);
  return tree;
}

/** target-v1 and draft-v1 on `backend`, loaded before a describe block's tests and freed after them. */
function committedPair(backend: string): { target: LanguageModel; draft: LanguageModel } {
  const pair = {} as { target: LanguageModel; draft: LanguageModel };
  beforeAll(async () => {
    await tf.setBackend(backend);
    pair.target = await loadCommitted('target-v1');
    pair.draft = await loadCommitted('draft-v1');
  }, 120_000);
  afterAll(() => {
    pair.target.dispose();
    pair.draft.dispose();
  });
  return pair;
}

const PROMPT =
  'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about.';

describe.each(['cpu', 'wasm'])('tree forward on %s', (backend) => {
  const models = committedPair(backend);

  it('one tree-masked forward equals a causal forward of each root-to-node path, node by node', () => {
    const { target } = models;
    const rng = mulberry32(3);
    const prefix = target.tokenizer.encode(PROMPT).slice(0, 30);
    let worst = 0;
    for (const n of [1, 5, 17, 40]) {
      const tree = randomTree(rng, n, target.config.vocabSize);
      const runner = new TfjsRunner(target);
      runner.run(prefix);
      const rows = runner.run(
        tree.nodes.map((x) => x.token),
        { mask: treeMask(tree, prefix.length), positions: treePositions(tree, prefix.length) },
      );
      runner.dispose();
      // One causal forward per leaf, of the prefix and the leaf's path: by causality its row at a node's depth sees
      // exactly that node's path, so it is the causal forward of the node's own path. Every node lies on some leaf's
      // path and is checked (against each leaf below it).
      const checked = new Set<number>();
      tree.nodes.forEach((_, leaf) => {
        if (childrenOf(tree, leaf).length > 0) return;
        const path = pathTo(tree, leaf);
        const causal = target.forward([[...prefix, ...pathTokens(tree, leaf)]]).logits[0];
        path.forEach((u, depth) => {
          worst = Math.max(worst, maxAbsDiff(rows[u], causal[prefix.length + depth]));
          checked.add(u);
        });
      });
      expect(checked.size).toBe(n);
    }
    expect(worst).toBeLessThan(TOL[backend]);
  });

  it('the plain-JS LeanRunner gives the tfjs logits for causal runs, tree masks and after keep()', () => {
    const { target, draft } = models;
    const rng = mulberry32(4);
    for (const model of [draft, target]) {
      const lean = new LeanRunner(model),
        ref = new TfjsRunner(model);
      const prefix = model.tokenizer.encode(PROMPT).slice(0, 25);
      let worst = maxAbsDiff(
        lean.run(prefix).flatMap((r) => [...r]),
        ref.run(prefix).flatMap((r) => [...r]),
      );
      const tree = randomTree(rng, 12, model.config.vocabSize);
      const opts = { mask: treeMask(tree, 25), positions: treePositions(tree, 25) };
      const a = lean.run(
          tree.nodes.map((x) => x.token),
          opts,
        ),
        b = ref.run(
          tree.nodes.map((x) => x.token),
          opts,
        );
      a.forEach((row, i) => (worst = Math.max(worst, maxAbsDiff(row, b[i]))));
      const keep = [...Array(25).keys(), 25, 25 + 3, 25 + 7];
      lean.keep(keep);
      ref.keep(keep);
      const c = lean.run([7, 8]),
        d = ref.run([7, 8]);
      c.forEach((row, i) => (worst = Math.max(worst, maxAbsDiff(row, d[i]))));
      ref.dispose();
      expect(worst).toBeLessThan(TOL[backend]);
    }
  });
});

// Whole sessions, on the backend the site uses (on the cpu backend they would take minutes).
describe('speculative sessions on wasm', () => {
  const backend = 'wasm';
  const models = committedPair(backend);

  it.each([
    ['tfjs', '1,1,3,1,1,1,1,1', 0],
    ['lean', '2,2,1', 0],
    ['tfjs', '2,1,2', 1],
    ['lean', 'budget 10', 0],
  ] as const)(
    'after every step both caches equal plain decoding of the accepted tokens (%s draft, tree %s, temperature %s)',
    (kind, tree, temperature) => {
      const { target, draft } = models;
      const tRunner = new TfjsRunner(target);
      const dRunner: TreeRunner = kind === 'lean' ? new LeanRunner(draft) : new TfjsRunner(draft);
      const prompt = target.tokenizer.encode(PROMPT).slice(0, 100);
      const s = new SpeculativeSession(tRunner, dRunner, prompt, {
        shape: parseTreeShape(tree),
        blockSize: 128,
        temperature,
        seed: 9,
      });
      // Plain decoding of each model, fed the accepted tokens as they come (a new one whenever the window moves):
      // its cache after `ids` is what plain decoding of `ids` holds.
      const plains = new Map<LanguageModel, { runner: TfjsRunner; start: number }>();
      const checkCache = (model: LanguageModel, runner: TreeRunner, start: number, ids: number[]) => {
        let p = plains.get(model);
        if (!p || p.start !== start || p.runner.length > ids.length) {
          p?.runner.dispose();
          p = { runner: new TfjsRunner(model), start };
          plains.set(model, p);
        }
        if (ids.length > p.runner.length) p.runner.run(ids.slice(p.runner.length));
        const a = runner.cacheValues(),
          b = p.runner.cacheValues();
        expect(a.k.length).toBe(model.config.nLayer);
        let worst = 0;
        for (let l = 0; l < a.k.length; l++) {
          worst = Math.max(worst, maxAbsDiff(a.k[l], b.k[l]), maxAbsDiff(a.v[l], b.v[l]));
          expect(a.k[l].length).toBe(b.k[l].length);
        }
        return worst;
      };
      let worst = 0;
      for (let i = 0; i < 12; i++) {
        const step = s.step();
        const j = s.ids.length - 1;
        expect(tRunner.length).toBe(j - step.windowStart); // everything before the new root
        worst = Math.max(worst, checkCache(target, tRunner, step.windowStart, s.ids.slice(step.windowStart, j)));
        if (dRunner.length > 0)
          worst = Math.max(
            worst,
            checkCache(
              draft,
              dRunner,
              step.windowStart,
              s.ids.slice(step.windowStart, step.windowStart + dRunner.length),
            ),
          );
      }
      for (const p of plains.values()) p.runner.dispose();
      s.dispose();
      expect(worst).toBeLessThan(TOL[backend]);
    },
  );

  it('100 speculative steps leave no tensors behind (tfjs draft, greedy and sampled)', () => {
    const { target, draft } = models;
    for (const temperature of [0, 1]) {
      const before = tf.memory().numTensors;
      const s = new SpeculativeSession(
        new TfjsRunner(target),
        new TfjsRunner(draft),
        target.tokenizer.encode('Call me'),
        { shape: parseTreeShape('1,2,1'), blockSize: 128, temperature, seed: 2 },
      );
      s.step();
      const during = tf.memory().numTensors;
      for (let i = 0; i < 100; i++) s.step();
      expect(tf.memory().numTensors).toBe(during); // the two caches, nothing more
      s.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
