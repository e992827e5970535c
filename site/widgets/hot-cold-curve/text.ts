// HotColdCurve's words in both editions (the controls' labels live in params.ts with their `zh`). Numbers go through
// the kit's formatters, so both editions show the same digits. Book titles and the cited hardware sources (lib's
// strings) stay in English, marked lang="en" where the shell shows them.
import type { PlacementMethod } from '../../../lib/sparsity/placement.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, duration, percent } from '../_kit/format.ts';
import type { PlacementTable } from './model.ts';
import type { HotColdValues } from './params.ts';

const finite = (v: number, otherwise: string) => (Number.isFinite(v) ? count(v) : otherwise);

/** What a profile of the reader's text found. */
export interface ProfileView {
  tokens: number;
  totalTokens: number;
  /** Overlap with Moby Dick's top-20% hot set, per layer and over all layers. */
  overlaps: number[];
  all: number;
}

export const text = bilingual({
  en: {
    methods: { random: 'random', hottest: 'hottest first', optimal: 'exact optimum (C_l rule)' } as Record<
      PlacementMethod,
      string
    >,
    sizes: { '7b': '7B-scale: 16 KiB, fp16', ours: 'ours: 1 KiB, fp32' } as Record<HotColdValues['size'], string>,
    summary: (t: PlacementTable) => {
      const [r, h, o] = t.rows;
      return `Budget ${percent(t.budget)} of the neurons (${count(t.budgetNeurons)}). Share of activations served from GPU memory: random ${percent(r.servedShare)}, hottest first ${percent(h.servedShare)}, exact optimum ${percent(o.servedShare)}. Modelled FFN time per token: ${duration(r.msPerToken)}, ${duration(h.msPerToken)}, ${duration(o.msPerToken)}; all on the CPU ${duration(t.allSlowMs)}. C_l = ${finite(t.minFast, 'never')} neurons.`;
    },
    /** The C_l sentence under the table. */
    rule: (t: PlacementTable, nFfn: number) =>
      Number.isFinite(t.minFast) && t.minFast <= nFfn
        ? `C_l = ${count(t.minFast)} neurons: below that, one CPU↔GPU sync costs more than the GPU saves, so a layer puts either none or at least ${count(t.minFast)} neurons on the GPU. All on the CPU: ${duration(t.allSlowMs)} per token.`
        : `C_l = ${finite(t.minFast, '∞')} neurons, more than a whole layer of ${count(nFfn)}: at this neuron size one sync costs more than the GPU could ever save on a layer, so every placement keeps everything on the CPU (${duration(t.allSlowMs)} per token).`,
    budgetOut: (budget: number, neurons: number) => `${percent(budget)} (${count(neurons)} neurons)`,
    noModel: 'No trained model yet: this figure fills in once public/models/ has one.',
    layer: (l: number) => `layer ${l}`,
    allLayers: 'all layers',
    paper: 'OPT-30B (paper)',
    staticLabel: (all: number) =>
      `Share of activations given by the hottest share of neurons; 80% of them come from ${percent(all)} of all neurons`,
    staticAxis: '100% of neurons, hottest first',
    captionMeasured: (tokens: number) =>
      `Share of neurons giving 80% of the activations (measured on our model, ${count(tokens)} tokens of `,
    captionAfterTitle: (perLayer: number[], all: number) =>
      `): ${perLayer.map((s, i) => `layer ${i} ${percent(s)}`).join(', ')}; all layers together ${percent(all)}. `,
    caption: (nFfn: number) =>
      `Each line sorts one layer's ${nFfn} neurons from most to least often active and adds up their activations. A straight diagonal would mean every neuron fires equally often; the further a line bows up, the more a few hot neurons dominate. The diamond is the paper's OPT-30B figure; the vertical line is the budget.`,
    tableLabel: 'Placements at this budget',
    tableCaption: [
      'Where the neurons go at this budget. Served share:',
      '; times:',
      'from cited bandwidths, FFN neurons only.',
    ],
    measuredOnOurs: KIT.en.badge.measured,
    modelled: KIT.en.badge.modelled,
    columns: [
      'placement',
      'activations served from GPU',
      'GPU neurons per layer',
      'FFN time per token',
      'tokens/s (FFN only)',
      'vs all on CPU',
    ],
    hardware: ["Hardware (PowerInfer's PC-High): GPU", '; CPU', '; sync', '.'],
    hardwareHow:
      'Each side reads the bytes of its active neurons at its bandwidth, both sides in parallel, plus one sync per split layer.',
    overlapHeading: 'Is the hot set the same for another text?',
    overlapLabel: (title?: string) => `Hot-set overlap with ${title ?? 'another text'}`,
    overlapCaption: "Share of Moby Dick's top-20% neurons that are also in the other text's top 20%",
    layerColumn: 'layer',
    shippedText: 'shipped text',
    measured: 'measured',
    yourText: 'your text',
    forComparison:
      'For comparison: two random top-20% sets share 20% on average; PowerInfer reports more than 90% between datasets',
    fromPaper: 'from the paper, 2312.12456 Fig. 5b',
    stop: '.',
    textLabel: 'Your own text (a few paragraphs; up to 2,048 tokens are profiled)',
    profile: 'Profile my text',
    profilingRuns: 'Profiling runs in a background worker.',
    emptyText: 'Paste or type some text first.',
    profiled: (p: ProfileView) =>
      `Profiled ${count(p.tokens)} tokens of your text${p.totalTokens > p.tokens ? ` (the first ${count(p.tokens)} of its ${count(p.totalTokens)} tokens)` : ''}; overlap with Moby Dick's hot set over all layers: ${percent(p.all)}.`,
    profileSummary: (p: ProfileView) =>
      `Your text's top-20% hot set overlaps Moby Dick's by ${p.overlaps.map((o, l) => `${percent(o)} in layer ${l}`).join(', ')}, ${percent(p.all)} over all layers.`,
    couldNotProfile: (message: string) => `Could not profile the text: ${message}`,
    // the chart
    chartLabel: 'Share of activations given by the hottest share of neurons, per layer',
    chartDescription: (perLayer: number[], all: number, paper: string) =>
      `Our model: 80% of the activations come from ${perLayer.map((s, l) => `${percent(s)} of layer ${l}`).join(', ')}; ${percent(all)} over all layers. ${paper}.`,
    paperPoint: (label: string, x: number, y: number) => `${label}: ${percent(x, 0)} of neurons give ${percent(y, 0)}`,
    xLabel: 'share of neurons, hottest first',
    yLabel: 'share of activations',
  },
  zh: {
    methods: { random: '随机', hottest: '最热优先', optimal: '精确最优（C_l 规则）' } as Record<
      PlacementMethod,
      string
    >,
    sizes: { '7b': '7B 规模：16 KiB，fp16', ours: '我们的模型：1 KiB，fp32' } as Record<HotColdValues['size'], string>,
    summary: (t: PlacementTable) => {
      const [r, h, o] = t.rows;
      return `预算为神经元的 ${percent(t.budget)}（${count(t.budgetNeurons)} 个）。由 GPU 显存提供的激活占比：随机 ${percent(r.servedShare)}，最热优先 ${percent(h.servedShare)}，精确最优 ${percent(o.servedShare)}。建模得到的每词元 FFN 耗时：${duration(r.msPerToken)}、${duration(h.msPerToken)}、${duration(o.msPerToken)}；全部放在 CPU 上为 ${duration(t.allSlowMs)}。C_l = ${finite(t.minFast, '永不')} 个神经元。`;
    },
    rule: (t: PlacementTable, nFfn: number) =>
      Number.isFinite(t.minFast) && t.minFast <= nFfn
        ? `C_l = ${count(t.minFast)} 个神经元：少于这个数时，一次 CPU↔GPU 同步的开销超过 GPU 省下的时间，因此每层要么一个神经元也不放到 GPU 上，要么至少放 ${count(t.minFast)} 个。全部放在 CPU 上：每词元 ${duration(t.allSlowMs)}。`
        : `C_l = ${finite(t.minFast, '∞')} 个神经元，超过一整层的 ${count(nFfn)} 个：在这个神经元大小下，一次同步的开销超过 GPU 在一层上最多能省下的时间，因此每种放置都把所有神经元留在 CPU 上（每词元 ${duration(t.allSlowMs)}）。`,
    budgetOut: (budget: number, neurons: number) => `${percent(budget)}（${count(neurons)} 个神经元）`,
    noModel: '还没有训练好的模型：public/models/ 中有了模型后，此图才会填充。',
    layer: (l: number) => `第 ${l} 层`,
    allLayers: '所有层',
    paper: 'OPT-30B（论文）',
    staticLabel: (all: number) => `最热的一部分神经元贡献的激活占比；80% 的激活来自全部神经元中的 ${percent(all)}`,
    staticAxis: '100% 的神经元（从最热开始）',
    captionMeasured: (tokens: number) =>
      `贡献 80% 激活的神经元占比（在我们的模型上实测，${count(tokens)} 个词元，文本为 `,
    captionAfterTitle: (perLayer: number[], all: number) =>
      `）：${perLayer.map((s, i) => `第 ${i} 层 ${percent(s)}`).join('，')}；所有层合计 ${percent(all)}。`,
    caption: (nFfn: number) =>
      `每条线把一层的 ${nFfn} 个神经元按激活频率从高到低排序，并累加它们的激活。若为一条直的对角线，说明每个神经元激活得一样频繁；线越往上拱，少数热神经元占的比重越大。菱形是论文中 OPT-30B 的数据；竖线是预算。`,
    tableLabel: '此预算下的放置方案',
    tableCaption: ['此预算下神经元放在哪里。提供占比：', '；耗时：', '，依据引用的带宽，只计 FFN 神经元。'],
    measuredOnOurs: KIT.zh.badge.measured,
    modelled: KIT.zh.badge.modelled,
    columns: [
      '放置方式',
      '由 GPU 提供的激活',
      '每层放在 GPU 上的神经元',
      '每词元 FFN 耗时',
      '词元/秒（仅 FFN）',
      '相对全部在 CPU',
    ],
    hardware: ['硬件（PowerInfer 的 PC-High）：GPU', '；CPU', '；同步', '。'],
    hardwareHow: '每一侧以各自的带宽读取其激活神经元的字节，两侧并行，每个被拆分的层再加一次同步。',
    overlapHeading: '换一段文本，热集合还一样吗？',
    overlapLabel: (title?: string) => `与${title ? ` ${title} ` : '另一段文本'}的热集合重叠`,
    overlapCaption: 'Moby Dick 中前 20% 的神经元里，同样位于另一段文本前 20% 的比例',
    layerColumn: '层',
    shippedText: '随附文本',
    measured: '实测',
    yourText: '你的文本',
    forComparison: '作为对照：两个随机的前 20% 集合平均重叠 20%；PowerInfer 报告不同数据集之间的重叠超过 90%',
    fromPaper: '来自论文 2312.12456 图 5b',
    stop: '。',
    textLabel: '你自己的文本（几段即可；最多分析 2,048 个词元）',
    profile: '分析我的文本',
    profilingRuns: '分析在后台线程中运行。',
    emptyText: '请先粘贴或输入一些文本。',
    profiled: (p: ProfileView) =>
      `已分析你的文本中的 ${count(p.tokens)} 个词元${p.totalTokens > p.tokens ? `（共 ${count(p.totalTokens)} 个词元中的前 ${count(p.tokens)} 个）` : ''}；在所有层上与 Moby Dick 热集合的重叠：${percent(p.all)}。`,
    profileSummary: (p: ProfileView) =>
      `你的文本的前 20% 热集合与 Moby Dick 的重叠：${p.overlaps.map((o, l) => `第 ${l} 层 ${percent(o)}`).join('，')}，所有层合计 ${percent(p.all)}。`,
    couldNotProfile: (message: string) => `无法分析这段文本：${message}`,
    chartLabel: '最热的一部分神经元贡献的激活占比，按层',
    chartDescription: (perLayer: number[], all: number, paper: string) =>
      `我们的模型：80% 的激活来自 ${perLayer.map((s, l) => `第 ${l} 层的 ${percent(s)}`).join('、')}；所有层合计 ${percent(all)}。${paper}。`,
    paperPoint: (label: string, x: number, y: number) => `${label}：${percent(x, 0)} 的神经元贡献 ${percent(y, 0)}`,
    xLabel: '神经元占比（从最热开始）',
    yLabel: '激活占比',
  },
});
