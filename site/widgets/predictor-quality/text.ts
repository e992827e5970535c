// PredictorQuality's words in both editions (the slider's label lives in params.ts with its `zh`). Numbers go through
// the kit's formatters, so both editions show the same digits.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, percent, signedDecimal, signedPercent } from '../_kit/format.ts';
import { perplexityChange, type SweepPoint } from './model.ts';

/** What the predictor's card says about it (the caption above the slider). */
export interface CardView {
  ranks: number[];
  parameters: number;
  shareOfModel: number;
  tokens: number;
}

const pointEn = (p: SweepPoint, nFfn: number) => ({
  head: `Threshold ${p.threshold}`,
  recall: `${percent(p.recall)} of the neurons that fire are predicted (precision ${percent(p.precision)}).`,
  computed: `${percent(p.computedShare)} of neurons computed, about ${count(Math.round(p.computedShare * nFfn))} of ${count(nFfn)} per layer and token.`,
  loss: `Loss ${signedDecimal(p.lossChange, 4)} nats/token vs dense: perplexity ${signedPercent(perplexityChange(p.lossChange))}.`,
});

const pointZh = (p: SweepPoint, nFfn: number) => ({
  head: `阈值 ${p.threshold}`,
  recall: `真正激活的神经元中有 ${percent(p.recall)} 被预测到（精确率 ${percent(p.precision)}）。`,
  computed: `计算了 ${percent(p.computedShare)} 的神经元，即每层每个词元约计算 ${count(nFfn)} 个中的 ${count(Math.round(p.computedShare * nFfn))} 个。`,
  loss: `相对稠密计算，损失变化 ${signedDecimal(p.lossChange, 4)} nats/词元：困惑度变化 ${signedPercent(perplexityChange(p.lossChange))}。`,
});

export const text = bilingual({
  en: {
    /** The sentences for one threshold of the predictor's validation sweep. */
    point: pointEn,
    /** The aria-live summary for one sweep point. */
    summary: (p: SweepPoint, nFfn: number) => {
      const t = pointEn(p, nFfn);
      return `${t.head}: ${t.recall} ${t.computed} ${t.loss}`;
    },
    pastSweep: (step: number, last: number) =>
      `predictor.step=${step} is past the sweep's last threshold, so ${last} is used.`,
    notTrained:
      'The activation predictor (public/models/predictor-v1) has not been trained for this model yet; its numbers appear here once it is.',
    card: (c: CardView) => [
      `Predictor: one small MLP per layer, reading the FFN's input, hidden widths ${c.ranks.join(' · ')}: ${count(c.parameters)} parameters, ${percent(c.shareOfModel)} of the model's`,
      `. Evaluated on ${count(c.tokens)} tokens of Moby Dick's held-out chapters, each layer's mask predicted from the input the already-sparse layers below produce.`,
    ],
    measuredOnOurs: KIT.en.badge.measured,
    recallLabel: 'Recall',
    computedLabel: 'Neurons computed',
    lossLabel: 'Cost of the misses',
    tableLabel: 'Predictor validation sweep',
    tableCaption: 'Validation sweep',
    columns: ['threshold', 'recall', 'precision', 'computed', 'perplexity vs dense'],
    reallyFire: (share: number) =>
      `The neurons that really fire: ${percent(share)} of all (a perfect predictor computes exactly these). PowerInfer tunes each layer's predictor until perplexity is within 0.1% of dense`,
    fromPaper: 'from the paper, 2312.12456 §5.1',
    stop: '.',
    chartCaption:
      'Recall against the share of neurons computed, one point per threshold: a line for the calibration windows (held out from training), diamonds for the validation text; the dotted rule is the share of neurons that really fire.',
    // the chart
    sets: { calibration: 'calibration', validation: 'validation' },
    chartLabel: 'Predictor recall against the share of neurons computed',
    chartPoint: (p: SweepPoint) =>
      `threshold ${p.threshold}: recall ${percent(p.recall, 0)}, computed ${percent(p.computedShare, 0)}`,
    xLabel: 'share of neurons computed',
    yLabel: 'recall (firing neurons found)',
  },
  zh: {
    point: pointZh,
    summary: (p: SweepPoint, nFfn: number) => {
      const t = pointZh(p, nFfn);
      return `${t.head}：${t.recall}${t.computed}${t.loss}`;
    },
    pastSweep: (step: number, last: number) => `predictor.step=${step} 超出了扫描的最后一个阈值，因此改用 ${last}。`,
    notTrained: '还没有为这个模型训练激活预测器（public/models/predictor-v1）；训练后，它的数字会显示在这里。',
    card: (c: CardView) => [
      `预测器：每层一个小型 MLP，读取 FFN 的输入，隐藏层宽度 ${c.ranks.join(' · ')}：共 ${count(c.parameters)} 个参数，占模型参数的 ${percent(c.shareOfModel)}`,
      `。在 Moby Dick 留出章节的 ${count(c.tokens)} 个词元上评估，每层的掩码都根据其下方已稀疏化的各层所产生的输入来预测。`,
    ],
    measuredOnOurs: KIT.zh.badge.measured,
    recallLabel: '召回率',
    computedLabel: '计算的神经元',
    lossLabel: '漏判的代价',
    tableLabel: '预测器验证扫描',
    tableCaption: '验证扫描',
    columns: ['阈值', '召回率', '精确率', '计算占比', '困惑度（相对稠密）'],
    reallyFire: (share: number) =>
      `真正激活的神经元：占全部的 ${percent(share)}（完美的预测器恰好只计算这些）。PowerInfer 会调整每层的预测器，直到困惑度与稠密计算相差不超过 0.1%`,
    fromPaper: '来自论文 2312.12456 §5.1',
    stop: '。',
    chartCaption:
      '召回率随计算的神经元占比的变化，每个阈值一个点：折线是校准窗口（训练时留出），菱形是验证文本；点线是真正激活的神经元占比。',
    sets: { calibration: '校准', validation: '验证' },
    chartLabel: '预测器的召回率随计算的神经元占比的变化',
    chartPoint: (p: SweepPoint) =>
      `阈值 ${p.threshold}：召回率 ${percent(p.recall, 0)}，计算占比 ${percent(p.computedShare, 0)}`,
    xLabel: '计算的神经元占比',
    yLabel: '召回率（找到的激活神经元）',
  },
});
