// A speculative step as plain data for display (the lesson's tree widget): every node with its token's text, the
// draft's probability, what the target would write after it, whether it was accepted; the mask rows; the tokens the
// step emitted. Structured-cloneable, so the model worker can send it to the page.
import type { Tokenizer } from '../tokenizer.ts';
import type { SpecStep } from './session.ts';
import { ancestorMatrix } from './token-tree.ts';

export interface StepNodeView {
  token: number;
  text: string;
  parent: number;
  depth: number;
  /** The draft's probability of this token given its parent's path. */
  q: number;
  /** Greedy only: the token the target ranks first after this node's path. */
  targetChoice: string | null;
  accepted: boolean;
}

export interface StepView {
  nodes: StepNodeView[];
  /** Node indices of the accepted path, root first. */
  accepted: number[];
  /** mask[i][j] = 1 when node i may attend to node j (the verified prefix, always visible, is left out). */
  mask: number[][];
  emitted: { id: number; text: string }[];
  /** True when the path ended at a leaf, so the target's own token is a bonus beyond the tree. */
  bonus: boolean;
  targetMs: number;
  draftMs: number;
}

export function stepView(step: SpecStep, tokenizer: Tokenizer): StepView {
  const { tree, accepted } = step;
  const onPath = new Set(accepted);
  const last = accepted[accepted.length - 1];
  return {
    nodes: tree.nodes.map((n, i) => ({
      token: n.token,
      text: tokenizer.tokenText(n.token),
      parent: n.parent,
      depth: n.depth,
      q: n.q,
      targetChoice: step.targetChoice.length ? tokenizer.tokenText(step.targetChoice[i]) : null,
      accepted: onPath.has(i),
    })),
    accepted,
    mask: ancestorMatrix(tree).map((row) => row.map((a) => (a ? 1 : 0))),
    emitted: step.emitted.map((id) => ({ id, text: tokenizer.tokenText(id) })),
    bonus: !tree.nodes.some((n) => n.parent === last),
    targetMs: step.targetMs,
    draftMs: step.draftMs,
  };
}
