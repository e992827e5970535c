// NeuronCacheSim's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's,
// the charts' and the sentences on one replay.
import { vectorBytes, type VectorSize } from '../../../lib/hardware/neuron-bytes.ts';
import type { MissRead } from '../../../lib/hardware/storage-curve.ts';
import type { CachePoint } from '../../../lib/sparsity/cache-sweep.ts';
import { bandwidth, bytes, percent } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { cacheFigures } from './model.ts';
import type { CacheValues } from './params.ts';

type Settings = Pick<CacheValues, 'hot' | 'bundle'>;

export const text = bilingual({
  en: {
    storage: 'Storage',
    neuronLabel: (neuron: VectorSize, nEmbd: number) =>
      neuron === 'ours'
        ? `ours: ${bytes(vectorBytes('ours', nEmbd))} per vector (${nEmbd} × fp32)`
        : `7B, ${neuron.toUpperCase()}: ${bytes(vectorBytes(neuron, nEmbd))} per vector`,
    atBuild: (tokens: string, model: string) =>
      `Replayed at build time: ${tokens} tokens of held-out text through ${model}. Moves live once this figure is on screen.`,
    noModel: 'No trained model yet: this figure fills in once public/models/ has one.',
    results: {
      hit: 'Hit rate (all needed neurons)',
      hotCold: 'Hot region / cold region hits',
      misses: 'Missed neurons per token',
      reads: 'Flash reads per token',
      bytes: 'Bytes fetched per token (4 KiB blocks)',
      io: 'Flash time per token',
    },
    measured: KIT.en.badge.measured,
    fromMisses: 'from our misses',
    fromMissesBytes: 'from our misses × vector size',
    simulatedUfs: 'simulated, UFS 4.0 figures',
    sizes:
      "A 7B model's vectors are 4096 weights: in INT4, 2 KiB of weights and 0.5 KiB of fp16 scales; in FP16, 8 KiB ",
    sizesAfter: (nEmbd: number) =>
      `. Ours are ${nEmbd} fp32 weights. Only the bytes change with the size; which neurons hit or miss does not.`,
    sweepNote: "Hit rates are measured by replaying our model's activations; flash time is simulated.",
    ufsNote: (r4: string, r512: string, s4: string, s512: string) =>
      `How fast UFS 4.0 reads, by read size. Filled marks are PowerInfer-2's figures: random reads ${r4} at 4 KB and ${r512} at 512 KB, sequential ${s4} at 4 KB and ${s512} at 512 KB `,
    ufsNoteAfter: (crossKb: number) =>
      `. The dashed line between them is our log-linear interpolation; the ringed mark is this widget's cold read. Below ${crossKb} KB sequential reads draw slower than random ones: at 4 KB that is the paper's own pair of figures, and where the lines cross is our interpolation's doing, not a measurement.`,
    replayedHere: (model: string) =>
      `Replayed in your browser through ${model}. Move the sliders; every memory size on the grid is ready.`,
    replaying: 'Replaying the trace through the cache in the worker…',
    /** One sentence for the live summary and the caption. */
    cacheSentence: (pt: CachePoint, v: Settings) => {
      const f = cacheFigures(pt);
      return (
        `With ${percent(pt.memory, 0)} of the FFN's weights in memory (${percent(v.hot, 0)} of it for hot clusters, ${v.bundle ? 'bundled' : 'unbundled'} reads): ` +
        `${f.hit} of needed neurons are already in memory (hot region ${f.hotHit}, cold region ${f.coldHit}); ` +
        `each token misses ${f.misses} neurons, issues ${f.reads} flash reads and fetches ${f.bytes}, ` +
        `about ${f.io} of flash time on a UFS 4.0 phone (simulated).`
      );
    },
    /** What one cold miss reads, in words. */
    missSentence: (read: MissRead) => {
      const twice = read.reads === 2;
      return (
        `One cold miss reads ${bytes(read.request)}${twice ? ' twice (up, then down)' : ' (up and down together)'}, fetched as ` +
        `${bytes(read.fetched)} of whole 4 KiB blocks${twice ? ' each' : ''}, at ${bandwidth(read.bandwidth)} on the random-read curve.`
      );
    },
    hitLabel: 'Hit rate against memory size',
    ioLabel: 'Simulated flash time per token against memory size',
    memoryAxis: (narrow: boolean): string => (narrow ? 'memory (share of FFN)' : 'memory (share of all FFN weights)'),
    hitAxis: 'hit rate (measured)',
    ioAxis: 'flash ms per token (simulated)',
    ufsLabel: 'UFS 4.0 read bandwidth against read size, random and sequential',
    pattern: { random: 'random', sequential: 'sequential' },
    ufsPoint: (pattern: string, size: string, bw: string) => `${pattern} reads of ${size}: ${bw}`,
    ufsDescription: (points: string[]) => `${points.join('; ')} (PowerInfer-2, §2.3.2).`,
    readSizeAxis: 'size of one read',
    bandwidthAxis: 'bandwidth (GB/s)',
  },
  zh: {
    storage: '存储方式',
    neuronLabel: (neuron: VectorSize, nEmbd: number) =>
      neuron === 'ours'
        ? `我们的模型：每个向量 ${bytes(vectorBytes('ours', nEmbd))}（${nEmbd} × fp32）`
        : `7B，${neuron.toUpperCase()}：每个向量 ${bytes(vectorBytes(neuron, nEmbd))}`,
    atBuild: (tokens: string, model: string) =>
      `构建时回放：${tokens} 个留出文本词元经过 ${model}。此图出现在屏幕上后即可实时调节。`,
    noModel: '尚无训练好的模型：public/models/ 中有模型后，此图才会填充。',
    results: {
      hit: '命中率（所有需要的神经元）',
      hotCold: '热区 / 冷区命中率',
      misses: '每个词元未命中的神经元',
      reads: '每个词元的闪存读取次数',
      bytes: '每个词元读取的字节（4 KiB 块）',
      io: '每个词元的闪存时间',
    },
    measured: KIT.zh.badge.measured,
    fromMisses: '由我们的未命中得出',
    fromMissesBytes: '由我们的未命中 × 向量大小得出',
    simulatedUfs: '模拟，采用 UFS 4.0 数据',
    sizes: '7B 模型的向量有 4096 个权重：INT4 时为 2 KiB 权重加 0.5 KiB fp16 缩放因子；FP16 时为 8 KiB ',
    sizesAfter: (nEmbd: number) =>
      `。我们的向量是 ${nEmbd} 个 fp32 权重。大小只改变字节数，不改变哪些神经元命中或未命中。`,
    sweepNote: '命中率通过回放我们模型的激活测得；闪存时间为模拟值。',
    ufsNote: (r4: string, r512: string, s4: string, s512: string) =>
      `UFS 4.0 的读取速度随每次读取大小的变化。实心标记是 PowerInfer-2 的数据：随机读取 4 KB 时 ${r4}、512 KB 时 ${r512}，顺序读取 4 KB 时 ${s4}、512 KB 时 ${s512} `,
    ufsNoteAfter: (crossKb: number) =>
      `。两点之间的虚线是我们的对数线性插值；带圈的标记是本组件中一次冷读取。${crossKb} KB 以下顺序读取画得比随机读取慢：4 KB 处是论文自己给出的一对数据，两线交叉的位置则来自我们的插值，并非测量。`,
    replayedHere: (model: string) => `已在你的浏览器中经 ${model} 回放。拖动滑块即可：网格上每种内存大小都已算好。`,
    replaying: '正在 worker 中让轨迹回放经过缓存…',
    cacheSentence: (pt: CachePoint, v: Settings) => {
      const f = cacheFigures(pt);
      return (
        `FFN 权重的 ${percent(pt.memory, 0)} 放在内存中（其中 ${percent(v.hot, 0)} 给热簇，${v.bundle ? '捆绑' : '不捆绑'}读取）：` +
        `所需神经元中有 ${f.hit} 已在内存中（热区 ${f.hotHit}，冷区 ${f.coldHit}）；` +
        `每个词元未命中 ${f.misses} 个神经元，发出 ${f.reads} 次闪存读取，读取 ${f.bytes}，` +
        `在 UFS 4.0 手机上约需 ${f.io} 闪存时间（模拟）。`
      );
    },
    missSentence: (read: MissRead) => {
      const twice = read.reads === 2;
      return (
        `一次冷未命中${twice ? '分两次（先上投影，后下投影）' : '一次（上投影与下投影一起）'}读取 ${bytes(read.request)}，` +
        `${twice ? '每次' : ''}按整 4 KiB 块取回 ${bytes(read.fetched)}，按随机读取曲线速度为 ${bandwidth(read.bandwidth)}。`
      );
    },
    hitLabel: '命中率随内存大小的变化',
    ioLabel: '每个词元的模拟闪存时间随内存大小的变化',
    memoryAxis: (narrow: boolean) => (narrow ? '内存（占 FFN 的比例）' : '内存（占全部 FFN 权重的比例）'),
    hitAxis: '命中率（测得）',
    ioAxis: '每个词元的闪存 ms（模拟）',
    ufsLabel: 'UFS 4.0 读取带宽随读取大小的变化，随机与顺序',
    pattern: { random: '随机', sequential: '顺序' },
    ufsPoint: (pattern: string, size: string, bw: string) => `${pattern}读取 ${size}：${bw}`,
    ufsDescription: (points: string[]) => `${points.join('；')}（PowerInfer-2，§2.3.2）。`,
    readSizeAxis: '单次读取大小',
    bandwidthAxis: '带宽（GB/s）',
  },
});
