// Roofline's words in both editions (the tree slider's label lives in params.ts with its `zh`). Numbers go through
// the kit's formatters and model.ts's unit formatters, so both editions show the same digits.
import type { Roofline } from '../../../lib/engine/roofline.ts';
import { bilingual } from '../../i18n/text.ts';
import { bandwidth, bytes, count, percent } from '../_kit/format.ts';
import { type Bound, gflops, type Measured, perByte, ridge, runFacts } from './model.ts';

/** The passes' intensities before a run, as passIntensities lists them: fp32 one token, fp32 tree, int4 one token. */
type Before = { tree: number; intensities: number[] };

const mib = (roof: Roofline) => count(Math.round(roof.memoryBytes / 2 ** 20));

const roofEn = (roof: Roofline) =>
  `Your device: compute roof ${gflops(roof.computeGflops)} (the ${roof.kernels === 'simd' ? 'WebAssembly SIMD' : 'plain-JavaScript'} ` +
  `matrix-vector kernel on a ${roof.computeShape.join(' × ')} matrix that stays in cache), memory roof ` +
  `${bandwidth(roof.memoryGBs * 1e9)} (the same kernel streaming ${mib(roof)} MiB), ` +
  `so the ridge is at ${perByte(ridge(roof))}.`;

const roofZh = (roof: Roofline) =>
  `你的设备：计算屋顶 ${gflops(roof.computeGflops)}（${roof.kernels === 'simd' ? 'WebAssembly SIMD' : '纯 JavaScript'} ` +
  `矩阵–向量内核，作用于一直留在缓存中的 ${roof.computeShape.join(' × ')} 矩阵），内存屋顶 ` +
  `${bandwidth(roof.memoryGBs * 1e9)}（同一内核流式读取 ${mib(roof)} MiB），` +
  `因此脊点位于 ${perByte(ridge(roof))}。`;

export const text = bilingual({
  en: {
    measure: 'Measure my device',
    staticChart: "The roofline is drawn from your device's measurements when you press Measure.",
    chartCaption:
      'Log–log axes. The line is the roofline: the memory roof (bytes per second × FLOP per byte) up to the ridge, the compute roof after it. Numbered dots are the passes in the table: hollow fp32, filled int4. A dot above the memory roof read its weights from cache.',
    tableLabel: 'Decode passes of target-v1 on the roofline',
    tableCaption:
      "target-v1 after a 64-token prompt; intensity from the model's shapes, rates measured in your browser",
    measuredTag: 'measured',
    columns: ['#', 'engine', 'weights', 'pass', 'FLOP/byte', 'GFLOP/s', 'roof there', 'share', 'tokens/s'],
    anyEngine: 'any',
    passName: (tokens: number) => (tokens === 1 ? 'one token' : `tree of ${tokens}`),
    bound: (b: Bound): string => (b === 'cache' ? 'compute: weights in cache' : b),
    staleTree: 'The figures are for another tree: press Measure to time this one.',
    chartLabel: 'Roofline of your device: GFLOP/s against FLOP per byte, with target-v1 decode passes',
    xLabel: 'arithmetic intensity (FLOP/byte)',
    computeRoof: 'compute roof',
    memoryRoof: 'memory roof',
    before: ({ tree, intensities: [one, treePass, int4] }: Before) =>
      `Before measuring: one fp32 token of target-v1 does ${perByte(one)} (one multiply-add per 4-byte weight), ` +
      `a tree of ${tree} tokens ${perByte(treePass)}, one int4 token ${perByte(int4)}. ` +
      'Press Measure to time your device (about 5 to 15 seconds).',
    roofSentence: roofEn,
    /** What the run says, in words: the roofs, then the fastest one-token fp32 pass against the roof above it. */
    summary(m: Measured): string {
      const { best, memoryRoof, tfjs, over } = runFacts(m);
      const parts = [roofEn(m.roof)];
      if (best)
        parts.push(
          `One fp32 token of target-v1 does one multiply-add (2 FLOP) per 4-byte weight: ${perByte(best.intensity)} with the ` +
            `KV cache, so from memory it could reach ${gflops(memoryRoof)}. ${best.engine} reaches ${gflops(best.gflops)} ` +
            `(${count(Math.round(best.tokensPerSec))} tokens/s)` +
            (best.bound === 'cache'
              ? `: above the memory roof, because the pass's ${bytes(best.bytes)} stay in your device's cache; ` +
                `that is ${percent(best.share)} of the compute roof. A model larger than the cache would sit on the memory roof.`
              : `, ${percent(best.share)} of the roof there (${best.bound}-bound).`) +
            (tfjs ? ` tfjs reaches ${gflops(tfjs.gflops)}.` : ''),
        );
      if (over.length)
        parts.push(
          `${over.length === 1 ? 'Pass' : 'Passes'} ${over.join(', ')} ran faster than the roof the probe measured: ` +
            'other work on your device slowed the probe more than the pass. Measure again for a steadier roof.',
        );
      return parts.join(' ');
    },
  },
  zh: {
    measure: '测量我的设备',
    staticChart: '按下“测量”后，将根据你的设备的测量结果绘制屋顶线。',
    chartCaption:
      '双对数坐标。折线即屋顶线：脊点之前是内存屋顶（每秒字节数 × 每字节 FLOP），之后是计算屋顶。带编号的点是表中的各次前向：空心为 fp32，实心为 int4。位于内存屋顶之上的点，其权重是从缓存读取的。',
    tableLabel: 'target-v1 各次解码前向在屋顶线上的位置',
    tableCaption: 'target-v1，提示长 64 个词元；算术强度由模型形状算出，速率在你的浏览器中测得',
    measuredTag: '实测',
    columns: ['#', '引擎', '权重', '前向', 'FLOP/byte', 'GFLOP/s', '该处屋顶', '占比', '词元/秒'],
    anyEngine: '任意',
    passName: (tokens: number) => (tokens === 1 ? '单个词元' : `${tokens} 个词元的树`),
    bound: (b: Bound) => (b === 'cache' ? '计算受限：权重在缓存中' : b === 'memory' ? '访存受限' : '计算受限'),
    staleTree: '这些数字属于另一棵树：按“测量”为当前这棵计时。',
    chartLabel: '你的设备的屋顶线：GFLOP/s 随每字节 FLOP 的变化，以及 target-v1 的解码前向',
    xLabel: '算术强度（FLOP/byte）',
    computeRoof: '计算屋顶',
    memoryRoof: '内存屋顶',
    before: ({ tree, intensities: [one, treePass, int4] }: Before) =>
      `测量之前：target-v1 的单个 fp32 词元为 ${perByte(one)}（每个 4 字节权重一次乘加），` +
      `${tree} 个词元的树为 ${perByte(treePass)}，单个 int4 词元为 ${perByte(int4)}。` +
      '按“测量”为你的设备计时（约 5 到 15 秒）。',
    roofSentence: roofZh,
    summary(m: Measured): string {
      const { best, memoryRoof, tfjs, over } = runFacts(m);
      const parts = [roofZh(m.roof)];
      if (best)
        parts.push(
          `target-v1 的单个 fp32 词元对每个 4 字节权重做一次乘加（2 FLOP）：算上 KV 缓存为 ${perByte(best.intensity)}，` +
            `因此从内存读取最多能达到 ${gflops(memoryRoof)}。${best.engine} 达到 ${gflops(best.gflops)}` +
            `（${count(Math.round(best.tokensPerSec))} 词元/秒）` +
            (best.bound === 'cache'
              ? `，高于内存屋顶，因为这次前向的 ${bytes(best.bytes)} 留在了你的设备的缓存中；` +
                `这是计算屋顶的 ${percent(best.share)}。比缓存大的模型会落在内存屋顶上。`
              : `，为该处屋顶的 ${percent(best.share)}（${best.bound === 'memory' ? '访存受限' : '计算受限'}）。`) +
            (tfjs ? `tfjs 达到 ${gflops(tfjs.gflops)}。` : ''),
        );
      if (over.length)
        parts.push(
          `第 ${over.join('、')} 次前向比探测测得的屋顶还快：你的设备上的其他任务拖慢探测的程度超过了拖慢前向的程度。` +
            '再测一次可得到更稳定的屋顶。',
        );
      return parts.join('');
    },
  },
});
