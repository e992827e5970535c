// SpecPasses' words in both editions (the label lives in params.ts with its `zh`): the tables, captions, the chart's
// titles and legend, and the sentences on the measurements.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, decimal, percent } from '../_kit/format.ts';
import type { Decoding, PassPoint, PassesData } from './model.ts';

type Family = PassPoint['family'];
type Shown = PassPoint['decoding'];

/** Per decoding shown: its chains from 1 guess to the longest, and the best shape of all. */
export interface DecodingSummary {
  decoding: Shown;
  first: PassPoint;
  last: PassPoint;
  best: PassPoint;
}

const DECODINGS = {
  en: { greedy: 'greedy', sampled: 'sampled', both: 'both' },
  zh: { greedy: '贪心', sampled: '采样', both: '两者' },
} satisfies Record<string, Record<Decoding, string>>;

export const text = bilingual({
  en: {
    decodings: DECODINGS.en as Record<Decoding, string>,
    families: { chain: 'chain', tree: 'tree', 'best-first': 'best-first' } as Record<Family, string>,
    topKLabel: 'Draft top-k hit rates',
    topKCaption: "Is the target's next token among the draft's top k?",
    topKHead: ['k', 'greedy', 'sampled, naive', 'sampled, speculative sampling'],
    topKNote: (t: PassesData['topK']) =>
      `Over ${count(t.positions)} positions, the target's first choice is among the draft's top 1 at ${percent(t.greedy[0])} and top 5 at ${percent(t.greedy[4])}.`,
    topKExplain:
      "Naive: the chance that a token sampled from the target is in the draft's top k. Speculative sampling: the chance that it accepts one of k guesses drawn from the draft. SpecInfer, LLaMA-7B with LLaMA-68M: greedy 62–70% at k = 1, 82–89% at k = 5; stochastic 52–57% to 96–97%",
    fromPaper: 'from the paper, 2305.09781 Table 1',
    measured: KIT.en.badge.measured,
    passesLabel: 'Tokens per target pass by tree shape',
    passesCaption: 'Tokens per target pass',
    passesHead: ['tree', 'guesses', 'greedy', 'sampled'],
    chartCaption:
      "Tokens each target pass produced (accepted guesses plus the target's own), averaged over held-out prompts. Colour is the decoding; circles joined by a line are chains (1 to 8 guesses), squares expansion trees, diamonds best-first budgets; the rule at 1 is plain decoding.",
    chartLabel: 'Tokens per target pass against guessed nodes per tree',
    xAxis: 'guessed nodes in the tree',
    yAxis: 'tokens per target pass',
    noData: 'No measurements in this build.',
    summary: (parts: DecodingSummary[]) =>
      `Tokens per target pass against guessed nodes, measured on held-out text. ${parts
        .map(
          ({ decoding, first, last, best }) =>
            `${DECODINGS.en[decoding]}: chains go from ${decimal(first.tokensPerPass)} tokens per target pass with 1 guess to ${decimal(last.tokensPerPass)} with ${last.nodes}; the best shape, ${best.shape} with ${best.nodes} guesses, verifies ${decimal(best.tokensPerPass)}`,
        )
        .join('. ')}.`,
  },
  zh: {
    decodings: DECODINGS.zh as Record<Decoding, string>,
    families: { chain: '链', tree: '树', 'best-first': '最优优先' } as Record<Family, string>,
    topKLabel: '草稿模型 top-k 命中率',
    topKCaption: '目标模型的下一个词元是否在草稿模型的前 k 个候选之中？',
    topKHead: ['k', '贪心', '采样，朴素', '采样，投机采样'],
    topKNote: (t: PassesData['topK']) =>
      `在 ${count(t.positions)} 个位置上，目标模型的首选落在草稿模型前 1 名中的比例为 ${percent(t.greedy[0])}，落在前 5 名中的比例为 ${percent(t.greedy[4])}。`,
    topKExplain:
      '朴素：从目标模型采样的词元落在草稿模型前 k 名中的概率。投机采样：从草稿模型抽取的 k 个猜测中有一个被接受的概率。SpecInfer 中，LLaMA-7B 配 LLaMA-68M：贪心时 k = 1 为 62–70%，k = 5 为 82–89%；随机采样时从 52–57% 到 96–97%',
    fromPaper: '引自论文 2305.09781 表 1',
    measured: KIT.zh.badge.measured,
    passesLabel: '各树形每次目标前向的词元数',
    passesCaption: '每次目标前向的词元数',
    passesHead: ['树形', '猜测数', '贪心', '采样'],
    chartCaption:
      '每次目标模型前向产生的词元数（被接受的猜测加上目标模型自己的词元），在留出提示词上取平均。颜色表示解码方式；连线的圆点是链（1 到 8 个猜测），方块是扩展树，菱形是最优优先预算；1 处的横线是普通解码。',
    chartLabel: '每次目标前向的词元数与树中猜测节点数的关系',
    xAxis: '树中猜测的节点数',
    yAxis: '每次目标前向的词元数',
    noData: '本次构建没有测量数据。',
    summary: (parts: DecodingSummary[]) =>
      `每次目标前向的词元数与猜测节点数的关系，在留出文本上实测。${parts
        .map(
          ({ decoding, first, last, best }) =>
            `${DECODINGS.zh[decoding]}：链从 1 个猜测时每次目标前向 ${decimal(first.tokensPerPass)} 个词元，增至 ${last.nodes} 个猜测时的 ${decimal(last.tokensPerPass)} 个；最好的树形是 ${best.shape}（${best.nodes} 个猜测），每次验证 ${decimal(best.tokensPerPass)} 个`,
        )
        .join('。')}。`,
  },
});
