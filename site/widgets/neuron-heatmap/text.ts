// NeuronHeatmap's words in both editions (the controls' labels live in params.ts with their `zh`). Numbers go through
// the kit's formatters, so both editions show the same digits; the prompt and its tokens are English by nature and
// are marked lang="en" where the shell shows them.
import { bilingual } from '../../i18n/text.ts';
import { count, percent, tokenQuote } from '../_kit/format.ts';

/** Mean, min and max share of zeros over a layer's tokens (model.ts zeroStats). */
type Zeros = { mean: number; min: number; max: number };

export const text = bilingual({
  en: {
    /** What the selected token did in the selected layer, and the link back to lesson 1's rows view. */
    token: (tok: { text: string }, t: number, layer: number, fired: number, nFfn: number) => ({
      fired: `Token ${t} ${tokenQuote(tok.text)}, layer ${layer}: ${count(fired)} of ${count(nFfn)} neurons fired (${percent(1 - fired / nFfn)} zeros).`,
      skipped: `Rows of W_down skipped for this token: ${count(nFfn - fired)} of ${count(nFfn)}.`,
    }),
    layer: (layer: number, tokens: number, z: Zeros) =>
      `Layer ${layer}, ${tokens} token${tokens === 1 ? '' : 's'}: on average ${percent(z.mean)} of the neurons are zero per token (from ${percent(z.min)} to ${percent(z.max)}).`,
    /** The aria summary: the layer, then the selected token's two sentences. */
    summary: (layer: string, fired: string, skipped: string) => `${layer} ${fired} ${skipped}`,
    orders: { hot: 'hottest first (Moby Dick profile)', index: 'by index' },
    tokenOut: (t: number, last: number) => `${t} of 0–${last}`,
    measuredAtBuild: (model: string) =>
      `Measured at build time on ${model}. Edit the prompt to run your own in a background worker.`,
    noModel: 'No trained model yet: this figure fills in once public/models/ has one.',
    axis: (hot: boolean) => `neuron ${hot ? '(hottest first)' : '0'}`,
    noMeasurement: 'No measurement yet',
    mapCaption: (nFfn: number) =>
      `Rows are tokens (top = token 0), columns are the ${nFfn} neurons of one FFN layer; a filled cell is a neuron whose ReLU output is above zero. Blank means exactly zero: that neuron's row of W_down can be skipped.`,
    tokensLabel: 'Tokens of the prompt with their share of zero neurons',
    chipTitle: (i: number, zeros: number) => `token ${i}: ${percent(zeros)} zeros`,
    selectedToken: 'Selected token',
    rowsView: "Lesson 1's rows view",
    thisLayer: 'This layer, this prompt',
    chartCaption:
      "Share of the layer's neurons that are exactly zero, for each token of the prompt (from token 0); the ring is the selected token.",
    layerClamped: (key: string, asked: number, last: number) =>
      `${key}.layer=${asked}: the model has layers 0 to ${last}; showing layer ${last}.`,
    couldNotRun: 'Could not run the prompt',
    running: (model: string) => `Running your prompt through ${model}…`,
    emptyPrompt: 'Type a prompt: the heatmap needs at least one token.',
    measured: (model: string, backend: string, tokens: number) =>
      `Measured in your browser on ${model} (${backend} backend): ${tokens} token${tokens === 1 ? '' : 's'}.`,
    notSaved: (max: number) =>
      `A link to this page keeps prompts of up to ${max} characters, so this one is not saved in the address.`,
    sentOnly: (typed: number, sent: number) =>
      `Your text has ${count(typed)} characters; only the first ${count(sent)} were tokenized.`,
    cutToContext: (total: number, shown: number, chars: number) =>
      `The prompt is ${count(total)} tokens long; the heatmap shows the first ${shown} (about ${count(chars)} characters), the model's context.`,
    // the chart
    chartLabel: (layer: number) => `Share of zero neurons per token in layer ${layer}`,
    xLabel: 'token',
    yLabel: 'zeros in this layer',
  },
  zh: {
    token: (tok: { text: string }, t: number, layer: number, fired: number, nFfn: number) => ({
      fired: `词元 ${t} ${tokenQuote(tok.text)}，第 ${layer} 层：${count(nFfn)} 个神经元中有 ${count(fired)} 个激活（零值占 ${percent(1 - fired / nFfn)}）。`,
      skipped: `这个词元可跳过的 W_down 行数：${count(nFfn)} 行中的 ${count(nFfn - fired)} 行。`,
    }),
    layer: (layer: number, tokens: number, z: Zeros) =>
      `第 ${layer} 层，${tokens} 个词元：平均每个词元有 ${percent(z.mean)} 的神经元为零（从 ${percent(z.min)} 到 ${percent(z.max)}）。`,
    summary: (layer: string, fired: string, skipped: string) => `${layer}${fired}${skipped}`,
    orders: { hot: '最热优先（依据 Moby Dick 的统计）', index: '按编号' },
    tokenOut: (t: number, last: number) => `${t}（范围 0–${last}）`,
    measuredAtBuild: (model: string) =>
      `构建时在 ${model} 上测得。编辑提示词，即可在后台 worker 中运行你自己的提示词。`,
    noModel: '还没有训练好的模型：public/models/ 中有了模型后，此图才会填充。',
    axis: (hot: boolean) => `神经元 ${hot ? '（最热优先）' : '0'}`,
    noMeasurement: '尚无测量结果',
    mapCaption: (nFfn: number) =>
      `每行是一个词元（最上面是词元 0），每列是一层 FFN 的 ${nFfn} 个神经元之一；填充的格子表示该神经元的 ReLU 输出大于零。空白表示恰好为零：这个神经元在 W_down 中的那一行可以跳过。`,
    tokensLabel: '提示词中的词元及其零值神经元占比',
    chipTitle: (i: number, zeros: number) => `词元 ${i}：零值占 ${percent(zeros)}`,
    selectedToken: '选中的词元',
    rowsView: '第 1 课的行视角',
    thisLayer: '这一层、这个提示词',
    chartCaption: '这一层中恰好为零的神经元占比，按提示词的每个词元（从词元 0 开始）；圆圈是选中的词元。',
    layerClamped: (key: string, asked: number, last: number) =>
      `${key}.layer=${asked}：模型只有第 0 到第 ${last} 层；改为显示第 ${last} 层。`,
    couldNotRun: '无法运行这个提示词',
    running: (model: string) => `正在用 ${model} 运行你的提示词…`,
    emptyPrompt: '请输入提示词：热图至少需要一个词元。',
    measured: (model: string, backend: string, tokens: number) =>
      `在你的浏览器中于 ${model}（${backend} 后端）上测得：${tokens} 个词元。`,
    notSaved: (max: number) => `本页的链接最多保存 ${max} 个字符的提示词，因此这个提示词不会保存在地址中。`,
    sentOnly: (typed: number, sent: number) => `你的文本有 ${count(typed)} 个字符；只对前 ${count(sent)} 个做了分词。`,
    cutToContext: (total: number, shown: number, chars: number) =>
      `提示词长 ${count(total)} 个词元；热图只显示前 ${shown} 个（约 ${count(chars)} 个字符），即模型的上下文长度。`,
    chartLabel: (layer: number) => `第 ${layer} 层每个词元的零值神经元占比`,
    xLabel: '词元',
    yLabel: '这一层中的零值',
  },
});
