// Plain data for SpecTree: labels for nodes, the counters, sentences. Shared by the shell (build time) and element.
import { decimal, percent, token } from '../_kit/format.ts';
import type { StepView } from '../../../lib/speculative/step-view.ts';

export interface Totals {
  passes: number;
  tokens: number;
}

export const nodeLabel = (v: StepView, i: number) =>
  i === 0 ? `root ${token(v.nodes[0].text)}` : `${i}: ${token(v.nodes[i].text)}`;

/** One line per node: its token, the draft's probability, the target's choice after it, accepted or not. */
export function nodeLine(v: StepView, i: number): string {
  const n = v.nodes[i];
  const head = i === 0 ? `root ${token(n.text)} (verified)` : `${token(n.text)}, draft ${percent(n.q)}`;
  const after = n.targetChoice === null ? '' : `; the target would write ${token(n.targetChoice)} next`;
  const mark = i === 0 ? '' : n.accepted ? ' — accepted' : '';
  return `${head}${after}${mark}`;
}

export function stepSentence(v: StepView): string {
  const guesses = v.accepted.length - 1;
  const own = v.emitted[v.emitted.length - 1];
  return `The draft guessed ${v.nodes.length - 1} tokens in a tree of depth ${Math.max(...v.nodes.map((n) => n.depth))}; the target accepted ${guesses} of them along one path and added ${token(own.text)} ${v.bonus ? '(a bonus token: the path reached a leaf)' : '(its own choice where the guesses stopped matching)'}, so this pass produced ${v.emitted.length} token${v.emitted.length === 1 ? '' : 's'}.`;
}

export function totalsSentence(t: Totals): string {
  if (t.passes === 0) return 'No steps yet.';
  return `${t.tokens} tokens in ${t.passes} target passes: ${decimal(t.tokens / t.passes)} tokens per pass, ${t.tokens - t.passes} passes saved against plain decoding.`;
}
