// LoraSpectrum's words in both editions (labels live in params.ts with their `zh`): the adapters' names, the
// progress lines, the captions, both charts' titles, axes and descriptions, and the summary.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, decimal } from '../_kit/format.ts';
import type { SpectrumData } from './model.ts';

const list = (xs: number[], digits: number) => xs.map((x) => decimal(x, digits)).join(', ');

export const text = bilingual({
  en: {
    /** An adapter as charts and sentences name it ("r2", "yours"). */
    adapter: (x: string) => x,
    option: (x: string) => (x === 'yours' ? 'yours (train one above)' : `r = ${x.slice(1)}`),
    atBuild: 'Measured on the shipped adapters at build time.',
    atStart: 'Computed when the widget starts.',
    measured: KIT.en.badge.measured,
    chartCaption: 'Singular values of ΔW for both adapters (at most r are non-zero).',
    heatmapCaption:
      "φ(i, j) = ‖U_Aⁱᵀ U_Bʲ‖²_F / min(i, j): how much of A's top-i input directions lie in B's top-j (Eq. 4 of arXiv 2106.09685). Darker is more overlap; random directions in 128 dimensions give about j/128.",
    analysing: 'Analysing these adapters in the worker…',
    inBrowser: (a: string, b: string, target: string) => `Measured in your browser: ${a} against ${b}, ${target}.`,
    couldNot: 'Could not analyse',
    singularLabel: (target: string) => `Singular values of ΔW, ${target}`,
    singularAxis: 'singular value index',
    heatmapLabel: (a: string, b: string, target: string) =>
      `Subspace similarity φ(i, j) between ${a} and ${b}, ${target}`,
    jAxis: (b: string) => `j (top directions of ${b})`,
    iAxis: (a: string) => `i (${a})`,
    summary: (d: SpectrumData, a: string, b: string) => {
      const top = d.similarity[0] ?? [];
      return (
        `${d.target}: singular values of ΔW for ${a} ${list(d.singular.a, 3)}; for ${b} ${list(d.singular.b, 3)}. ` +
        `Overlap of ${a}'s top direction with ${b}'s top 1 to ${count(top.length)} directions: ${list(top, 2)} (1 = contained, 0 = orthogonal).`
      );
    },
  },
  zh: {
    adapter: (x: string) => (x === 'yours' ? '你的适配器' : x),
    option: (x: string) => (x === 'yours' ? '你的适配器（在上方训练一个）' : `r = ${x.slice(1)}`),
    atBuild: '构建时在随站点发布的适配器上测得。',
    atStart: '组件启动时计算。',
    measured: KIT.zh.badge.measured,
    chartCaption: '两个适配器的 ΔW 的奇异值（至多 r 个非零）。',
    heatmapCaption:
      'φ(i, j) = ‖U_Aⁱᵀ U_Bʲ‖²_F / min(i, j)：A 的前 i 个输入方向有多少落在 B 的前 j 个方向张成的子空间里（arXiv 2106.09685 的公式 4）。颜色越深重叠越多；128 维中的随机方向约为 j/128。',
    analysing: '正在 worker 中分析这两个适配器……',
    inBrowser: (a: string, b: string, target: string) => `在你的浏览器中测得：${a} 对比 ${b}，${target}。`,
    couldNot: '无法分析',
    singularLabel: (target: string) => `ΔW 的奇异值，${target}`,
    singularAxis: '奇异值序号',
    heatmapLabel: (a: string, b: string, target: string) => `${a} 与 ${b} 的子空间相似度 φ(i, j)，${target}`,
    jAxis: (b: string) => `j（${b} 的前几个方向）`,
    iAxis: (a: string) => `i（${a}）`,
    summary: (d: SpectrumData, a: string, b: string) => {
      const top = d.similarity[0] ?? [];
      // A space only between a Latin name ("r2") and the Chinese after it, not after 你的适配器.
      const of = (x: string) => (/[\u4e00-\u9fff]$/.test(x) ? `${x}的` : `${x} 的`);
      return (
        `${d.target}：${of(a)} ΔW 奇异值为 ${list(d.singular.a, 3)}；${of(b)} ΔW 奇异值为 ${list(d.singular.b, 3)}。` +
        `${of(a)}首要方向与 ${of(b)}前 1 到 ${count(top.length)} 个方向的重叠：${list(top, 2)}（1 = 完全包含，0 = 正交）。`
      );
    },
  },
});
