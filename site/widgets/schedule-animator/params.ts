import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'ScheduleAnimator',
  tag: 'offload-schedule',
  urlKey: 'sched',
  params: {
    order: {
      kind: 'choice',
      values: ['row', 'zigzag', 'column'],
      default: 'zigzag',
      label: 'Schedule',
      doc: 'row-by-row, zig-zag block, or column-by-column',
      zh: { label: '调度', doc: '逐行、之字形块或逐列' },
    },
    batches: {
      kind: 'int',
      min: 1,
      max: 8,
      default: 6,
      label: 'GPU batches (rows)',
      doc: 'rows of the grid',
      zh: { label: 'GPU 批次数（行）', doc: '网格的行数' },
    },
    nb: {
      kind: 'int',
      min: 1,
      max: 8,
      default: 3,
      label: 'Batches per block (nb)',
      doc: 'zig-zag block size in GPU batches (at most `batches`)',
      zh: { label: '每块批次数（nb）', doc: '之字形块的大小，以 GPU 批次计（不超过 `batches`）' },
    },
    gbs: {
      kind: 'int',
      min: 1,
      max: 64,
      default: 32,
      label: 'GPU batch size (gbs)',
      doc: 'sequences per GPU batch, for the modelled OPT-175B throughput',
      zh: { label: 'GPU 批大小（gbs）', doc: '每个 GPU 批次的序列数，用于 OPT-175B 吞吐量的建模估计' },
    },
    step: {
      kind: 'int',
      min: 0,
      max: 96,
      default: 0,
      label: 'Squares computed',
      doc: 'how far the animation has run',
      zh: { label: '已计算的方格', doc: '动画进行到哪里' },
    },
  },
  controls: ['grid', 'play', 'model', 'run'],
});
