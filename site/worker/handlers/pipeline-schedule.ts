// `pipeline.schedule`: for one token and layer of our model's activation trace, which neuron clusters fire and the
// matrix-level and cluster-level pipeline schedules (simulated stage times). Used by the PipelineGantt widget; see
// lib/sparsity/token-pipeline.ts.
import {
  pipelineForToken,
  type PipelineRun,
  type TokenPipelineSettings,
} from '../../../lib/sparsity/token-pipeline.ts';
import { defineHandler } from '../protocol.ts';
import { replayProfile, type ReplayPayload } from './replay-profile.ts';
import type { Registered } from './index.ts';

export type PipelineSchedulePayload = ReplayPayload & TokenPipelineSettings;

export const pipelineSchedule = defineHandler(async (p: PipelineSchedulePayload, ctx): Promise<PipelineRun> => {
  const { model, profile, text } = await replayProfile(p, ctx);
  return pipelineForToken(model, profile, text, p);
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'pipeline.schedule': pipelineSchedule };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
