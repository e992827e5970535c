// CompressionLoss's words in both editions (labels live in params.ts with their `zh`): the shell's, the chart's and
// the sentence on the measured pair. Units (nats/token, fp16, float32) stay as symbols.
import { bytes, nats, signedDecimal, signedPercent } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { memory, pick, type CompressionData } from './model.ts';

/** The pair's row, the float32 baseline and the bytes, when both rows were measured. */
function measured(d: CompressionData, weights: string, cache: string) {
  const r = pick(d, weights, cache);
  const base = pick(d, '16', '16');
  return r && base ? { r, base, m: memory(d, weights, cache) } : undefined;
}

export const text = bilingual({
  en: {
    /** A width as the menus and sentences name it: "16" is no compression, run in float32 (bytes counted at fp16). */
    optionName: (b: string) => (b === '16' ? 'none (float32)' : `${b}-bit`),
    deltaLabel: 'Change in loss',
    perplexity: 'Perplexity',
    linearWeights: 'Linear weights',
    kvPerToken: 'KV cache per token',
    ourModel: (model: string, tokens: number) => `Our model (${model}), ${tokens} tokens of held-out text `,
    measured: KIT.en.badge.measured,
    forScale:
      ". For scale: 4-bit weights and cache moved OPT-175B's WikiText perplexity from 10.82 to 10.94 and OPT-30B's from 12.72 to 12.90 ",
    fromPaper: 'from the paper, 2303.06865 Table 5',
    end: '.',
    chartLabel: 'Change in loss with compressed weights and cache',
    deltaAxis: 'change in loss (nats/token)',
    summaryText: (d: CompressionData, weights: string, cache: string) => {
      const x = measured(d, weights, cache);
      if (!x) return 'No measurement for this pair.';
      const { r, base, m } = x;
      const part = (b: string, what: string) => (b === '16' ? `uncompressed ${what}` : `${b}-bit ${what}`);
      return `${d.model} with ${part(weights, 'weights')} and ${part(cache, 'KV cache')} (uncompressed means float32 in the run): loss ${nats(r.loss)} (${signedDecimal(r.delta, 4)} against float32), perplexity ${r.perplexity} (${signedPercent(r.perplexity / base.perplexity - 1)}). Linear weights ${bytes(m.weights)} instead of ${bytes(m.weights16)} in fp16; KV cache ${bytes(m.kvPerToken)} per token instead of ${bytes(m.kvPerToken16)}.`;
    },
  },
  zh: {
    optionName: (b: string) => (b === '16' ? '不压缩（float32）' : `${b} 位`),
    deltaLabel: '损失的变化',
    perplexity: '困惑度',
    linearWeights: '线性层权重',
    kvPerToken: '每个词元的 KV 缓存',
    ourModel: (model: string, tokens: number) => `我们的模型（${model}），${tokens} 个留出文本词元 `,
    measured: KIT.zh.badge.measured,
    forScale:
      '。作为参照：4 位权重与缓存使 OPT-175B 的 WikiText 困惑度从 10.82 变为 10.94，OPT-30B 的从 12.72 变为 12.90 ',
    fromPaper: '来自论文，2303.06865 表 5',
    end: '。',
    chartLabel: '压缩权重与缓存后损失的变化',
    deltaAxis: '损失的变化（nats/token）',
    summaryText: (d: CompressionData, weights: string, cache: string) => {
      const x = measured(d, weights, cache);
      if (!x) return '这一组合没有测量结果。';
      const { r, base, m } = x;
      const w = weights === '16' ? '不压缩的权重' : ` ${weights} 位权重`;
      const c = cache === '16' ? '不压缩的 KV 缓存' : ` ${cache} 位 KV 缓存`;
      return `${d.model} 使用${w}和${c}（不压缩即运行时用 float32）：损失 ${nats(r.loss)}（相对 float32 ${signedDecimal(r.delta, 4)}），困惑度 ${r.perplexity}（${signedPercent(r.perplexity / base.perplexity - 1)}）。线性层权重 ${bytes(m.weights)}，fp16 时为 ${bytes(m.weights16)}；每个词元的 KV 缓存 ${bytes(m.kvPerToken)}，原为 ${bytes(m.kvPerToken16)}。`;
    },
  },
});
