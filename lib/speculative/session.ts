// One speculative decoding run over token ids: each step the draft grows a tree from the last verified token, the
// target runs the whole tree in one tree-masked forward, verification picks the accepted path plus the target's own
// next token, and both KV caches keep exactly that path. Model-agnostic (TreeRunner), so tests can drive it with
// synthetic models and enumerate every random choice.
//
// The context window slides exactly as lib/generate.ts's Decoder does (when the cache is full, keep the last half
// of the context and recompute), and no tree grows past the window's end, so every token is chosen from the same
// context plain decoding would use: greedy output is identical, sampled output identically distributed.
import type { PassWrapper } from '../generate.ts';
import { argmax, samplingDistribution, type SamplingOptions } from '../sampling.ts';
import { seededChance, type Chance } from './chance.ts';
import { draftTree } from './draft-tree.ts';
import type { TreeRunner } from './runner.ts';
import { treeMask, treePositions, type TokenTree } from './token-tree.ts';
import type { TreeShape } from './tree-shape.ts';
import { verifyGreedy, verifyNaive, verifyStochastic, type NodeTrial } from './verify.ts';

export interface SpeculativeOptions extends SamplingOptions {
  shape: TreeShape;
  /** Context length of both models. */
  blockSize: number;
  /** Seed for sampled decoding (ignored when greedy); or pass `chance`. */
  seed?: number;
  chance?: Chance;
  /** Sampled decoding: 'mss' (multi-step speculative sampling, default) or 'naive'. */
  verifier?: 'mss' | 'naive';
  /** Clock for the per-step times. */
  now?: () => number;
  /** Runs the target's pass over the prompt (all of it but its last token, the first step's root) inside this
   *  wrapper, to time it apart from the steps; a one-token prompt has no such pass. */
  aroundPromptPass?: PassWrapper;
}

export interface SpecStep {
  tree: TokenTree;
  /** Node indices of the accepted path, root first. */
  accepted: number[];
  /** Tokens this step adds: the accepted guesses, then the target's own token. */
  emitted: number[];
  /** The target's logits at each accepted node (row i produced emitted[i]). */
  logits: Float32Array[];
  /** Greedy only: the target's argmax at every node of the tree (what it would write after that node's path). */
  targetChoice: number[];
  /** Sampled with MSS: what happened at each node on the path. */
  trials: NodeTrial[];
  /** The draft's distribution at every node it ran (what its children were drawn or ranked from). */
  draftDists: (Float64Array | null)[];
  /** Window start in the id sequence (changes when the context slides). */
  windowStart: number;
  targetMs: number;
  draftMs: number;
}

export class SpeculativeSession {
  /** The prompt and everything emitted so far. */
  readonly ids: number[];
  private start: number;
  private readonly target: TreeRunner;
  private readonly draft: TreeRunner;
  private readonly opts: SpeculativeOptions;
  private readonly chance: Chance;
  private readonly greedy: boolean;

  constructor(target: TreeRunner, draft: TreeRunner, promptIds: number[], opts: SpeculativeOptions) {
    if (promptIds.length === 0) throw new Error('speculative decoding: the prompt is empty');
    if (opts.shape.kind === 'budget' && (opts.temperature ?? 1) > 0 && (opts.verifier ?? 'mss') === 'mss') {
      throw new Error(
        'speculative sampling (MSS) needs children drawn from the draft; a best-first budget tree is only for greedy decoding (temperature 0) or the naive verifier',
      );
    }
    this.target = target;
    this.draft = draft;
    this.opts = opts;
    this.greedy = (opts.temperature ?? 1) <= 0;
    this.chance = opts.chance ?? seededChance(opts.seed ?? 1);
    this.ids = [...promptIds];
    this.start = Math.max(0, this.ids.length - opts.blockSize);
    target.reset();
    draft.reset();
    const j = this.ids.length - 1;
    const around: PassWrapper = opts.aroundPromptPass ?? ((pass) => pass());
    if (j > this.start) around(() => target.run(this.ids.slice(this.start, j))); // prefill all but the root
  }

  /** One draft tree, one target pass, at least one new token. */
  step(): SpecStep {
    const { blockSize } = this.opts;
    const now = this.opts.now ?? (() => performance.now());
    const j = this.ids.length - 1; // the root: verified, not yet in the target's cache
    let targetMs = 0;
    if (j - this.start >= blockSize) {
      // The window is full: keep the last half of the context (root included) and recompute, as Decoder does.
      this.start = j - Math.floor(blockSize / 2) + 1;
      const t = now();
      this.target.reset();
      if (j > this.start) this.target.run(this.ids.slice(this.start, j));
      targetMs += now() - t;
      this.draft.reset();
    }
    const P = j - this.start; // the root's position in the window
    const maxDepth = blockSize - 1 - P;

    let t = now();
    const shapeSampled = !this.greedy && (this.opts.verifier ?? 'mss') === 'mss';
    const d = draftTree(this.draft, this.ids.slice(this.start + this.draft.length, j + 1), {
      shape: this.opts.shape,
      maxDepth,
      drawn: shapeSampled ? 'sampled' : 'top',
      sampling: this.opts,
      chance: this.chance,
    });
    const draftMs = now() - t;

    t = now();
    const tokens = d.tree.nodes.map((n) => n.token);
    // A chain's tree mask is the ordinary causal mask and its positions the default ones: skip building them.
    const chain = d.tree.nodes.every((n, i) => n.parent === i - 1);
    const logits = this.target.run(
      tokens,
      chain ? {} : { mask: treeMask(d.tree, P), positions: treePositions(d.tree, P) },
    ); // [T][V]
    targetMs += now() - t;

    const trials: NodeTrial[] = [];
    const dist = (u: number) => samplingDistribution(logits[u], this.opts);
    const verdict = this.greedy
      ? verifyGreedy(d.tree, logits)
      : (this.opts.verifier ?? 'mss') === 'mss'
        ? verifyStochastic(d.tree, dist, d.dists, this.chance, trials)
        : verifyNaive(d.tree, dist, this.chance);
    const path = verdict.path;

    // Both caches keep the verified prefix and the accepted path, nothing else.
    this.target.keep([...range(P), ...path.map((i) => P + i)]);
    const draftPath = path.slice(1).map((i) => d.slots[i]);
    const inDraft = draftPath.findIndex((s) => s < 0);
    this.draft.keep([...range(d.slots[0] + 1), ...(inDraft < 0 ? draftPath : draftPath.slice(0, inDraft))]);

    const emitted = [...path.slice(1).map((i) => tokens[i]), verdict.next];
    this.ids.push(...emitted);
    return {
      tree: d.tree,
      accepted: path,
      emitted,
      logits: path.map((i) => logits[i]),
      targetChoice: this.greedy ? logits.map((row) => argmax(row)) : [],
      trials,
      draftDists: d.dists,
      windowStart: this.start,
      targetMs,
      draftMs,
    };
  }

  dispose(): void {
    this.target.dispose();
    this.draft.dispose();
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
