// LoraAdapters' words in both editions (labels live in params.ts with their `zh`): the table, the adapters' names,
// the buttons, the progress lines, the stale and error lines, and the comparison and summary sentences.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, duration, perSecond } from '../_kit/format.ts';

/** What the comparison states: whether the tokens matched, how many, and each way's speed. */
export interface Compared {
  same: boolean;
  tokens: number;
  unmerged: number;
  merged: number;
  base?: number;
  mergeMs: number;
}

export const text = bilingual({
  en: {
    missing: 'The LoRA adapters (public/models/lora-sotu-v1) are not in this build yet.',
    tableLabel: 'Adapters and their validation losses',
    tableCaption: 'Validation loss, nats/token (lower is better)',
    measured: KIT.en.badge.measured,
    head: ['model', 'trained numbers', 'State of the Union'],
    mobyDick: 'Moby Dick',
    baseRow: 'base (target-v1)',
    loraRow: (rank: number) => `LoRA r = ${rank}`,
    fullRow: 'full fine-tune (not shipped)',
    option: (a: string) =>
      a === 'base' ? 'none (base model)' : a === 'yours' ? 'yours (train one above)' : `r = ${a.slice(1)}`,
    generate: 'Generate',
    compare: 'Compare merged and unmerged',
    cardSample: (tokens: number, prompt: string) =>
      `Greedy sample from the card (${tokens} tokens, prompt "${prompt}"):`,
    stale: 'The text is for other settings: press "Generate".',
    generating: (adapter: string, merged: boolean) =>
      `Generating with ${adapter === 'base' ? 'the base model' : `adapter ${adapter}${merged ? ', merged' : ''}`}…`,
    generated: (adapter: string, merged: boolean, tokensPerSecond: number) =>
      `${adapter === 'base' ? 'Base model' : `Adapter ${adapter}, ${merged ? 'merged' : 'unmerged'}`}: ${perSecond(tokensPerSecond)} (greedy, after the prompt).`,
    couldNotGenerate: 'Could not generate',
    generatingUnmerged: 'Generating unmerged…',
    merging: 'Merging, then generating…',
    generatingBase: 'Generating with the bare base…',
    compared: (adapter: string) => `Adapter ${adapter}: merged and unmerged compared.`,
    couldNotCompare: 'Could not compare',
    comparison: (c: Compared) =>
      `${c.same ? 'Identical' : 'Different'} text (${count(c.tokens)} tokens, compared token by token); unmerged ${perSecond(c.unmerged)}, merged ${perSecond(c.merged)}${c.base !== undefined ? `, bare base ${perSecond(c.base)}` : ''}. Merging took ${duration(c.mergeMs)}.`,
    summary: (adapter: string, merged: boolean) =>
      adapter === 'base'
        ? 'The bare base model, no adapter.'
        : `Adapter ${adapter}, ${merged ? 'merged into the weights' : 'computed beside the frozen weights (unmerged)'}.`,
  },
  zh: {
    missing: '本次构建还没有 LoRA 适配器（public/models/lora-sotu-v1）。',
    tableLabel: '各适配器及其验证损失',
    tableCaption: '验证损失，nats/token（越低越好）',
    measured: KIT.zh.badge.measured,
    head: ['模型', '训练的参数个数', '国情咨文'],
    mobyDick: '白鲸',
    baseRow: '基础模型（target-v1）',
    loraRow: (rank: number) => `LoRA r = ${rank}`,
    fullRow: '全量微调（未随站点发布）',
    option: (a: string) =>
      a === 'base' ? '无（基础模型）' : a === 'yours' ? '你的适配器（在上方训练一个）' : `r = ${a.slice(1)}`,
    generate: '生成',
    compare: '比较合并与不合并',
    cardSample: (tokens: number, prompt: string) => `模型卡中的贪心样本（${tokens} 个词元，提示词 "${prompt}"）：`,
    stale: '这段文本对应的是其他设置：请按“生成”。',
    generating: (adapter: string, merged: boolean) =>
      adapter === 'base' ? '正在用基础模型生成……' : `正在用适配器 ${adapter}${merged ? '（已合并）' : ' '}生成……`,
    generated: (adapter: string, merged: boolean, tokensPerSecond: number) =>
      `${adapter === 'base' ? '基础模型' : `适配器 ${adapter}，${merged ? '已合并' : '未合并'}`}：${perSecond(tokensPerSecond, '词元')}（贪心，不含提示词）。`,
    couldNotGenerate: '无法生成',
    generatingUnmerged: '正在以不合并方式生成……',
    merging: '正在合并，然后生成……',
    generatingBase: '正在用纯基础模型生成……',
    compared: (adapter: string) => `适配器 ${adapter}：已比较合并与不合并。`,
    couldNotCompare: '无法比较',
    comparison: (c: Compared) =>
      `文本${c.same ? '完全相同' : '不同'}（${count(c.tokens)} 个词元，逐个词元比较）；不合并 ${perSecond(c.unmerged, '词元')}，合并 ${perSecond(c.merged, '词元')}${c.base !== undefined ? `，纯基础模型 ${perSecond(c.base, '词元')}` : ''}。合并耗时 ${duration(c.mergeMs)}。`,
    summary: (adapter: string, merged: boolean) =>
      adapter === 'base'
        ? '纯基础模型，不加适配器。'
        : `适配器 ${adapter}，${merged ? '已合并进权重' : '在冻结的权重旁单独计算（未合并）'}。`,
  },
});
