// FlashStepper's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's, the
// counters' and the sentences on a run.
import { bytes, count, duration, percent, plural } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import type { Ablation, StepCounts, StepperValues } from './model.ts';

/** Where a run's store lives, as the worker's flash.start answers. */
export interface RunStore {
  model: string;
  opfs: boolean;
  rebuilt: boolean;
  setupReads: number;
}

/** The counters in the kit's units, with their words. */
function counts(c: StepCounts, chosen: (loaded: string, of: string) => string, noCurve: string) {
  return {
    bytes: bytes(c.bytes),
    reads: count(Math.round(c.reads * 10) / 10),
    neurons: chosen(count(Math.round(c.neuronsLoaded)), count(Math.round(c.neuronsChosen))),
    dram: bytes(c.dramBytes),
    readMs: duration(c.readMs),
    paperMs: duration(c.paperMs),
    curveMs: c.curveMs === null ? noCurve : duration(c.curveMs),
  };
}

const countsEn = (c: StepCounts) =>
  counts(c, (loaded, of) => `${loaded} of ${of} chosen`, 'measure your device above first');
const countsZh = (c: StepCounts) =>
  counts(c, (loaded, of) => `选中 ${of} 个，加载 ${loaded} 个`, '请先在上方测量你的设备');

export const text = bilingual({
  en: {
    neurons: { all: 'all (naive)', predictor: 'predicted (predictor-v1)', exact: 'exact active set (oracle)' },
    storage: { auto: 'OPFS (or memory if unavailable)', memory: 'memory' },
    run: 'Run',
    oneToken: 'One token',
    fromStorage: 'From storage:',
    inMemory: 'In memory:',
    sameGreedy: 'Greedy decoding; with an exact policy the two texts are the same.',
    stats: {
      bytes: 'Read per token',
      reads: 'Read calls per token',
      neurons: 'Neurons loaded',
      dram: 'FFN in DRAM',
      readMs: 'Time in reads (timed)',
      paperMs: "I/O at the paper's GB/s",
      curveMs: 'I/O on your curve',
    },
    modelled: KIT.en.badge.modelled,
    pressRun: 'Press Run to generate.',
    opening: 'Opening the FFN store…',
    runBasis: (s: RunStore) =>
      `Measured here: ${s.model}'s FFN is read from ${s.opfs ? 'the Origin Private File System' : 'memory'}${s.rebuilt ? ' (the store was written just now)' : ' (store reused)'}${s.setupReads ? `; the resident half took ${s.setupReads} reads once` : ''}.`,
    contextFull: 'the context is full; change a setting or press Run to start again',
    tokenOf: (i: number, n: number) => `Token ${i} of ${n}…`,
    tokens: (n: number) => plural(n, 'token', 'tokens'),
    end: '.',
    stopped: 'A setting changed during the run, so it stopped: press Run to measure the new settings.',
    couldNotGenerate: 'Could not generate',
    runMeans: (basis: string, n: number, last: string) =>
      `${basis} Means per token over the ${plural(n, 'token', 'tokens')} of this run. ${last}`,
    sameAsMemory: (n: number) => `Same ${plural(n, 'token', 'tokens')} as the model in memory.`,
    differsFrom: (token: number) =>
      `Differs from the model in memory from token ${token} (the predictor missed neurons that mattered).`,
    countsText: countsEn,
    summaryText: (tokens: number, same: boolean | null, mean: StepCounts) => {
      if (tokens === 0)
        return `Per token with these settings (build-time mean over held-out text): ${bytes(mean.bytes)} read in ${count(Math.round(mean.reads))} reads, ${bytes(mean.dramBytes)} of FFN weights held in DRAM.`;
      return `${plural(tokens, 'token', 'tokens')} generated with the FFN read from storage; ${same ? 'the text is the same as the model in memory writes' : 'the text differs from the model in memory'}. Per token: ${bytes(mean.bytes)} read in ${count(Math.round(mean.reads))} reads, ${bytes(mean.dramBytes)} held in DRAM, ${duration(mean.readMs)} inside the reads.`;
    },
    /** The window as the slider's output shows it: "all" reads every neuron, so no window applies. */
    windowText: (v: StepperValues) =>
      v.neurons === 'all' ? `${v.window} (not used: all neurons are read)` : String(v.window),
    /** The budget as the slider's output shows it. */
    budgetText: (budget: number) => (budget >= 1 ? '100% (no cap)' : percent(budget, 0)),
    /** The caption under the counters: where the figures come from. */
    basisText: (mean: StepCounts | undefined, a: Ablation) =>
      mean
        ? `Means per token on the build machine over ${count(a.tokens)} tokens of held-out text (measured on our model); press Run to measure here.`
        : 'No build-time measurement for these settings: press Run to measure them here.',
    /** The last token's own figures, for the caption after a run (the counters show the means). */
    lastTokenText: (c: StepCounts) => {
      const t = countsEn(c);
      return `The last token alone: ${t.bytes} read in ${t.reads} reads, ${t.dram} in DRAM, ${t.readMs} inside the reads.`;
    },
  },
  zh: {
    neurons: { all: '全部（朴素）', predictor: '预测的（predictor-v1）', exact: '精确激活集合（理想情形）' },
    storage: { auto: 'OPFS（不可用时改用内存）', memory: '内存' },
    run: '运行',
    oneToken: '生成一个词元',
    fromStorage: '从存储读取：',
    inMemory: '全在内存中：',
    sameGreedy: '贪心解码；策略精确时两段文本相同。',
    stats: {
      bytes: '每个词元读取',
      reads: '每个词元的读取次数',
      neurons: '加载的神经元',
      dram: '内存中的 FFN',
      readMs: '读取耗时（实测）',
      paperMs: '按论文的 GB/s 计算的 I/O',
      curveMs: '按你的曲线计算的 I/O',
    },
    modelled: KIT.zh.badge.modelled,
    pressRun: '按“运行”开始生成。',
    opening: '正在打开 FFN 存储…',
    runBasis: (s: RunStore) =>
      `在此测得：${s.model} 的 FFN 从${s.opfs ? '源私有文件系统（OPFS）' : '内存'}读取${s.rebuilt ? '（存储刚刚写入）' : '（沿用已有存储）'}${s.setupReads ? `；常驻的一半一次性用了 ${s.setupReads} 次读取` : ''}。`,
    contextFull: '上下文已满；请更改设置或按“运行”重新开始',
    tokenOf: (i: number, n: number) => `第 ${i} 个词元，共 ${n} 个…`,
    tokens: (n: number) => `${count(n)} 个词元`,
    end: '。',
    stopped: '运行期间设置有变，因此已停止：按“运行”测量新设置。',
    couldNotGenerate: '无法生成',
    runMeans: (basis: string, n: number, last: string) =>
      `${basis}数值为本次运行 ${count(n)} 个词元的每词元平均。${last}`,
    sameAsMemory: (n: number) => `${count(n)} 个词元与全在内存中的模型相同。`,
    differsFrom: (token: number) => `从第 ${token} 个词元起与全在内存中的模型不同（预测器漏掉了要紧的神经元）。`,
    countsText: countsZh,
    summaryText: (tokens: number, same: boolean | null, mean: StepCounts) => {
      if (tokens === 0)
        return `这些设置下每个词元（构建时在留出文本上的平均）：${count(Math.round(mean.reads))} 次读取共 ${bytes(mean.bytes)}，内存中保留 ${bytes(mean.dramBytes)} 的 FFN 权重。`;
      return `从存储读取 FFN 生成了 ${count(tokens)} 个词元；${same ? '文本与全在内存中的模型写出的相同' : '文本与全在内存中的模型不同'}。每个词元：${count(Math.round(mean.reads))} 次读取共 ${bytes(mean.bytes)}，内存中保留 ${bytes(mean.dramBytes)}，读取耗时 ${duration(mean.readMs)}。`;
    },
    windowText: (v: StepperValues) =>
      v.neurons === 'all' ? `${v.window}（未使用：读取全部神经元）` : String(v.window),
    budgetText: (budget: number) => (budget >= 1 ? '100%（不设上限）' : percent(budget, 0)),
    basisText: (mean: StepCounts | undefined, a: Ablation) =>
      mean
        ? `构建机器上在 ${count(a.tokens)} 个留出文本词元上的每词元平均（在我们的模型上测得）；按“运行”在此测量。`
        : '这些设置没有构建时的测量：按“运行”在此测量。',
    lastTokenText: (c: StepCounts) => {
      const t = countsZh(c);
      return `仅最后一个词元：${t.reads} 次读取共 ${t.bytes}，内存中 ${t.dram}，读取耗时 ${t.readMs}。`;
    },
  },
});
