// AlphaSlider's words in both editions (labels live in params.ts with their `zh`; the models' names are
// QuantizeIt's): the captions, the charts' titles, axes, legend and descriptions, and the sentence for the chosen α.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { percent, sig } from '../_kit/format.ts';
import type { AlphaPoint } from '../../../lib/quant/experiment.ts';

/** The selected grid point, the best one, and what the sentence needs to say about the layer. */
export interface AlphaView {
  layer: string;
  point: AlphaPoint;
  best: AlphaPoint;
  atBest: boolean;
  salientChannel: number;
}

export const text = bilingual({
  en: {
    missing: 'target-v1 is not in public/models, so there is no layer to quantize.',
    atRuntime: 'The curve for this layer is computed when the page runs.',
    computing: 'Computing the curve for these settings…',
    measured: KIT.en.badge.measured,
    errorCaption: (windows: number) =>
      `The layer's output error on the calibration inputs at each α of AWQ's grid, relative to plain round-to-nearest (α = 0). Calibration: ${windows} windows of 128 training tokens.`,
    stepsCaption:
      "Each weight's effective step after scaling, (Δ'/s)/Δ: its group's new step brought back to its own units, against the old step (log scale). Solid: the median over all weights. Dashed: the most activated input channel, which the scaling protects when this is below 1.",
    offGrid: (a: number, grid: number) => `${sig(a, 2)} (grid: ${sig(grid, 2)})`,
    errorLabel: (layer: string) => `Output error of ${layer} against α, relative to round-to-nearest`,
    errorPoint: (p: AlphaPoint) => `α ${sig(p.alpha, 2)}: ${percent(p.relError)}`,
    errorAxis: 'error / RTN error',
    best: 'best',
    stepsLabel: (layer: string) => `Effective quantization step of ${layer}'s weights against α`,
    stepsPoint: (p: AlphaPoint) =>
      `α ${sig(p.alpha, 2)}: effective step ratio ${sig(p.stepRatio, 3)} for the median weight (coarser for ${percent(p.grewShare)}), ${sig(p.salientFactor, 3)} for the most activated channel`,
    stepsAxis: "effective step (Δ'/s)/Δ",
    allWeights: 'all weights (median)',
    salient: 'most activated channel',
    join: '; ',
    sentence: ({ layer, point: p, best: b, atBest, salientChannel }: AlphaView) => {
      const where = atBest
        ? `the best α of the grid (${percent(b.relError)} of round-to-nearest's error)`
        : `output error ${percent(p.relError)} of round-to-nearest's, ${percent(p.relError / b.relError - 1)} more than at the best α = ${sig(b.alpha, 2)} (${percent(b.relError)})`;
      return (
        `${layer}, α = ${sig(p.alpha, 2)}: ${where}. Weights' effective step (Δ'/s)/Δ: median ${sig(p.stepRatio, 3)},` +
        ` coarser for ${percent(p.grewShare)} of them; for the most activated channel (${salientChannel}): ${sig(p.salientFactor, 3)}.`
      );
    },
  },
  zh: {
    missing: 'public/models 中没有 target-v1，因此没有可量化的层。',
    atRuntime: '这一层的曲线会在页面运行时计算。',
    computing: '正在为这些设置计算曲线……',
    measured: KIT.zh.badge.measured,
    errorCaption: (windows: number) =>
      `在 AWQ 网格的每个 α 下，该层在校准输入上的输出误差，相对于普通就近舍入（α = 0）。校准数据：${windows} 个由 128 个训练词元组成的窗口。`,
    stepsCaption:
      "缩放后每个权重的有效步长 (Δ'/s)/Δ：把所在分组的新步长换算回该权重自身的单位，再与原步长相比（对数坐标）。实线：所有权重的中位数。虚线：激活最大的输入通道；该值小于 1 时，缩放保护了这个通道。",
    offGrid: (a: number, grid: number) => `${sig(a, 2)}（网格点：${sig(grid, 2)}）`,
    errorLabel: (layer: string) => `${layer} 的输出误差随 α 的变化，相对于就近舍入`,
    errorPoint: (p: AlphaPoint) => `α ${sig(p.alpha, 2)}：${percent(p.relError)}`,
    errorAxis: '误差 / RTN 误差',
    best: '最佳',
    stepsLabel: (layer: string) => `${layer} 权重的有效量化步长随 α 的变化`,
    stepsPoint: (p: AlphaPoint) =>
      `α ${sig(p.alpha, 2)}：中位权重的有效步长比为 ${sig(p.stepRatio, 3)}（${percent(p.grewShare)} 的权重变粗），激活最大的通道为 ${sig(p.salientFactor, 3)}`,
    stepsAxis: "有效步长 (Δ'/s)/Δ",
    allWeights: '所有权重（中位数）',
    salient: '激活最大的通道',
    join: '；',
    sentence: ({ layer, point: p, best: b, atBest, salientChannel }: AlphaView) => {
      const where = atBest
        ? `网格中的最佳 α（误差为就近舍入的 ${percent(b.relError)}）`
        : `输出误差为就近舍入的 ${percent(p.relError)}，比最佳 α = ${sig(b.alpha, 2)} 时（${percent(b.relError)}）多 ${percent(p.relError / b.relError - 1)}`;
      return (
        `${layer}，α = ${sig(p.alpha, 2)}：${where}。权重的有效步长 (Δ'/s)/Δ：中位数 ${sig(p.stepRatio, 3)}，` +
        `其中 ${percent(p.grewShare)} 的权重步长变粗；激活最大的通道（${salientChannel}）：${sig(p.salientFactor, 3)}。`
      );
    },
  },
});
