// ScheduleAnimator's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's,
// the grid chart's and the sentences on the schedule and on the run of our model.
import type { ScheduleKind } from '../../../lib/offload/schedule.ts';
import { bytes, count, duration, plural } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { RUN_GBS, RUN_TOKENS, blockOf, modelled, scheduleView, type ScheduleValues } from './model.ts';
import { tokensPerSecond } from './rate.ts';

/** What the run on our model reports (measured in the reader's browser). */
interface RunReport {
  weightLoads: number;
  expectedWeightLoads: number;
  weightBytesPerToken: number;
  tokensPerSecond: number;
  /** The lean engine's kernels the run used: WebAssembly SIMD, or plain JavaScript where SIMD is missing. */
  kernels: 'simd' | 'js';
}

const KERNELS = { simd: 'WebAssembly SIMD', js: 'JavaScript' };

const NAMES_EN: Record<ScheduleKind, string> = {
  row: 'Row-by-row',
  zigzag: 'Zig-zag block',
  column: 'Column-by-column',
};
const NAMES_ZH: Record<ScheduleKind, string> = { row: '逐行', zigzag: '之字形块', column: '逐列' };
const OVER_EN = ' (needs more than the 80% of memory the cost model plans for)';
const OVER_ZH = '（需要的内存超过成本模型预留的 80%）';

export const text = bilingual({
  en: {
    names: NAMES_EN,
    stepOf: (step: number, total: number) => `${step} of ${total}`,
    play: 'Play',
    pause: 'Pause',
    loadsSoFar: 'Weight loads so far',
    rowWouldNeed: 'Row-by-row would need',
    mostKv: 'Most KV caches alive',
    loadsOf: (loads: number, total: number) => `${count(loads)} of ${count(total)}`,
    liveOf: (live: number, batches: number) => `${live} of ${plural(batches, 'batch', 'batches')}`,
    gridCaption: (batches: number, step: number) =>
      `Grid of ${plural(batches, 'GPU batch', 'GPU batches')} × 3 tokens × 4 layers; ${step} squares computed.`,
    gridNote:
      'Each square is one GPU batch through one layer for one token; same colour, same layer weights. Solid squares are computed, the outlined one is the latest.',
    block: 'OPT-175B block',
    throughput: 'Throughput',
    latency: 'Latency per block',
    sequences: (n: number) => plural(n, 'sequence', 'sequences'),
    modelNote:
      "Block sequences = GPU batch size × batches per block. Throughput and latency from FlexGen's cost model for OPT-175B on a T4 with the paper's placement (weights half CPU, half disk; cache on disk) ",
    modelled: KIT.en.badge.modelled,
    over: OVER_EN,
    end: '.',
    runButton: 'Run our model this way',
    runNote: (batches: number) =>
      `The button runs our own model (target-v1) in your browser under this schedule: ${plural(batches, 'GPU batch', 'GPU batches')} of ${plural(RUN_GBS, 'sequence', 'sequences')}, ${RUN_TOKENS} new tokens each, every layer's weights read from a byte-counting store once per block per token.`,
    nbTooBig: (nb: number, batches: number) =>
      `sched.nb=${nb} is more than the ${plural(batches, 'batch', 'batches')}, so ${batches} is used.`,
    couldNotRun: 'Could not run the model',
    chartLabel: 'Computation grid: GPU batches by token and layer',
    tokenLayerAxis: 'token · layer',
    batchAxis: 'GPU batch',
    layer: (l: number) => `layer ${l}`,
    summaryText: (v: ScheduleValues) => {
      const s = scheduleView(v);
      const m = modelled(v);
      return `${NAMES_EN[v.order]} over ${plural(v.batches, 'GPU batch', 'GPU batches')}, ${s.block} at a time: after ${count(s.step)} of ${count(s.total)} squares, ${count(s.counts.weightLoads)} weight loads (${count(s.totalLoads)} for the whole grid; row-by-row needs ${count(s.rowLoads)}, column-by-column ${count(s.columnLoads)}); at most ${plural(s.counts.peakLiveRows, "batch's KV cache", "batches' KV caches")} alive at once. Modelled OPT-175B on a T4 with blocks of ${plural(m.bls, 'sequence', 'sequences')}: ${tokensPerSecond(m.throughput)}, each block taking ${duration(m.latencyMs)}${m.fits ? '' : OVER_EN}.`;
    },
    /** What the run on our model reported, in a sentence (measured in the reader's browser). */
    runText: (v: ScheduleValues, r: RunReport) =>
      `target-v1, ${plural(v.batches, 'GPU batch', 'GPU batches')} of ${plural(RUN_GBS, 'sequence', 'sequences')}, ${blockOf(v)} per block, ${RUN_TOKENS} tokens each: ${count(r.weightLoads)} layer-weight loads (the schedule's arithmetic says ${count(r.expectedWeightLoads)}), ${bytes(r.weightBytesPerToken)} of weights read per generated token, ${tokensPerSecond(r.tokensPerSecond)} on the lean engine (${KERNELS[r.kernels]}) in this browser.`,
  },
  zh: {
    names: NAMES_ZH,
    stepOf: (step: number, total: number) => `${step} / ${total}`,
    play: '播放',
    pause: '暂停',
    loadsSoFar: '目前为止的权重加载',
    rowWouldNeed: '逐行调度需要',
    mostKv: '同时存活的 KV 缓存最多',
    loadsOf: (loads: number, total: number) => `${count(loads)} / ${count(total)}`,
    liveOf: (live: number, batches: number) => `${batches} 个批次中的 ${live} 个`,
    gridCaption: (batches: number, step: number) =>
      `${count(batches)} 个 GPU 批次 × 3 个词元 × 4 层的网格；已计算 ${step} 个方格。`,
    gridNote: '每个方格是一个 GPU 批次在一个词元上经过一层；同色即同一层的权重。实心方格已计算，带框的是最近一个。',
    block: 'OPT-175B 块',
    throughput: '吞吐量',
    latency: '每块延迟',
    sequences: (n: number) => `${count(n)} 条序列`,
    modelNote:
      '块内序列数 = GPU 批大小 × 每块批次数。吞吐量与延迟来自 FlexGen 的成本模型：OPT-175B 在 T4 上，采用论文的放置方案（权重一半在 CPU、一半在磁盘；缓存在磁盘）',
    modelled: KIT.zh.badge.modelled,
    over: OVER_ZH,
    end: '。',
    runButton: '按此调度运行我们的模型',
    runNote: (batches: number) =>
      `按下按钮，会在你的浏览器中按此调度运行我们自己的模型（target-v1）：${count(batches)} 个 GPU 批次，每批 ${count(RUN_GBS)} 条序列，每条生成 ${RUN_TOKENS} 个新词元，每层权重每块每个词元从一个计字节的存储中读取一次。`,
    nbTooBig: (nb: number, batches: number) => `sched.nb=${nb} 超过了批次数 ${batches}，改用 ${batches}。`,
    couldNotRun: '无法运行模型',
    chartLabel: '计算网格：GPU 批次 × 词元与层',
    tokenLayerAxis: '词元 · 层',
    batchAxis: 'GPU 批次',
    layer: (l: number) => `第 ${l} 层`,
    summaryText: (v: ScheduleValues) => {
      const s = scheduleView(v);
      const m = modelled(v);
      return `${NAMES_ZH[v.order]}调度，${count(v.batches)} 个 GPU 批次，每次 ${s.block} 个：计算了 ${count(s.total)} 个方格中的 ${count(s.step)} 个后，权重加载 ${count(s.counts.weightLoads)} 次（整个网格共 ${count(s.totalLoads)} 次；逐行需要 ${count(s.rowLoads)} 次，逐列 ${count(s.columnLoads)} 次）；同时最多有 ${count(s.counts.peakLiveRows)} 个批次的 KV 缓存存活。建模估计 OPT-175B 在 T4 上、每块 ${count(m.bls)} 条序列：${tokensPerSecond(m.throughput)}，每块耗时 ${duration(m.latencyMs)}${m.fits ? '' : OVER_ZH}。`;
    },
    runText: (v: ScheduleValues, r: RunReport) =>
      `target-v1，${count(v.batches)} 个 GPU 批次，每批 ${count(RUN_GBS)} 条序列，每块 ${blockOf(v)} 批，每条 ${RUN_TOKENS} 个词元：层权重加载 ${count(r.weightLoads)} 次（按调度计算应为 ${count(r.expectedWeightLoads)} 次），每生成一个词元读取 ${bytes(r.weightBytesPerToken)} 权重，在此浏览器的精简引擎（${KERNELS[r.kernels]}）上为 ${tokensPerSecond(r.tokensPerSecond)}。`,
  },
});
