// ModelPlayground's words in both editions (labels and docs of its parameters are in params.ts with their `zh`).
// The run and step sentences live here, in both languages; model.ts keeps what they are computed from.
import { bilingual } from '../../i18n/text.ts';
import { probability, tokenQuote } from '../_kit/format.ts';
import { topRank, type StepToken } from './model.ts';

export const text = bilingual({
  en: {
    promptHint: 'Ctrl+Enter (⌘+Enter on a Mac) generates; Escape stops.',
    modelOption: (name: string, parameters: string) => `${name} (${parameters} parameters)`,
    generate: 'Generate',
    stop: 'Stop',
    idle: 'The model loads in a background worker when this figure scrolls into view.',
    loadingLabel: "Loading the model's weights",
    loadingBar: 'loading',
    backend: 'Backend',
    notStarted: 'not started',
    whyBackend: 'Why this backend',
    reasonIdle: 'chosen when the model loads (add ?backend=wasm, webgl or cpu to the address to pick one)',
    firstBackend: 'the first backend that started',
    passedOver: (list: string) => `Passed over ${list}`,
    weights: 'Weights',
    notLoaded: 'not loaded',
    tokens: 'Tokens',
    counts: (prompt: number, generated: number) => `${prompt} prompt + ${generated} new`,
    sampleCaption: (model: string, newTokens: number) =>
      `Before you press Generate: the greedy sample from ${model}'s model card (temperature 0, ${newTokens} new tokens), split into tokens by its tokenizer. Prompt tokens are dashed; "·" is a space.`,
    untrained: (model: string) =>
      `${model} has not been trained yet, so there is no sample to show; Generate runs it once its weights are in public/models/${model}/.`,
    tokensLabel: 'Prompt and generated tokens',
    promptTokenTitle: (id: number) => `prompt token ${id}`,
    tokenTitle: (id: number) => `token ${id}`,
    /** Before the text itself in the screen-reader line under the chips. */
    textLabel: 'Text: ',
    promptLabel: 'Prompt: ',
    stepIntro:
      'Once you generate, pick any new token (click it, or use the arrow keys on the selected one) to see the five tokens the model thought most likely at that step, with their probabilities.',
    stale: 'The settings changed: press Generate to run with them.',
    linkPrompt: (model: string) =>
      `The link sets the prompt above for ${model}. Press Generate to see the model continue it.`,
    loading: (model: string) => `Loading ${model}…`,
    weightsLoading: 'loading…',
    fromCache: 'from cache',
    downloaded: 'downloaded',
    weightsLine: (model: string, size: string, where: string) => `${model}: ${size} ${where}`,
    ready: (model: string, parameters: string, where: string) =>
      `${model} is ready (${parameters} parameters, ${where}). Press Generate.`,
    couldNotLoad: (model: string) => `Could not load ${model}`,
    stopping: 'Stopping…',
    typePrompt: 'Type a prompt first: the model needs at least one token to continue.',
    tooLongForLink: (max: number) =>
      `A link to this page keeps prompts of up to ${max} characters, so this one is not saved in the address.`,
    runCaption: (model: string, temperature: string, topk: number, seed: number) =>
      `${model}, temperature ${temperature}, top-k ${topk || 'all'}, seed ${seed}. Prompt tokens are dashed; "·" is a space; pick a new token to see its probabilities.`,
    firstToken: 'The first token is on its way.',
    readingPrompt: 'Reading the prompt…',
    generating: (model: string, made: number, of: number) => `Generating with ${model}… ${made} of ${of} tokens.`,
    couldNotGenerate: 'Could not generate',
    tryAgain: 'Press Generate to try again.',
    cutTitle: 'The start of the prompt was cut; the model sees only these tokens.',
    generatedTitle: (id: number, p: number) => `token ${id}, probability ${probability(p)}`,
    generatedLabel: (step: number, token: string, p: number) =>
      `Token ${step}: ${tokenQuote(token)}, probability ${probability(p)}`,
    chartLabel: (step: number) => `The five most likely tokens at token ${step}`,
    /** The probability chart's axis. */
    probability: 'probability',
    /** The temperature as the slider's output shows it. */
    temperature: (t: number) => (t === 0 ? '0 (greedy)' : String(t)),
    /** The live summary: "Generated 60 tokens; last token ' whale' with probability 0.31". */
    runSummary: (tokens: StepToken[], { stopped = false, model = '' } = {}) => {
      const n = tokens.length;
      const by = model ? ` with ${model}` : '';
      if (n === 0) return stopped ? `Stopped before the first token${by}.` : `No tokens generated yet${by}.`;
      const last = tokens[n - 1];
      const what = `${n} token${n === 1 ? '' : 's'}${by}; last token ${tokenQuote(last.text)} with probability ${probability(last.p)}`;
      return stopped ? `Stopped after ${what}.` : `Generated ${what}.`;
    },
    /** What the probability chart shows, in words, for generated token number `step` (counted from 1). */
    stepSummary: (step: number, t: StepToken) => {
      const top = t.alternatives.map((a) => `${tokenQuote(a.text)} ${probability(a.p)}`).join(', ');
      const rank = topRank(t);
      const where = rank < 0 ? 'outside the top 5' : rank === 0 ? 'the most likely' : `number ${rank + 1} of the top 5`;
      return `Token ${step} is ${tokenQuote(t.text)} (probability ${probability(t.p)}, ${where}). The model's five most likely next tokens there: ${top}.`;
    },
  },
  zh: {
    promptHint: 'Ctrl+Enter（Mac 上为 ⌘+Enter）开始生成；Escape 停止。',
    modelOption: (name: string, parameters: string) => `${name}（${parameters} 个参数）`,
    generate: '生成',
    stop: '停止',
    idle: '此图滚动到视野中时，模型会在后台 worker 中加载。',
    loadingLabel: '正在加载模型权重',
    loadingBar: '加载中',
    backend: '后端',
    notStarted: '未启动',
    whyBackend: '为何选此后端',
    reasonIdle: '在模型加载时选定（在地址中加上 ?backend=wasm、webgl 或 cpu 可指定后端）',
    firstBackend: '最先成功启动的后端',
    passedOver: (list: string) => `跳过了 ${list}`,
    weights: '权重',
    notLoaded: '未加载',
    tokens: '词元',
    counts: (prompt: number, generated: number) => `提示词 ${prompt} + 新生成 ${generated}`,
    sampleCaption: (model: string, newTokens: number) =>
      `按下“生成”之前：这是 ${model} 模型卡片中的贪心样本（温度 0，${newTokens} 个新词元），已用它的分词器切分为词元。提示词的词元为虚线框；“·”表示空格。`,
    untrained: (model: string) =>
      `${model} 还没有训练，因此没有样本可展示；它的权重放入 public/models/${model}/ 之后，按“生成”即可运行。`,
    tokensLabel: '提示词与生成的词元',
    promptTokenTitle: (id: number) => `提示词词元 ${id}`,
    tokenTitle: (id: number) => `词元 ${id}`,
    textLabel: '文本：',
    promptLabel: '提示词：',
    stepIntro:
      '生成之后，点选任意一个新词元（点击它，或在选中的词元上使用方向键），即可看到模型在那一步认为最可能的五个词元及其概率。',
    stale: '设置已改变：请按“生成”用新设置运行。',
    linkPrompt: (model: string) => `链接为 ${model} 设置了上面的提示词。按“生成”即可看到模型如何续写。`,
    loading: (model: string) => `正在加载 ${model}…`,
    weightsLoading: '加载中…',
    fromCache: '来自缓存',
    downloaded: '已下载',
    weightsLine: (model: string, size: string, where: string) => `${model}：${size}，${where}`,
    ready: (model: string, parameters: string, where: string) =>
      `${model} 已就绪（${parameters} 个参数，${where}）。请按“生成”。`,
    couldNotLoad: (model: string) => `无法加载 ${model}`,
    stopping: '正在停止…',
    typePrompt: '请先输入提示词：模型至少需要一个词元才能续写。',
    tooLongForLink: (max: number) => `本页链接最多保存 ${max} 个字符的提示词，因此这个提示词不会写入地址。`,
    runCaption: (model: string, temperature: string, topk: number, seed: number) =>
      `${model}，温度 ${temperature}，top-k ${topk || '全部'}，种子 ${seed}。提示词的词元为虚线框；“·”表示空格；点选一个新词元可查看它的概率。`,
    firstToken: '第一个词元马上就来。',
    readingPrompt: '正在读取提示词…',
    generating: (model: string, made: number, of: number) => `正在用 ${model} 生成… 已生成 ${made}/${of} 个词元。`,
    couldNotGenerate: '无法生成',
    tryAgain: '请按“生成”重试。',
    cutTitle: '提示词的开头被截去了；模型只能看到这些词元。',
    generatedTitle: (id: number, p: number) => `词元 ${id}，概率 ${probability(p)}`,
    generatedLabel: (step: number, token: string, p: number) =>
      `第 ${step} 个词元：${tokenQuote(token)}，概率 ${probability(p)}`,
    chartLabel: (step: number) => `第 ${step} 个词元处最可能的五个词元`,
    probability: '概率',
    temperature: (t: number) => (t === 0 ? '0（贪心）' : String(t)),
    runSummary: (tokens: StepToken[], { stopped = false, model = '' } = {}) => {
      const n = tokens.length;
      const by = model ? `用 ${model} ` : '';
      if (n === 0) return stopped ? `${model ? `${model} ` : ''}在生成第一个词元之前已停止。` : `尚未${by}生成词元。`;
      const last = tokens[n - 1];
      const what = `${by}生成了 ${n} 个词元；最后一个词元是 ${tokenQuote(last.text)}，概率 ${probability(last.p)}`;
      return stopped ? `已停止：${what}。` : `已${what}。`;
    },
    stepSummary: (step: number, t: StepToken) => {
      const top = t.alternatives.map((a) => `${tokenQuote(a.text)} ${probability(a.p)}`).join('，');
      const rank = topRank(t);
      const where = rank < 0 ? '不在前 5 名之内' : rank === 0 ? '概率最高' : `在前 5 名中排第 ${rank + 1}`;
      return `第 ${step} 个词元是 ${tokenQuote(t.text)}（概率 ${probability(t.p)}，${where}）。模型在此处认为最可能的五个下一个词元：${top}。`;
    },
  },
});
