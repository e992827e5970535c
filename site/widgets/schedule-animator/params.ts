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
    },
    batches: { kind: 'int', min: 1, max: 8, default: 6, label: 'GPU batches (rows)', doc: 'rows of the grid' },
    nb: {
      kind: 'int',
      min: 1,
      max: 8,
      default: 3,
      label: 'Batches per block (nb)',
      doc: 'zig-zag block size in GPU batches (at most `batches`)',
    },
    gbs: {
      kind: 'int',
      min: 1,
      max: 64,
      default: 32,
      label: 'GPU batch size (gbs)',
      doc: 'sequences per GPU batch, for the modelled OPT-175B throughput',
    },
    step: { kind: 'int', min: 0, max: 96, default: 0, label: 'Squares computed', doc: 'how far the animation has run' },
  },
  controls: ['grid', 'play', 'model', 'run'],
});
