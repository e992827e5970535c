// Speculative sampling at one node, for the sampling widget: `spec.node` returns the target's and the draft's
// distributions after a prompt (temperature applied); `spec.sample` runs multi-step speculative sampling there many
// times (seeded) and returns the emitted tokens' counts and the acceptance rates, empirical and exact.
import { samplingDistribution } from '../../../lib/sampling.ts';
import { sampleNode, type NodeSamplingResult } from '../../../lib/speculative/index.ts';
import { defineHandler, type HandlerContext } from '../protocol.ts';
import { getModel } from '../models.ts';
import type { Registered } from './index.ts';

export interface SpecNodePayload {
  prompt: string;
  temperature: number;
}

export interface SpecNodeResult {
  /** Target and draft distributions over the whole vocabulary. */
  p: number[];
  q: number[];
  /** Every token's text, by id. */
  texts: string[];
  note?: string;
}

async function distributions(payload: SpecNodePayload, ctx: HandlerContext) {
  const target = await getModel('target-v1', ctx);
  const draft = await getModel('draft-v1', ctx);
  const prompt = String(payload.prompt ?? '');
  if (prompt.trim().length === 0)
    throw new Error('Type a prompt first: the models need at least one token to continue.');
  const temperature = Math.min(2, Math.max(0.05, Number(payload.temperature) || 1));
  const all = target.tokenizer.encode(prompt.slice(-4000));
  const ids = all.slice(-target.config.blockSize);
  const last = (rows: Float32Array[]) => rows[rows.length - 1];
  const p = samplingDistribution(last(target.forward([ids]).logits[0]), { temperature });
  const q = samplingDistribution(last(draft.forward([ids]).logits[0]), { temperature });
  const note =
    all.length > ids.length
      ? `The prompt is longer than the models' context of ${target.config.blockSize} tokens; they see only the last ${target.config.blockSize}.`
      : undefined;
  return { p, q, target, note };
}

export const specNode = defineHandler(async (payload: SpecNodePayload, ctx): Promise<SpecNodeResult> => {
  const { p, q, target, note } = await distributions(payload, ctx);
  const texts = Array.from({ length: target.config.vocabSize }, (_, i) => target.tokenizer.tokenText(i));
  return { p: Array.from(p), q: Array.from(q), texts, note };
});

export const specSample = defineHandler(
  async (
    payload: SpecNodePayload & { children: number; runs: number; seed: number },
    ctx,
  ): Promise<NodeSamplingResult> => {
    const { p, q } = await distributions(payload, ctx);
    const k = Math.min(8, Math.max(1, Math.floor(payload.children) || 1));
    const runs = Math.min(100_000, Math.max(1, Math.floor(payload.runs) || 10_000));
    ctx.progress(ctx.text.samplingNode(runs));
    return sampleNode(p, q, k, runs, Math.floor(payload.seed) || 1);
  },
);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'spec.node': specNode, 'spec.sample': specSample };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
