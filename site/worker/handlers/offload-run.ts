// `offload.run`: runs target-v1 on a batch of sequences under the zig-zag block schedule in the worker
// (lib/offload/zigzag-executor.ts, on the lean engine) and reports weight loads, bytes moved and tokens per second.
import type { KernelKind } from '../../../lib/engine/kernels.ts';
import { runZigzag } from '../../../lib/offload/zigzag-executor.ts';
import { defineHandler } from '../protocol.ts';
import { getModel } from '../models.ts';
import type { Registered } from './index.ts';

export interface OffloadRunPayload {
  gbs: number;
  nb: number;
  sequences: number;
  maxNewTokens: number;
  promptLen?: number;
}

export interface OffloadRunResult {
  weightLoads: number;
  expectedWeightLoads: number;
  weightBytesPerToken: number;
  peakKvBytes: number;
  tokensPerSecond: number;
  /** The lean engine's kernels the executor ran on. */
  kernels: KernelKind;
  sample: string;
}

export const offloadRun = defineHandler(async (p: OffloadRunPayload, ctx): Promise<OffloadRunResult> => {
  const model = await getModel('target-v1', ctx);
  if (!(p.sequences >= 1 && p.sequences <= 256 && p.maxNewTokens >= 1 && p.maxNewTokens <= 64))
    throw new Error('sequences must be 1..256 and maxNewTokens 1..64');
  const ids = model.tokenizer.encode(
    'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.',
  );
  const len = p.promptLen ?? 8;
  const prompts = Array.from({ length: p.sequences }, (_, i) =>
    ids.slice(i % (ids.length - len), (i % (ids.length - len)) + len),
  );
  ctx.progress(ctx.text.generatingSequences(p.maxNewTokens, p.sequences));
  const r = runZigzag(model, prompts, { gbs: p.gbs, nb: p.nb, maxNewTokens: p.maxNewTokens });
  return {
    weightLoads: r.weightLoads,
    expectedWeightLoads: r.expectedWeightLoads,
    weightBytesPerToken: r.weightBytesRead / (p.sequences * p.maxNewTokens),
    peakKvBytes: r.peakKvBytes,
    tokensPerSecond: (p.sequences * p.maxNewTokens) / r.seconds,
    kernels: r.kernels,
    sample: model.tokenizer.decode(r.tokens[0]),
  };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'offload.run': offloadRun };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
