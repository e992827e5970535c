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
    mode: { kind: 'choice', values: MODES, default: 'cluster', label: 'Pipeline', zh: { label: '流水线' } },
    token: {
      kind: 'int',
      min: 0,
      max: REPLAY_TOKENS - 1,
      default: 40,
      label: 'Token of the text',
      doc: 'token of the profiled text, from 0',
      zh: { label: '文本中的词元', doc: '剖析文本中的词元序号，从 0 开始' },
    },
    layer: {
      kind: 'int',
      min: 0,
      max: 15,
      default: 0,
      label: 'Layer',
      doc: 'from 0 (clamped to the model)',
      zh: { label: '层', doc: '从 0 开始（超出模型层数时截断）' },
    },
    cached: {
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.0625,
      default: 0.9375,
      label: 'Hottest clusters already in memory',
      doc: 'share of clusters, hottest first (0.9375 = 15 of 16)',
      zh: { label: '已在内存中的最热簇', doc: '簇的占比，从最热的开始（0.9375 = 16 个中的 15 个）' },
    },
    threads: { kind: 'int', min: 1, max: 4, default: 1, label: 'Compute threads', zh: { label: '计算线程数' } },
  },
  controls: ['step', 'clusters'],
});
export type GanttValues = Values<typeof schema.params>;
export const GANTT_DEFAULTS: GanttValues = defaultsOf(schema);
