// VecMatScale's words in both editions (the controls' labels live in params.ts with their `zh`). Numbers go through
// the kit's formatters, so both editions show the same digits.
import { bilingual } from '../../i18n/text.ts';
import { bytes, count, duration, percent, times } from '../_kit/format.ts';
import type { Method } from './chart.ts';
import { BYTES_PER_WEIGHT, type ScalePlan } from './model.ts';

/** One finished timing, as the progress line and the summary say it. */
export interface RunView {
  backend: string;
  n: number;
  m: number;
  zeros: number;
  repeats: number;
  rowsRead: number;
  denseMs: number;
  gatherMs: number;
  loopDenseMs: number;
  loopSkipMs: number;
  /** The largest difference between the answers, as shown. */
  agree: string;
}

/** How a change from `before` ms to `after` ms reads: faster (r > 1), slower, no change, or untimeable. */
const change = (before: number, after: number) => {
  if (!(before > 0 && after > 0)) return { kind: 'untimed' as const, r: 0 };
  const r = before / after;
  if (Math.abs(r - 1) < 0.05) return { kind: 'same' as const, r };
  return r > 1 ? { kind: 'faster' as const, r } : { kind: 'slower' as const, r: 1 / r };
};

const shape = (p: { n: number; m: number }) => `${count(p.n)} × ${count(p.m)}`;

/** "2.5× faster" / "3.1× slower" / "no faster" for a change from `before` ms to `after` ms. */
function ratioEn(before: number, after: number): string {
  const c = change(before, after);
  if (c.kind === 'untimed') return 'too fast to time at this size';
  if (c.kind === 'same') return 'no faster';
  return `${times(c.r, 2)} ${c.kind}`;
}

function ratioZh(before: number, after: number): string {
  const c = change(before, after);
  if (c.kind === 'untimed') return '在这个规模下快得无法计时';
  if (c.kind === 'same') return '没有变快';
  return `${c.kind === 'faster' ? '快了' : '慢了'} ${times(c.r, 2)}`;
}

export const text = bilingual({
  en: {
    plan: (p: ScalePlan) => ({
      setup: `x has n = ${count(p.n)} entries, ${count(p.zeros)} of them zero (${percent(p.zeros / p.n)}); W is ${shape(p)}, stored row by row in fp32 (${BYTES_PER_WEIGHT} bytes per weight).`,
      dense: `All rows: reads all ${count(p.n)} rows of W, ${shape(p)} × ${BYTES_PER_WEIGHT} B = ${bytes(p.denseBytes)}, and does ${count(p.denseMacs)} multiply-adds.`,
      gather: `Non-zero rows only: reads just the ${count(p.rowsRead)} rows whose xᵢ ≠ 0, ${count(p.rowsRead)} × ${count(p.m)} × ${BYTES_PER_WEIGHT} B = ${bytes(p.gatherBytes)}, and does ${count(p.gatherMacs)} multiply-adds.`,
    }),
    ratio: ratioEn,
    runAgain: 'Run again',
    sweep: 'Sweep zero fractions',
    waiting: 'Runs in a background worker when this figure scrolls into view.',
    tableLabel: 'Median times of y = xW',
    tableCaption: 'Median time of y = xW',
    method: 'Method',
    allRows: 'all rows',
    nonZeroRows: 'non-zero rows only',
    jsLoop: 'JS loop',
    backend: 'Backend',
    notStarted: 'not started',
    rowsRead: 'Rows read (non-zero only)',
    maxDiff: 'Max |difference|',
    chartCaption:
      'Median time of y = xW on this n × m for each share of zeros measured so far (log scale). Measured in your browser: the numbers depend on your machine and backend.',
    timing: 'Timing these settings…',
    retry: 'Press "Run again" to retry.',
    weightsTitle: (b: number) => `W holds ${bytes(b)} of fp32 weights`,
    rowsOf: (read: number, n: number) => `${count(read)} of ${count(n)}`,
    computing: (v: { n: number; m: number; zeros: number }) => `Computing ${shape(v)} at ${percent(v.zeros)} zeros…`,
    computingStep: (message: string) => `Computing… ${message}`,
    done: (r: RunView) =>
      `Done on ${r.backend}, ${shape(r)} at ${percent(r.zeros)} zeros (median of ${r.repeats}): ` +
      `skipping zero rows made the JS loop ${ratioEn(r.loopDenseMs, r.loopSkipMs)}; tf.gather made TensorFlow.js ${ratioEn(r.denseMs, r.gatherMs)}.`,
    summary: (r: RunView) =>
      `Backend ${r.backend}. At ${percent(r.zeros)} zeros, reading ${count(r.rowsRead)} of ${count(r.n)} rows: ` +
      `TensorFlow.js dense ${duration(r.denseMs)}, gather ${duration(r.gatherMs)}; JS loop over all rows ${duration(r.loopDenseMs)}, ` +
      `over non-zero rows ${duration(r.loopSkipMs)}. All answers agree to ${r.agree}.`,
    chartLabel: 'Median time of y = xW by method against the share of zeros in x',
    chartPoint: (zeros: number, methods: string) => `${percent(zeros)} zeros: ${methods}`,
    xLabel: 'share of zeros in x',
    yLabel: 'time (ms, median, log scale)',
    methods: {
      dense: 'tfjs dense',
      gather: 'tfjs gather',
      loopDense: 'JS loop, all rows',
      loopSkip: 'JS loop, non-zero rows',
    } as Record<Method, string>,
  },
  zh: {
    plan: (p: ScalePlan) => ({
      setup: `x 有 n = ${count(p.n)} 个元素，其中 ${count(p.zeros)} 个为零（${percent(p.zeros / p.n)}）；W 为 ${shape(p)}，按行以 fp32 存储（每个权重 ${BYTES_PER_WEIGHT} 字节）。`,
      dense: `所有行：读取 W 的全部 ${count(p.n)} 行，${shape(p)} × ${BYTES_PER_WEIGHT} B = ${bytes(p.denseBytes)}，做 ${count(p.denseMacs)} 次乘加。`,
      gather: `仅非零行：只读取 xᵢ ≠ 0 的 ${count(p.rowsRead)} 行，${count(p.rowsRead)} × ${count(p.m)} × ${BYTES_PER_WEIGHT} B = ${bytes(p.gatherBytes)}，做 ${count(p.gatherMacs)} 次乘加。`,
    }),
    ratio: ratioZh,
    runAgain: '再运行一次',
    sweep: '扫描零值比例',
    waiting: '此图滚动到视野中时，在后台 worker 中运行。',
    tableLabel: 'y = xW 的中位耗时',
    tableCaption: 'y = xW 的中位耗时',
    method: '方法',
    allRows: '所有行',
    nonZeroRows: '仅非零行',
    jsLoop: 'JS 循环',
    backend: '后端',
    notStarted: '尚未开始',
    rowsRead: '读取的行数（仅非零行）',
    maxDiff: '最大 |差值|',
    chartCaption:
      '在当前 n × m 下，迄今测过的每个零值比例对应的 y = xW 中位耗时（对数刻度）。在你的浏览器中测得：数字取决于你的机器和后端。',
    timing: '正在为这些设置计时…',
    retry: '按“再运行一次”重试。',
    weightsTitle: (b: number) => `W 含 ${bytes(b)} 的 fp32 权重`,
    rowsOf: (read: number, n: number) => `${count(n)} 行中的 ${count(read)} 行`,
    computing: (v: { n: number; m: number; zeros: number }) => `正在计算 ${shape(v)}，零值占 ${percent(v.zeros)}…`,
    computingStep: (message: string) => `正在计算… ${message}`,
    done: (r: RunView) =>
      `已在 ${r.backend} 上完成，${shape(r)}，零值占 ${percent(r.zeros)}（${r.repeats} 次的中位数）：` +
      `跳过零行让 JS 循环${ratioZh(r.loopDenseMs, r.loopSkipMs)}；tf.gather 让 TensorFlow.js ${ratioZh(r.denseMs, r.gatherMs)}。`,
    summary: (r: RunView) =>
      `后端 ${r.backend}。零值占 ${percent(r.zeros)} 时，读取 ${count(r.n)} 行中的 ${count(r.rowsRead)} 行：` +
      `TensorFlow.js 稠密 ${duration(r.denseMs)}，gather ${duration(r.gatherMs)}；JS 循环遍历所有行 ${duration(r.loopDenseMs)}，` +
      `只遍历非零行 ${duration(r.loopSkipMs)}。所有结果的差异不超过 ${r.agree}。`,
    chartLabel: 'y = xW 各方法的中位耗时随 x 中零值比例的变化',
    chartPoint: (zeros: number, methods: string) => `零值占 ${percent(zeros)}：${methods}`,
    xLabel: 'x 中零值的比例',
    yLabel: '耗时（ms，中位数，对数刻度）',
    methods: {
      dense: 'tfjs 稠密',
      gather: 'tfjs gather',
      loopDense: 'JS 循环，所有行',
      loopSkip: 'JS 循环，非零行',
    } as Record<Method, string>,
  },
});
