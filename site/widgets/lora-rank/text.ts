// LoraRank's words in both editions (labels live in params.ts with their `zh`): the choices of matrices (LoraTrain
// offers the same choices with these names), the models, the table and its caption, the cells and the summary.
import { bilingual } from '../../i18n/text.ts';
import { bytes, count, percent } from '../_kit/format.ts';
import type { MatrixChoice, RankRow } from './model.ts';

/** A share of a model's parameters as a cell says it: a percent, or "1 in N" below 0.1%. */
const oneIn = (share: number) => count(Math.round(1 / share));

export const text = bilingual({
  en: {
    matrices: {
      qv: 'W_q and W_v',
      q: 'W_q only',
      k: 'W_k only',
      v: 'W_v only',
      o: 'W_o only',
      qk: 'W_q and W_k',
      qkvo: 'W_q, W_k, W_v, W_o',
      ffn: 'FFN up and down',
      all: 'attention and MLP (6 matrices)',
    } as Record<MatrixChoice, string>,
    models: { ours: 'our model (target-v1)', gpt3: 'GPT-3 175B' } as Record<RankRow['model'], string>,
    tableLabel: 'LoRA sizes for our model and GPT-3 175B',
    tableCaption: 'Adapter in every layer',
    modelled: "arithmetic on the models' shapes",
    head: ['model', 'trainable numbers', 'of the model', 'adapter file', 'Adam state, LoRA vs full'],
    share: (share: number) => (share < 0.001 ? `1 in ${oneIn(share)}` : percent(share, 2)),
    checkpoint: (b: number, fp16: boolean) => `${bytes(b)} (${fp16 ? 'FP16' : 'float32'})`,
    adam: (lora: number, full: number) => `${bytes(lora)} vs ${bytes(full)}`,
    captionOurs: 'Our model: 4 layers, d_model 128, 875,264 weights. GPT-3 175B: 96 layers, d_model 12,288',
    fromBrown: 'from the paper, 2005.14165 Table 2.1',
    captionFull: ', and 175,255.8M parameters for full fine-tuning',
    fromTable4: 'from the paper, 2106.09685 Table 4',
    captionBudget: '. At r = 4 on W_q and W_v the paper counts an "18M" budget, "roughly 35MB if stored in FP16"',
    fromSection: 'from the paper, 2106.09685 §7.1',
    captionAdam: '. Adam keeps two float32 moments per trained number.',
    summary: (r: number, matrices: string, ours: RankRow, oursShare: string, gpt3: RankRow, gpt3Share: string) =>
      `Rank ${r} on ${matrices} in every layer: ${count(ours.trainable)} trainable numbers for our model (${oursShare} of it), ${count(gpt3.trainable)} for GPT-3 175B (${gpt3Share}).`,
  },
  zh: {
    matrices: {
      qv: 'W_q 和 W_v',
      q: '仅 W_q',
      k: '仅 W_k',
      v: '仅 W_v',
      o: '仅 W_o',
      qk: 'W_q 和 W_k',
      qkvo: 'W_q、W_k、W_v、W_o',
      ffn: 'FFN 的上投影和下投影',
      all: '注意力和 MLP（6 个矩阵）',
    } as Record<MatrixChoice, string>,
    models: { ours: '我们的模型（target-v1）', gpt3: 'GPT-3 175B' } as Record<RankRow['model'], string>,
    tableLabel: '我们的模型与 GPT-3 175B 的 LoRA 规模',
    tableCaption: '每一层都加适配器',
    modelled: '按模型形状计算',
    head: ['模型', '可训练参数个数', '占模型比例', '适配器文件', 'Adam 状态：LoRA 对比全量'],
    share: (share: number) => (share < 0.001 ? `${oneIn(share)} 分之一` : percent(share, 2)),
    checkpoint: (b: number, fp16: boolean) => `${bytes(b)}（${fp16 ? 'FP16' : 'float32'}）`,
    adam: (lora: number, full: number) => `${bytes(lora)} 对比 ${bytes(full)}`,
    captionOurs: '我们的模型：4 层，d_model 128，875,264 个权重。GPT-3 175B：96 层，d_model 12,288',
    fromBrown: '引自论文 2005.14165 表 2.1',
    captionFull: '；全量微调时有 175,255.8M 个参数',
    fromTable4: '引自论文 2106.09685 表 4',
    captionBudget: '。在 W_q 和 W_v 上取 r = 4 时，论文算出的预算是“18M”，“以 FP16 存储约 35MB”',
    fromSection: '引自论文 2106.09685 §7.1',
    captionAdam: '。Adam 为每个训练的数保存两个 float32 矩。',
    summary: (r: number, matrices: string, ours: RankRow, oursShare: string, gpt3: RankRow, gpt3Share: string) =>
      `在每一层的 ${matrices} 上取秩 ${r}：我们的模型有 ${count(ours.trainable)} 个可训练参数（占 ${oursShare}），GPT-3 175B 有 ${count(gpt3.trainable)} 个（${gpt3Share}）。`,
  },
});
