// QuantizeIt's words in both editions (labels live in params.ts with their `zh`): the methods' and models' names
// (AlphaSlider names the models with these too), the samples, the runs table, and the sentences on a run.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { QUANT_MODEL_LABELS, type MethodName, type QuantModelName } from '../../../lib/quant/settings.ts';
import { bytes, count, signedPercent, sig } from '../_kit/format.ts';

/** A signed difference in nats/token, 3 significant digits at most. */
export const signed = (x: number) => `${x >= 0 ? '+' : '−'}${sig(Math.abs(x), 3)}`;

/** What a result sentence states: the run, its loss and file beside fp32's, and the paired interval. */
export interface ResultFigures {
  model: string;
  run: string;
  loss: number;
  fp32Loss: number;
  lo: number;
  hi: number;
  perplexityChange: number;
  tokens: number;
  bytes: number;
  fp32Bytes: number;
}
/** What a comparison with the previous run states. */
export interface Comparison {
  before: string;
  mean: number;
  lo: number;
  hi: number;
  tokens: number;
  verdict: 'noise' | 'better' | 'worse';
}

export const text = bilingual({
  en: {
    methods: {
      rtn: 'Round to nearest (RTN)',
      'keep-activation': 'RTN, keep 1% of channels fp32: by activation',
      'keep-weight': 'RTN, keep 1% of channels fp32: by weight norm',
      'keep-random': 'RTN, keep 1% of channels fp32: at random',
      awq: 'AWQ (scale search + clipping)',
    } as Record<MethodName, string>,
    models: QUANT_MODEL_LABELS as Record<QuantModelName, string>,
    /** The model column of the runs table. */
    modelCell: { 'target-v1': 'target-v1', outliers: 'outliers (constructed)' } as Record<QuantModelName, string>,
    missing: 'target-v1 is not in public/models, so there is nothing to quantize.',
    measured: KIT.en.badge.measured,
    atRuntime: 'This setting is computed when the page runs.',
    fp32Sample: 'fp32, greedy',
    quantSample: 'quantized, greedy',
    runsLabel: 'Quantization runs',
    runsCaption: (tokens: number, loss: number, fileBytes: number) =>
      `Runs on this page: loss on ${count(tokens)} held-out tokens (fp32: ${sig(loss, 5)} nats/token, ${bytes(fileBytes)})`,
    runsHead: ['bits', 'group', 'method', 'model', 'loss', 'vs fp32 (95% paired interval)', 'file'],
    caption:
      'Prompt for both samples: “Call me Ishmael.”, 32 tokens. AWQ searches 20 values of α for each of 16 layers and then clips: allow it some seconds. Intervals: a paired bootstrap over the same held-out tokens (1,000 resamples of whole 128-token windows); a difference whose interval contains 0 is within the noise of this passage. The outlier model is constructed, not trained: see the lesson.',
    quantizing: 'Quantizing…',
    done: "Done on the worker's backend.",
    runLabel: (bits: number, group: number, method: string) => `int${bits}, group ${group}, ${method}`,
    interval: (lo: number, hi: number) => `95% interval ${signed(lo)} to ${signed(hi)}`,
    cellInterval: (d: number, lo: number, hi: number) => `${signed(d)} (${signed(lo)} to ${signed(hi)})`,
    result: (f: ResultFigures) =>
      `${f.model}, ${f.run}: loss ${sig(f.loss, 5)} nats/token against ${sig(f.fp32Loss, 5)} in fp32 ` +
      `(${signed(f.loss - f.fp32Loss)}, 95% interval ${signed(f.lo)} to ${signed(f.hi)}; perplexity ${signedPercent(f.perplexityChange)}) ` +
      `on ${count(f.tokens)} held-out tokens; file ${bytes(f.bytes)} against ${bytes(f.fp32Bytes)}.`,
    otherModel: 'The previous run quantized another model, so the two are not compared.',
    comparison: (c: Comparison) =>
      `Against the previous run (${c.before}): ${signed(c.mean)} nats/token, ` +
      `paired over the same ${count(c.tokens)} tokens, 95% interval ${signed(c.lo)} to ${signed(c.hi)}; ${
        {
          noise: 'the interval contains 0: on these tokens the two cannot be told apart.',
          better: 'the whole interval is below 0: this run is better on these tokens.',
          worse: 'the whole interval is above 0: this run is worse on these tokens.',
        }[c.verdict]
      }`,
  },
  zh: {
    methods: {
      rtn: '就近舍入（RTN）',
      'keep-activation': 'RTN，保留 1% 通道为 fp32：按激活选',
      'keep-weight': 'RTN，保留 1% 通道为 fp32：按权重范数选',
      'keep-random': 'RTN，保留 1% 通道为 fp32：随机选',
      awq: 'AWQ（缩放搜索 + 截断）',
    } as Record<MethodName, string>,
    models: {
      'target-v1': 'target-v1（训练所得）',
      outliers: '植入离群通道的 target-v1（人为构造）',
    } as Record<QuantModelName, string>,
    modelCell: { 'target-v1': 'target-v1', outliers: 'outliers（人为构造）' } as Record<QuantModelName, string>,
    missing: 'public/models 中没有 target-v1，因此无从量化。',
    measured: KIT.zh.badge.measured,
    atRuntime: '这个设置会在页面运行时计算。',
    fp32Sample: 'fp32，贪心',
    quantSample: '量化后，贪心',
    runsLabel: '量化运行记录',
    runsCaption: (tokens: number, loss: number, fileBytes: number) =>
      `本页上的运行：${count(tokens)} 个留出词元上的损失（fp32：${sig(loss, 5)} nats/token，${bytes(fileBytes)}）`,
    runsHead: ['比特', '分组', '方法', '模型', '损失', '相对 fp32（95% 配对区间）', '文件'],
    caption:
      '两段样本的提示词都是“Call me Ishmael.”，生成 32 个词元。AWQ 对 16 个层各搜索 20 个 α 值，然后做截断：需要几秒钟。区间：在同一批留出词元上做配对自助法（对完整的 128 词元窗口重抽样 1,000 次）；区间包含 0 的差异在这段文本的噪声之内。离群值模型是人为构造的，而非训练所得：详见课程正文。',
    quantizing: '正在量化……',
    done: '已在 worker 的后端上完成。',
    runLabel: (bits: number, group: number, method: string) => `int${bits}，分组 ${group}，${method}`,
    interval: (lo: number, hi: number) => `95% 区间 ${signed(lo)} 到 ${signed(hi)}`,
    cellInterval: (d: number, lo: number, hi: number) => `${signed(d)}（${signed(lo)} 到 ${signed(hi)}）`,
    result: (f: ResultFigures) =>
      `${f.model}，${f.run}：损失 ${sig(f.loss, 5)} nats/token，fp32 为 ${sig(f.fp32Loss, 5)}` +
      `（${signed(f.loss - f.fp32Loss)}，95% 区间 ${signed(f.lo)} 到 ${signed(f.hi)}；困惑度 ${signedPercent(f.perplexityChange)}），` +
      `在 ${count(f.tokens)} 个留出词元上测得；文件 ${bytes(f.bytes)}，fp32 为 ${bytes(f.fp32Bytes)}。`,
    otherModel: '上一次运行量化的是另一个模型，因此不做比较。',
    comparison: (c: Comparison) =>
      `与上一次运行（${c.before}）相比：${signed(c.mean)} nats/token，` +
      `在同样的 ${count(c.tokens)} 个词元上配对，95% 区间 ${signed(c.lo)} 到 ${signed(c.hi)}；${
        {
          noise: '区间包含 0：在这些词元上两者无法区分。',
          better: '整个区间都低于 0：在这些词元上这次运行更好。',
          worse: '整个区间都高于 0：在这些词元上这次运行更差。',
        }[c.verdict]
      }`,
  },
});
