// FlashWindow's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's notes,
// the charts' and the sentences on one token's window.
import { count, percent } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import type { WindowCurveData, WindowView } from './model.ts';

/** One token's window in words (the chart's description; the caption adds the layer and the token). */
const SENTENCE = {
  en: (v: WindowView, t: number, k: number, nFfn: number) =>
    `Token ${t} needs ${count(v.needed.length)} of ${count(nFfn)} neurons. With k = ${k}, ${count(v.kept.length)} neurons (${percent(v.kept.length / nFfn)}) are kept in DRAM; ${count(v.reused.length)} of the needed ones are already there and ${count(v.load.length)} (${percent(v.load.length / nFfn)} of the layer) must be loaded.`,
  zh: (v: WindowView, t: number, k: number, nFfn: number) =>
    `词元 ${t} 需要 ${count(nFfn)} 个神经元中的 ${count(v.needed.length)} 个。k = ${k} 时，内存中保留 ${count(v.kept.length)} 个神经元（${percent(v.kept.length / nFfn)}）；所需的神经元中 ${count(v.reused.length)} 个已在内存中，${count(v.load.length)} 个（占该层的 ${percent(v.load.length / nFfn)}）必须加载。`,
};

export const text = bilingual({
  en: {
    noModel: 'No trained model was found when this page was built, so there are no activations to show.',
    onPrompt: (model: string) => `${model} on the prompt `,
    promptAfter: (tokens: number) => ` (${tokens} tokens)`,
    measured: KIT.en.badge.measured,
    end: '.',
    needed: 'Needed by the token',
    kept: 'Kept in DRAM',
    reused: 'Already kept',
    load: 'To load',
    gridNote:
      'One row per token (the last k before token t, then t), one column per neuron any of them fires; the last row is what the window keeps in DRAM.',
    curveNote: (tokens: number) =>
      `Averaged over ${tokens} tokens of held-out text and all layers; the dotted rule is your k.`,
    pastPrompt: (token: number, last: number) =>
      `window.token=${token} is past the prompt's last token, so ${last} is used.`,
    pastLayers: (layer: number, last: number) =>
      `window.layer=${layer} is past the model's last layer, so ${last} is used.`,
    /** The sentence on one token's window, with the layer and token it is about. */
    tokenSentence: (layer: number, t: number, tokenText: string, v: WindowView, k: number, nFfn: number) =>
      `Layer ${layer}, token ${t} (${JSON.stringify(tokenText)}): ${SENTENCE.en(v, t, k, nFfn)}`,
    sentence: SENTENCE.en,
    curveSentence: (c: WindowCurveData, k: number) =>
      `Over ${count(c.tokens)} tokens of held-out text, all layers: with k = ${k} a token loads ${percent(c.deltaLoad[k])} of the FFN on average (${percent(c.deltaLoad[0])} with no window), and the window holds ${percent(c.sAgg[k])}.`,
    keptRow: 'kept in DRAM',
    kinds: ['fired (earlier token)', 'kept in DRAM', 'needed, already kept', 'needed, must load'],
    gridLabel: (k: number, t: number) => `Neurons of the last ${k} tokens and of token ${t}`,
    curveLabel: 'Share of the FFN kept and loaded against the window size k',
    series: ['s_agg(k): kept in DRAM', 'Δ_load(k): loaded per token'],
    kAxis: 'window k (tokens)',
    shareAxis: 'share of FFN',
  },
  zh: {
    noModel: '构建此页面时没有找到训练好的模型，因此没有可显示的激活。',
    onPrompt: (model: string) => `${model} 处理提示词 `,
    promptAfter: (tokens: number) => `（${tokens} 个词元）`,
    measured: KIT.zh.badge.measured,
    end: '。',
    needed: '该词元需要',
    kept: '保留在内存中',
    reused: '已保留',
    load: '需加载',
    gridNote:
      '每行一个词元（词元 t 之前的 k 个，然后是 t），每列一个被其中任一词元激活的神经元；最后一行是窗口保留在内存（DRAM）中的神经元。',
    curveNote: (tokens: number) => `在 ${tokens} 个留出文本词元和所有层上取平均；点线是你选的 k。`,
    pastPrompt: (token: number, last: number) => `window.token=${token} 超出了提示词的最后一个词元，改用 ${last}。`,
    pastLayers: (layer: number, last: number) => `window.layer=${layer} 超出了模型的最后一层，改用 ${last}。`,
    tokenSentence: (layer: number, t: number, tokenText: string, v: WindowView, k: number, nFfn: number) =>
      `第 ${layer} 层，第 ${t} 个词元（${JSON.stringify(tokenText)}）：${SENTENCE.zh(v, t, k, nFfn)}`,
    sentence: SENTENCE.zh,
    curveSentence: (c: WindowCurveData, k: number) =>
      `在 ${count(c.tokens)} 个留出文本词元、所有层上：k = ${k} 时每个词元平均加载 FFN 的 ${percent(c.deltaLoad[k])}（没有窗口时为 ${percent(c.deltaLoad[0])}），窗口保留 ${percent(c.sAgg[k])}。`,
    keptRow: '保留在内存中',
    kinds: ['已激活（较早的词元）', '保留在内存中', '需要，已保留', '需要，须加载'],
    gridLabel: (k: number, t: number) => `最近 ${k} 个词元与词元 ${t} 的神经元`,
    curveLabel: 'FFN 中保留与加载的占比随窗口大小 k 的变化',
    series: ['s_agg(k)：保留在内存中', 'Δ_load(k)：每个词元加载'],
    kAxis: '窗口 k（词元）',
    shareAxis: '占 FFN 的比例',
  },
});
