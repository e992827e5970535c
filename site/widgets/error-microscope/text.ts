// ErrorMicroscope's words in both editions (labels live in params.ts with their `zh`): captions, the chart's title,
// rows and axis, the stale line, the out-of-range note and the sentences on the group and on the Monte Carlo.
import { bilingual } from '../../i18n/text.ts';
import { count, percent, sig, times } from '../_kit/format.ts';
import type { GroupScaling, MonteCarlo } from '../../../lib/quant/microscope.ts';

/** The example group as its sentence states it. */
export type GroupView = GroupScaling & { w: number[]; salient: number };

export const text = bilingual({
  en: {
    lineCaption:
      "Ticks are the grid points each weight can round to; hollow dots are the weights, filled dots their rounded values. Orange: the salient weight (shown on its own grid Δ'/s after scaling).",
    simulated: 'simulated: Gaussian weights, symmetric quantizer',
    running: 'Running 10,000 random groups in the worker…',
    chartLabel: 'One quantization group on a number line, before and after scaling one weight',
    rows: ['before: step Δ', "after: others, Δ'", "after: salient, Δ'/s"],
    xAxis: 'weight value',
    outOfRange: (label: string, raw: string, whole: boolean, min: number, max: number) =>
      `${label}: “${raw}” is not ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}; the widget still shows the last valid value.`,
    group: (g: GroupView, s: number) =>
      `Weight ${sig(g.w[g.salient], 3)} times s = ${sig(s, 3)}: ` +
      (g.scaledStep !== g.step
        ? `it becomes the group's largest, so the step grows from ${sig(g.step, 3)} to ${sig(g.scaledStep, 3)} (${times(g.scaledStep / g.step)}) for all 8 weights. `
        : `the step stays ${sig(g.step, 3)}. `) +
      `Its error after dividing by s: ${sig(g.outputErrAfter, 2)} against ${sig(g.outputErrBefore, 2)} unscaled.`,
    monteCarlo: (m: MonteCarlo, s: number) =>
      `${count(m.groups)} random groups of 128, one weight scaled by ${sig(s, 3)}: the step changed in ${percent(m.changedShare)} of groups ` +
      `(mean Δ'/Δ ${sig(m.meanStepRatio, 4)}); the salient weight's error fell to ${percent(m.errorRatio)} of unscaled ` +
      `against the paper's estimate (Δ'/Δ)/s = ${percent(m.predictedRatio)}; its rounding error averaged ${sig(m.meanRoundErrBefore, 3)} steps before ` +
      `and ${sig(m.meanRoundErrAfterUnchanged, 3)} after in groups whose step did not change; other weights' error ×${sig(m.othersErrorRatio, 3)}.`,
  },
  zh: {
    lineCaption:
      "刻度线是每个权重可以舍入到的网格点；空心点是权重，实心点是舍入后的值。橙色：显著权重（缩放后画在它自己的网格 Δ'/s 上）。",
    simulated: '模拟：高斯分布的权重，对称量化器',
    running: '正在 worker 中运行 10,000 个随机分组……',
    chartLabel: '数轴上的一个量化分组：缩放一个权重之前与之后',
    rows: ['之前：步长 Δ', "之后：其他权重，Δ'", "之后：显著权重，Δ'/s"],
    xAxis: '权重值',
    outOfRange: (label: string, raw: string, whole: boolean, min: number, max: number) =>
      `${label}：“${raw}”不是 ${min} 到 ${max} 之间的${whole ? '整数' : '数'}；组件仍显示上一个有效值。`,
    group: (g: GroupView, s: number) =>
      `权重 ${sig(g.w[g.salient], 3)} 乘以 s = ${sig(s, 3)}：` +
      (g.scaledStep !== g.step
        ? `它成为组内最大的权重，于是全部 8 个权重的步长从 ${sig(g.step, 3)} 增至 ${sig(g.scaledStep, 3)}（${times(g.scaledStep / g.step)}）。`
        : `步长保持 ${sig(g.step, 3)}。`) +
      `除以 s 之后它的误差为 ${sig(g.outputErrAfter, 2)}，未缩放时为 ${sig(g.outputErrBefore, 2)}。`,
    monteCarlo: (m: MonteCarlo, s: number) =>
      `${count(m.groups)} 个 128 权重的随机分组，每组一个权重乘以 ${sig(s, 3)}：${percent(m.changedShare)} 的分组步长发生了变化` +
      `（Δ'/Δ 平均 ${sig(m.meanStepRatio, 4)}）；显著权重的误差降到未缩放时的 ${percent(m.errorRatio)}，` +
      `论文的估计 (Δ'/Δ)/s = ${percent(m.predictedRatio)}；在步长未变的分组中，它的舍入误差平均从 ${sig(m.meanRoundErrBefore, 3)} 个步长` +
      `变为 ${sig(m.meanRoundErrAfterUnchanged, 3)} 个；其他权重的误差 ×${sig(m.othersErrorRatio, 3)}。`,
  },
});
