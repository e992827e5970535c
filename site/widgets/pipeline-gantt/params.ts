// PipelineGantt's parameters: which schedule, which token and layer of the trace, how much is cached, how many threads.
import { REPLAY_TOKENS } from '../../../lib/sparsity/replay-text.ts';
import { defaultsOf, defineWidget, type Values } from '../_kit/params.ts';

export const MODES = ['matrix', 'cluster'] as const;
export type Mode = (typeof MODES)[number];

export const schema = defineWidget({
  name: 'PipelineGantt',
  tag: 'pipeline-gantt',
  urlKey: 'pipe',
  params: {
    mode: { kind: 'choice', values: MODES, default: 'cluster', label: 'Pipeline' },
    token: {
      kind: 'int',
      min: 0,
      max: REPLAY_TOKENS - 1,
      default: 40,
      label: 'Token of the text',
      doc: 'token of the profiled text, from 0',
    },
    layer: { kind: 'int', min: 0, max: 15, default: 0, label: 'Layer', doc: 'from 0 (clamped to the model)' },
    cached: {
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.0625,
      default: 0.9375,
      label: 'Hottest clusters already in memory',
      doc: 'share of clusters, hottest first (0.9375 = 15 of 16)',
    },
    threads: { kind: 'int', min: 1, max: 4, default: 1, label: 'Compute threads' },
  },
  controls: ['step', 'clusters'],
});
export type GanttValues = Values<typeof schema.params>;
export const GANTT_DEFAULTS: GanttValues = defaultsOf(schema);
