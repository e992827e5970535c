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

export type PipelineSchedulePayload = ReplayPayload & TokenPipelineSettings;

export const pipelineSchedule = defineHandler(async (p: PipelineSchedulePayload, ctx): Promise<PipelineRun> => {
  const { model, profile, text } = await replayProfile(p, ctx);
  return pipelineForToken(model, profile, text, p);
});
