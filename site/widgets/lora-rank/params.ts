// LoraRank's parameters: which matrices get an adapter, and its rank.
import { defineWidget } from '../_kit/params.ts';

export const MATRIX_CHOICES = ['qv', 'q', 'k', 'v', 'o', 'qk', 'qkvo', 'ffn', 'all'] as const;

export const schema = defineWidget({
  name: 'LoraRank',
  tag: 'lora-rank',
  urlKey: 'rank',
  params: {
    r: {
      kind: 'int',
      min: 1,
      max: 64,
      default: 4,
      label: 'Rank r',
      doc: 'the adapter rank, 1 to 64',
      zh: { label: '秩 r', doc: '适配器的秩，1 到 64' },
    },
    matrices: {
      kind: 'choice',
      values: MATRIX_CHOICES,
      default: 'qv',
      label: 'Adapted matrices',
      doc: "qv = W_q and W_v (the paper's main setting); q, k, v, o alone; qk; qkvo = all four attention matrices; ffn = the MLP's up and down projections; all = attention and MLP",
      zh: {
        label: '适配的矩阵',
        doc: 'qv = W_q 和 W_v（论文的主要设置）；q、k、v、o 单独一个；qk；qkvo = 全部四个注意力矩阵；ffn = MLP 的上投影和下投影；all = 注意力和 MLP',
      },
    },
  },
});
