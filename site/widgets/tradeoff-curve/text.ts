// TradeoffCurve's words in both editions (labels live in params.ts with their `zh`): the shell's, the chart's and the
// sentence on the frontier.
import { count, duration } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { tokensPerSecond } from '../schedule-animator/rate.ts';
import { curve, type Frontiers, type SeriesKey } from './model.ts';

type Model = keyof Frontiers;

/** What the summary quotes: the best point of each cost-model frontier (its largest block), and the paper's points. */
function quoted(frontiers: Frontiers, model: Model) {
  const { lines, paper } = curve(frontiers, model);
  const best = (series: SeriesKey) => {
    const b = lines.filter((p) => p.series === series).at(-1);
    return { rate: b ? tokensPerSecond(b.throughput) : '–', latency: b ? duration(b.latency * 1000) : '–' };
  };
  const points = paper.map((p) => ({
    series: p.series,
    rate: tokensPerSecond(p.throughput),
    batch: count(p.bls),
    latency: duration(p.latency * 1000),
  }));
  return { b16: best('fp16'), b4: best('int4'), points };
}

const SERIES_EN: Record<SeriesKey, string> = {
  fp16: 'cost model, fp16',
  int4: 'cost model, 4-bit',
  paper: 'paper, FlexGen',
  paperInt4: 'paper, FlexGen + 4-bit',
};
const SERIES_ZH: Record<SeriesKey, string> = {
  fp16: '成本模型，fp16',
  int4: '成本模型，4 位',
  paper: '论文，FlexGen',
  paperInt4: '论文，FlexGen + 4 位',
};

export const text = bilingual({
  en: {
    linesNote:
      "Lines: FlexGen's cost model on the T4 (fitted constants), one point per block size the search found feasible, keeping only those faster than every lower-latency one ",
    modelled: KIT.en.badge.modelled,
    pointsNote: ". Large symbols: the paper's Table 2, latency = batch × 32 / throughput ",
    fromPaper: 'from the paper, 2303.06865 Table 2',
    end: '.',
    series: SERIES_EN,
    chartLabel: 'Throughput against latency',
    latencyAxis: 'latency per block (s)',
    summaryText: (frontiers: Frontiers, model: Model) => {
      const { b16, b4, points } = quoted(frontiers, model);
      const pts = points.map((p) => `${SERIES_EN[p.series]}: ${p.rate} at batch ${p.batch}, ${p.latency}`).join('; ');
      return `${model.toUpperCase()}: the cost model's throughput rises with latency as blocks grow, up to ${b16.rate} at ${b16.latency} in fp16 and ${b4.rate} at ${b4.latency} with 4-bit compression. Paper (Table 2): ${pts}.`;
    },
  },
  zh: {
    linesNote:
      '线：FlexGen 的成本模型在 T4 上的结果（拟合常数），搜索认为可行的每种块大小一个点，只保留比所有延迟更低者都更快的点',
    modelled: KIT.zh.badge.modelled,
    pointsNote: '。大符号：论文表 2，延迟 = 批大小 × 32 / 吞吐量',
    fromPaper: '来自论文，2303.06865 表 2',
    end: '。',
    series: SERIES_ZH,
    chartLabel: '吞吐量随延迟的变化',
    latencyAxis: '每块延迟（s）',
    summaryText: (frontiers: Frontiers, model: Model) => {
      const { b16, b4, points } = quoted(frontiers, model);
      const pts = points.map((p) => `${SERIES_ZH[p.series]}：批大小 ${p.batch} 时 ${p.rate}，${p.latency}`).join('；');
      return `${model.toUpperCase()}：随着块变大，成本模型的吞吐量随延迟上升，fp16 时最高 ${b16.rate}（${b16.latency}），4 位压缩时最高 ${b4.rate}（${b4.latency}）。论文（表 2）：${pts}。`;
    },
  },
});
