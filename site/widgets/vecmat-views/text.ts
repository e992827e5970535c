// VecMatViews's words in both editions: the controls, and every sentence of a step (model.ts computes the step, these
// say it). Numbers arrive formatted by model.ts (short, numberValue), so both editions show the same digits.
import type { ViewName } from '../../../lib/vecmat.ts';
import { bilingual } from '../../i18n/text.ts';

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
/** A 0-based index as a 1-based subscript: sub(0) = "₁". */
export function sub(i: number): string {
  return String(i + 1)
    .split('')
    .map((d) => SUBS[+d])
    .join('');
}

/** "a", "a and b", "a, b and c" */
const and = (names: string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
const isAre = (names: unknown[]) => (names.length === 1 ? 'is' : 'are');
const rowNames = (idx: number[]) => idx.map((i) => `row ${i + 1}`);
const outNames = (idx: number[]) => idx.map((i) => `y${sub(i)}`);
const outNamesZh = (idx: number[]) => idx.map((i) => `y${sub(i)}`).join('、');
const rowNamesZh = (idx: number[]) => `第 ${idx.map((i) => i + 1).join('、')} 行`;

const VIEWS_EN: Record<ViewName, string> = { elements: 'Elements', rows: 'Rows', columns: 'Columns' };
const VIEWS_ZH: Record<ViewName, string> = { elements: '元素', rows: '行', columns: '列' };

/** Counts a cost line quotes: what was skipped, the multiply-adds and weights used, of how many, and the bytes. */
export interface Cost {
  skipped: number[];
  of: number;
  macs: number;
  read: number;
  total: number;
  bytes: number;
  totalBytes: number;
}

export const text = bilingual({
  en: {
    views: VIEWS_EN,
    randomize: 'Randomize',
    gridLabel: (key: string) => `x, W and y = xW (${key})`,
    gridCaption: 'Input x (one per row), weights W (3 rows, 6 columns) and output y = xW (one per column)',
    skippedTag: 'skipped',
    weightName: (i: number, j: number) => `W row ${i + 1}, column ${j + 1}`,
    knownZero: 'known 0',
    markKnownZero: (j: number) => `Mark y${sub(j)} as known zero`,
    eqLabel: (key: string) => `The equation of this step (${key})`,
    step: 'Step',
    play: 'Play',
    pause: 'Pause',
    reset: 'Reset',
    noKatex: 'The equation renderer failed to load; equations are shown as plain text.',
    badSeed: 'The seed must be a whole number from 0 to 99999.',
    badNumber: (name: string, limit: number) =>
      `${name} must be a number from −${limit} to ${limit}; keeping ${name} as it was.`,
    reducedMotion: 'Reduced motion is on, so Play shows the result at once; use Step to go one step at a time.',
    /** Step `pos` of `total`, as every step sentence starts. */
    stepOf: (pos: number, total: number) => `Step ${pos} of ${total}: `,
    /** KaTeX: after a partial sum in the elements view. */
    soFar: '\\text{ so far}',
    /** KaTeX: a known-zero output's equation in the columns view. */
    notRead: (j: number) => `\\quad\\text{(known zero: column ${j + 1} not read)}`,
    elements: {
      intro: 'Press Step or Play: each step multiplies one weight by its input and adds it to one output.',
      done: (products: number) => `All ${products} products xᵢ·Wᵢⱼ computed and summed down each column.`,
      step: (i: number, j: number, x: string, w: string, p: string) =>
        `x${sub(i)}·W${sub(i)}${sub(j)} = ${x}·${w} = ${p}, added to y${sub(j)}.`,
      cost: (c: Cost) =>
        `Multiply-adds: ${c.macs} of ${c.total}. Weights read: ${c.read} of ${c.total} (${c.bytes} of ${c.totalBytes} bytes). This view does every product, even those multiplied by zero.`,
    },
    rows: {
      intro: 'Press Step or Play: each step adds one row of W, scaled by its input, to the running sum.',
      done: (n: number, skipped: number[]) =>
        skipped.length
          ? `Done: y is a weighted sum of ${n - skipped.length} rows; ${and(rowNames(skipped))} ${isAre(skipped)} never read because ${skipped.length === 1 ? 'its input is' : 'their inputs are'} zero.`
          : `Done: y is a weighted sum of all ${n} rows of W.`,
      skip: (i: number, m: number) => `x${sub(i)} = 0, so row ${i + 1} is skipped: its ${m} weights are never read.`,
      add: (i: number, x: string, row: string) => `add ${x} × row ${i + 1} = ${row}.`,
      cost: (c: Cost) =>
        `Rows skipped: ${c.skipped.length} of ${c.of}${c.skipped.length ? ` (${and(rowNames(c.skipped))})` : ''}. Multiply-adds: ${c.macs} of ${c.total}. Weights read: ${c.read} of ${c.total} (${c.bytes} of ${c.totalBytes} bytes).`,
    },
    columns: {
      intro: 'Press Step or Play: each step computes one output as the dot product of x with one column of W.',
      done: (m: number, skipped: number[]) =>
        skipped.length
          ? `Done: ${m - skipped.length} dot products computed; ${and(outNames(skipped))} ${isAre(skipped)} marked known zero, so ${skipped.length === 1 ? 'its column is' : 'their columns are'} never read.`
          : `Done: ${m} dot products, one per output. Mark an output "known zero" to skip its column.`,
      skip: (j: number) => `y${sub(j)} is marked known zero, so column ${j + 1} is skipped.`,
      dot: (j: number, value: string) => `y${sub(j)} = x · column ${j + 1} = ${value}.`,
      wrong: (j: number, value: string) =>
        `y${sub(j)} is marked known zero, but x · column ${j + 1} = ${value} is positive, so a ReLU would keep it: a wrong guess, and the reported 0 is an error.`,
      cost: (c: Cost) =>
        `Columns skipped: ${c.skipped.length} of ${c.of}${c.skipped.length ? ` (${and(outNames(c.skipped))})` : ''}. Multiply-adds: ${c.macs} of ${c.total}. Weights read: ${c.read} of ${c.total} (${c.bytes} of ${c.totalBytes} bytes).`,
    },
    summary: (view: ViewName, step: string, x: string, y: string, read: number, total: number) =>
      `${VIEWS_EN[view]} view${step ? `, ${step}` : ''}. x = ${x}. y = ${y}. Weights read: ${read} of ${total}.`,
    /** Where the summary is: "step 2 of 6". */
    at: (pos: number, total: number) => `step ${pos} of ${total}`,
  },
  zh: {
    views: VIEWS_ZH,
    randomize: '随机生成',
    gridLabel: (key: string) => `x、W 与 y = xW（${key}）`,
    gridCaption: '输入 x（每行一个）、权重 W（3 行 6 列）和输出 y = xW（每列一个）',
    skippedTag: '已跳过',
    weightName: (i: number, j: number) => `W 第 ${i + 1} 行第 ${j + 1} 列`,
    knownZero: '已知为 0',
    markKnownZero: (j: number) => `把 y${sub(j)} 标记为已知为零`,
    eqLabel: (key: string) => `这一步的等式（${key}）`,
    step: '单步',
    play: '播放',
    pause: '暂停',
    reset: '重置',
    noKatex: '公式渲染器加载失败，公式以纯文本显示。',
    badSeed: '随机种子必须是 0 到 99999 之间的整数。',
    badNumber: (name: string, limit: number) => `${name} 必须是 −${limit} 到 ${limit} 之间的数；${name} 保持原值。`,
    reducedMotion: '已开启“减少动态效果”，因此“播放”直接显示结果；用“单步”可逐步查看。',
    stepOf: (pos: number, total: number) => `第 ${pos} 步（共 ${total} 步）：`,
    soFar: '\\text{（目前为止）}',
    notRead: (j: number) => `\\quad\\text{（已知为零：未读取第 ${j + 1} 列）}`,
    elements: {
      intro: '按“单步”或“播放”：每一步把一个权重乘以它的输入，再加到一个输出上。',
      done: (products: number) => `全部 ${products} 个乘积 xᵢ·Wᵢⱼ 都已算出，并沿每一列求和。`,
      step: (i: number, j: number, x: string, w: string, p: string) =>
        `x${sub(i)}·W${sub(i)}${sub(j)} = ${x}·${w} = ${p}，加到 y${sub(j)} 上。`,
      cost: (c: Cost) =>
        `乘加次数：${c.total} 次中的 ${c.macs} 次。读取的权重：${c.total} 个中的 ${c.read} 个（${c.totalBytes} 字节中的 ${c.bytes} 字节）。这种视角会计算每一个乘积，连乘以零的也不例外。`,
    },
    rows: {
      intro: '按“单步”或“播放”：每一步把 W 的一行按其输入缩放后，加到累加和上。',
      done: (n: number, skipped: number[]) =>
        skipped.length
          ? `完成：y 是 ${n - skipped.length} 行的加权和；${rowNamesZh(skipped)}的输入为零，因此从未被读取。`
          : `完成：y 是 W 全部 ${n} 行的加权和。`,
      skip: (i: number, m: number) => `x${sub(i)} = 0，因此跳过第 ${i + 1} 行：它的 ${m} 个权重从未被读取。`,
      add: (i: number, x: string, row: string) => `加上 ${x} × 第 ${i + 1} 行 = ${row}。`,
      cost: (c: Cost) =>
        `跳过的行：${c.of} 行中的 ${c.skipped.length} 行${c.skipped.length ? `（${rowNamesZh(c.skipped)}）` : ''}。乘加次数：${c.total} 次中的 ${c.macs} 次。读取的权重：${c.total} 个中的 ${c.read} 个（${c.totalBytes} 字节中的 ${c.bytes} 字节）。`,
    },
    columns: {
      intro: '按“单步”或“播放”：每一步把一个输出算作 x 与 W 某一列的点积。',
      done: (m: number, skipped: number[]) =>
        skipped.length
          ? `完成：算了 ${m - skipped.length} 个点积；${outNamesZh(skipped)} 被标记为已知为零，因此${skipped.length === 1 ? '它的列' : '它们的列'}从未被读取。`
          : `完成：共 ${m} 个点积，每个输出一个。把某个输出标记为“已知为零”即可跳过它的列。`,
      skip: (j: number) => `y${sub(j)} 被标记为已知为零，因此跳过第 ${j + 1} 列。`,
      dot: (j: number, value: string) => `y${sub(j)} = x · 第 ${j + 1} 列 = ${value}。`,
      wrong: (j: number, value: string) =>
        `y${sub(j)} 被标记为已知为零，但 x · 第 ${j + 1} 列 = ${value} 为正，ReLU 会保留它：这是错误的猜测，报告的 0 是错的。`,
      cost: (c: Cost) =>
        `跳过的列：${c.of} 列中的 ${c.skipped.length} 列${c.skipped.length ? `（${outNamesZh(c.skipped)}）` : ''}。乘加次数：${c.total} 次中的 ${c.macs} 次。读取的权重：${c.total} 个中的 ${c.read} 个（${c.totalBytes} 字节中的 ${c.bytes} 字节）。`,
    },
    summary: (view: ViewName, step: string, x: string, y: string, read: number, total: number) =>
      `${VIEWS_ZH[view]}视角${step ? `，${step}` : ''}。x = ${x}。y = ${y}。读取的权重：${total} 个中的 ${read} 个。`,
    at: (pos: number, total: number) => `第 ${pos} 步（共 ${total} 步）`,
  },
});
