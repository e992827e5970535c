// `batch.measure`: the union of active FFN neurons as the batch grows (B sampled continuations of one prompt, decoded
// together), with every neuron's share ranked hottest first by the text's profile, so the page can price any hot/cold
// split (lib/sparsity/batch-split.ts). Used by the BatchUnion widget.
import { measureBatch, type BatchRun, type BatchSettings } from '../../../lib/sparsity/batch-split.ts';
import { defineHandler } from '../protocol.ts';
import { replayProfile, type ReplayPayload } from './replay-profile.ts';
import type { Registered } from './index.ts';

export interface BatchMeasurePayload extends ReplayPayload, BatchSettings {
  prompt: string;
}

export const batchMeasure = defineHandler(async (p: BatchMeasurePayload, ctx): Promise<BatchRun> => {
  const { model, profile } = await replayProfile(p, ctx);
  const prompt = String(p.prompt ?? '').slice(-2000);
  if (prompt.trim() === '') throw new Error('The prompt is empty.');
  ctx.progress(ctx.text.decodingBatch(p.batch, p.steps));
  return measureBatch(
    model,
    prompt,
    profile.layers.map((l) => l.hotOrder),
    p,
  );
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'batch.measure': batchMeasure };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
