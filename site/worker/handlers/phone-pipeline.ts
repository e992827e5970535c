// `phone.pipeline`: for one token and layer of our model's activation trace, which neuron clusters fire and the
// matrix-level and cluster-level pipeline schedules (simulated stage times). Used by the PipelineGantt widget;
// see pipeline-gantt-model.ts.
import { defineHandler } from '../protocol.ts';
import { phoneProfile, type PhonePayload } from './phone-profile.ts';
import { pipelineRun, type GanttValues, type PipelineRun } from '../../widgets/pipeline-gantt-model.ts';

export type PhonePipelinePayload = PhonePayload & GanttValues;

export const phonePipeline = defineHandler(async (p: PhonePipelinePayload, ctx): Promise<PipelineRun> => {
  const { model, profile, text } = await phoneProfile(p, ctx);
  return pipelineRun(model, profile, text, p);
});
