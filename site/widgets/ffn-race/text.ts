// FfnRace's words in both editions (the controls' labels live in params.ts with their `zh`). Numbers go through the
// kit's formatters and model.ts's speedup/diff, so both editions show the same digits.
import { bilingual } from '../../i18n/text.ts';
import { count, duration, percent, times } from '../_kit/format.ts';
import { diff, type RaceSide, speedup } from './model.ts';

/** What the progress line says when a race is done. */
export interface DoneView {
  backend: string;
  /** The sparse answer differs from dense beyond rounding (a chosen share skipped neurons that fire). */
  missed: boolean;
  sparsity: number;
  trueActive: number;
}

export const text = bilingual({
  en: {
    /** What the static view can say before anything is timed: how many neurons fire for the race's token. */
    plan: (layer: number, active: number, nFfn: number) =>
      `For the race's token, ${count(active)} of layer ${layer}'s ${count(nFfn)} neurons fire (${percent(1 - active / nFfn)} zeros). Computing only those reads ${count(active)} of ${count(nFfn)} columns of W_up and rows of W_down: at best ${speedup(nFfn / Math.max(1, active))} less work.`,
    summary: (js: RaceSide, simd: RaceSide | null, tf: RaceSide, nFfn: number) =>
      `${count(js.activeCount)} of ${count(nFfn)} neurons computed (${percent(js.sparsity)} skipped; ${count(js.trueActiveCount)} really fire). Plain JS: dense ${duration(js.denseMs)}, sparse ${duration(js.sparseMs)}, ${speedup(js.speedup)} faster. ${simd ? `WebAssembly SIMD: dense ${duration(simd.denseMs)}, sparse ${duration(simd.sparseMs)}, ${speedup(simd.speedup)}.` : 'WebAssembly SIMD: not available in this browser.'} TensorFlow.js on ${tf.backend}: dense ${duration(tf.denseMs)}, gather ${duration(tf.sparseMs)}, ${speedup(tf.speedup)}. Ideal ${speedup(js.idealSpeedup)}. Largest difference from dense: ${diff(Math.max(js.maxAbsDiff, simd?.maxAbsDiff ?? 0, tf.maxAbsDiff))}.`,
    noModel: 'No trained model yet: this race runs once public/models/ has one.',
    exactSet: 'exact set',
    runAgain: 'Run again',
    sweep: 'Sweep sparsities',
    cancel: 'Cancel',
    waiting: 'Runs in a background worker when this figure scrolls into view.',
    tableLabel: 'Dense and sparse FFN times',
    tableCaption: 'Time for one token through one FFN layer (median),',
    measuredTag: 'measured in your browser',
    columns: ['kernel', 'dense', 'sparse', 'speed-up', 'max |diff|'],
    plainJsLoop: 'plain JS loop',
    simdLoop: 'WebAssembly SIMD loop',
    noSimd: 'no SIMD here',
    tfGather: (backend?: string) => `TensorFlow.js${backend ? ` (${backend})` : ''}, gather`,
    backend: 'Backend',
    notStarted: 'not started',
    computedLabel: 'Neurons computed',
    idealLabel: 'Ideal speed-up',
    computed: (active: number, nFfn: number, skipped: number) =>
      `${count(active)} of ${count(nFfn)} (${percent(skipped)} skipped)`,
    chartCaption:
      'Speed-up of the sparse FFN over the dense one for each share of skipped neurons timed so far (markers, one line per kernel); the dashed curve is the ideal 1 / (1 − share), the flat rule 1× (no gain).',
    layerClamped: (key: string, asked: number, last: number) =>
      `${key}.layer=${asked}: the model has layers 0 to ${last}; racing layer ${last}.`,
    racing: 'Racing these settings…',
    racingLayer: (layer: number, sparsity?: number) =>
      `Racing layer ${layer}${sparsity === undefined ? ' on the neurons that fire' : ` at ${percent(sparsity)} skipped`}…`,
    couldNotRace: 'Could not race',
    retry: 'Press "Run again" to retry.',
    cancelled: (run: string) =>
      `Cancelled. The table shows the last race that finished (its neurons computed are below it); press "${run}" to race the settings above.`,
    done: (d: DoneView) =>
      `Done on ${d.backend}.${d.missed ? ` Skipping ${percent(d.sparsity)} drops some of the ${count(d.trueActive)} neurons that really fire, so the answer moves away from dense (max |diff| above).` : ' The sparse answer matches dense up to rounding.'}`,
    // the chart
    plainJs: 'plain JS',
    simd: 'WebAssembly SIMD',
    tfOn: (backend: string) => `TensorFlow.js (${backend})`,
    ideal: 'ideal 1 / (1 − s)',
    chartLabel: 'Speed-up of the sparse FFN over dense against the share of neurons skipped',
    chartPoint: (share: number, kernels: string, ideal: number) =>
      `${percent(share)} skipped: ${kernels}, ideal ${times(ideal)}`,
    xLabel: 'share of neurons skipped',
    yLabel: 'speed-up over dense (log)',
  },
  zh: {
    plan: (layer: number, active: number, nFfn: number) =>
      `对参赛的词元而言，第 ${layer} 层的 ${count(nFfn)} 个神经元中有 ${count(active)} 个激活（零值占 ${percent(1 - active / nFfn)}）。只计算这些神经元时，W_up 的列与 W_down 的行各只需读取 ${count(nFfn)} 个中的 ${count(active)} 个：理想情况下加速 ${speedup(nFfn / Math.max(1, active))}。`,
    summary: (js: RaceSide, simd: RaceSide | null, tf: RaceSide, nFfn: number) =>
      `计算了 ${count(nFfn)} 个神经元中的 ${count(js.activeCount)} 个（跳过 ${percent(js.sparsity)}；真正激活的有 ${count(js.trueActiveCount)} 个）。纯 JS：稠密 ${duration(js.denseMs)}，稀疏 ${duration(js.sparseMs)}，快 ${speedup(js.speedup)}。${simd ? `WebAssembly SIMD：稠密 ${duration(simd.denseMs)}，稀疏 ${duration(simd.sparseMs)}，${speedup(simd.speedup)}。` : '此浏览器不支持 WebAssembly SIMD。'}TensorFlow.js（${tf.backend}）：稠密 ${duration(tf.denseMs)}，gather ${duration(tf.sparseMs)}，${speedup(tf.speedup)}。理想加速比 ${speedup(js.idealSpeedup)}。与稠密结果的最大差值：${diff(Math.max(js.maxAbsDiff, simd?.maxAbsDiff ?? 0, tf.maxAbsDiff))}。`,
    noModel: '还没有训练好的模型：public/models/ 中有了模型后才会运行这场比赛。',
    exactSet: '精确集合',
    runAgain: '再运行一次',
    sweep: '扫描稀疏度',
    cancel: '取消',
    waiting: '此图滚动到视野中时，在后台线程中运行。',
    tableLabel: '稠密与稀疏 FFN 的耗时',
    tableCaption: '一个词元通过一层 FFN 的耗时（中位数），',
    measuredTag: '在你的浏览器中实测',
    columns: ['内核', '稠密', '稀疏', '加速比', '最大 |差值|'],
    plainJsLoop: '纯 JS 循环',
    simdLoop: 'WebAssembly SIMD 循环',
    noSimd: '此处无 SIMD',
    tfGather: (backend?: string) => `TensorFlow.js${backend ? `（${backend}）` : ''}，gather`,
    backend: '后端',
    notStarted: '尚未开始',
    computedLabel: '计算的神经元',
    idealLabel: '理想加速比',
    computed: (active: number, nFfn: number, skipped: number) =>
      `${count(nFfn)} 个中的 ${count(active)} 个（跳过 ${percent(skipped)}）`,
    chartCaption:
      '迄今测过的每个跳过比例下，稀疏 FFN 相对稠密 FFN 的加速比（标记点，每个内核一条线）；虚线是理想值 1 / (1 − 比例)，水平线是 1×（没有收益）。',
    layerClamped: (key: string, asked: number, last: number) =>
      `${key}.layer=${asked}：模型只有第 0 到第 ${last} 层；改为比较第 ${last} 层。`,
    racing: '正在为这些设置计时…',
    racingLayer: (layer: number, sparsity?: number) =>
      `正在比较第 ${layer} 层${sparsity === undefined ? '（只算激活的神经元）' : `（跳过 ${percent(sparsity)}）`}…`,
    couldNotRace: '无法完成比较',
    retry: '按“再运行一次”重试。',
    cancelled: (run: string) =>
      `已取消。表中是最后一次完成的比较（其计算的神经元数见下方）；按“${run}”比较上面的设置。`,
    done: (d: DoneView) =>
      `已在 ${d.backend} 上完成。${d.missed ? `跳过 ${percent(d.sparsity)} 会漏掉真正激活的 ${count(d.trueActive)} 个神经元中的一部分，因此结果偏离稠密结果（见上方最大 |差值|）。` : '稀疏结果与稠密结果在舍入误差内一致。'}`,
    plainJs: '纯 JS',
    simd: 'WebAssembly SIMD',
    tfOn: (backend: string) => `TensorFlow.js（${backend}）`,
    ideal: '理想 1 / (1 − s)',
    chartLabel: '稀疏 FFN 相对稠密 FFN 的加速比随跳过的神经元比例的变化',
    chartPoint: (share: number, kernels: string, ideal: number) =>
      `跳过 ${percent(share)}：${kernels}，理想 ${times(ideal)}`,
    xLabel: '跳过的神经元比例',
    yLabel: '相对稠密的加速比（对数）',
  },
});
