// BatchUnion's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's, the
// charts' and the sentences on the measured run.
import type { BatchRun, SplitRow } from '../../../lib/sparsity/batch-split.ts';
import { percent, times } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';

type UnionRun = Pick<BatchRun, 'batchSizes' | 'mean' | 'steps'>;
const lastOf = <T>(xs: T[]) => xs[xs.length - 1];

export const text = bilingual({
  en: {
    prompt: 'Prompt:',
    promptAfter:
      '. Each of B sequences samples its own continuation (seed + 1000·b for sequence b); the batch is decoded as one, and a neuron counts as needed at a step if it fires for at least one sequence.',
    runAgain: 'Run again',
    atBuild: (model: string) =>
      `Measured on ${model} at build time; reruns in a background worker when this figure scrolls into view.`,
    noModel: 'No trained model yet: this figure fills in once public/models/ has one.',
    measuredOn: (model: string) => `Measured on our model (${model}).`,
    notTrained: 'not trained yet',
    tableLabel: 'Neurons needed per layer and batch size',
    tableCaption:
      "Share of each layer's neurons needed per decode step (active for ≥ 1 sequence), measured on our model",
    layer: (l: number) => `layer ${l}`,
    mean: 'mean',
    paperTitle: "PowerInfer-2's measurement",
    paperBefore: '(Bamboo-7B, layer 10, "highly activated" neurons): under 1% at batch 1, about',
    paperAfter: ' at batch 32.',
    splitTitle: 'Splitting the work: hot rows dense, cold rows sparse',
    pressRun: 'Press "Run again" to retry.',
    measuring: 'Measuring these settings…',
    decoding: (size: number) => `Decoding ${size} continuation${size > 1 ? 's' : ''} in the worker…`,
    measuredHere: (model: string, size: number, steps: number) =>
      `Measured in your browser on ${model}: B = 1…${size}, ${steps} decode steps.`,
    /** The temperature as the slider's output shows it. */
    temperature: (t: number) => (t === 0 ? '0 (greedy)' : String(t)),
    /** One sentence on how the union grows. */
    unionSentence: (run: UnionRun) => {
      const B = lastOf(run.batchSizes);
      const last = lastOf(run.mean);
      if (B === 1)
        return `Over ${run.steps} decode steps, ${percent(run.mean[0])} of a layer's neurons fire per token on average (batch of 1).`;
      return (
        `Over ${run.steps} decode steps: one sequence fires ${percent(run.mean[0])} of a layer's neurons per step on average; ` +
        `a batch of ${B} needs ${percent(last)} (${times(last / Math.max(run.mean[0], 1e-9), 2)} as many).`
      );
    },
    /** One sentence on the hot/cold split at the smallest and largest batch. */
    splitSentence: (rows: SplitRow[], hot: number) => {
      const part = (r: SplitRow) =>
        `at B = ${r.batch}, the dense unit computes ${percent(r.dense)} of the rows (${percent(r.denseUseful)} of them needed) ` +
        `and the sparse unit ${percent(r.sparse)}, so the dense unit does ${percent(r.denseShare)} of the work`;
      const first = rows[0];
      const last = lastOf(rows);
      const head = `With the hottest ${percent(hot, 0)} of each layer's neurons on the dense unit: `;
      return head + (first === last ? `${part(first)}.` : `${part(first)}; ${part(last)}.`);
    },
    unionLabel: 'Share of FFN neurons needed per decode step against batch size, per layer and mean',
    batchAxis: 'batch size B',
    unionAxis: 'neurons active for ≥ 1 sequence',
    splitLabel: 'Rows computed per step by the dense and the sparse unit, per batch size',
    rowsAxis: 'rows computed per step',
    splitParts: ['dense, needed', 'dense, not needed', 'sparse (cold, active)'],
  },
  zh: {
    prompt: '提示词：',
    promptAfter:
      '。B 个序列各自采样自己的续写（第 b 个序列的种子为 seed + 1000·b）；整批作为一个批次解码，某一步中只要有一个序列激活了某个神经元，它就算作“需要”。',
    runAgain: '重新运行',
    atBuild: (model: string) => `构建时在 ${model} 上测得；此图滚动进入视野时会在后台 worker 中重新测量。`,
    noModel: '尚无训练好的模型：public/models/ 中有模型后，此图才会填充。',
    measuredOn: (model: string) => `在我们的模型（${model}）上测得。`,
    notTrained: '尚未训练',
    tableLabel: '每层、每个批大小所需的神经元',
    tableCaption: '每个解码步中各层所需神经元（至少被 1 个序列激活）的占比，在我们的模型上测得',
    layer: (l: number) => `第 ${l} 层`,
    mean: '平均',
    paperTitle: 'PowerInfer-2 的测量',
    paperBefore: '（Bamboo-7B，第 10 层，“高度激活”的神经元）：批大小为 1 时不到 1%，批大小为 32 时约为',
    paperAfter: '。',
    splitTitle: '分摊工作：热行稠密计算，冷行稀疏计算',
    pressRun: '按“重新运行”重试。',
    measuring: '正在测量这些设置…',
    decoding: (size: number) => `正在 worker 中解码 ${size} 条续写…`,
    measuredHere: (model: string, size: number, steps: number) =>
      `已在你的浏览器中用 ${model} 测得：B = 1…${size}，${steps} 个解码步。`,
    temperature: (t: number) => (t === 0 ? '0（贪心）' : String(t)),
    unionSentence: (run: UnionRun) => {
      const B = lastOf(run.batchSizes);
      const last = lastOf(run.mean);
      if (B === 1)
        return `在 ${run.steps} 个解码步中，每个词元平均激活一层神经元的 ${percent(run.mean[0])}（批大小为 1）。`;
      return (
        `在 ${run.steps} 个解码步中：单个序列每步平均激活一层神经元的 ${percent(run.mean[0])}；` +
        `批大小为 ${B} 时需要 ${percent(last)}（是前者的 ${times(last / Math.max(run.mean[0], 1e-9), 2)}）。`
      );
    },
    splitSentence: (rows: SplitRow[], hot: number) => {
      const part = (r: SplitRow) =>
        `B = ${r.batch} 时，稠密单元计算 ${percent(r.dense)} 的行（其中 ${percent(r.denseUseful)} 确实需要），` +
        `稀疏单元计算 ${percent(r.sparse)}，因此稠密单元承担 ${percent(r.denseShare)} 的工作`;
      const first = rows[0];
      const last = lastOf(rows);
      const head = `把每层最热的 ${percent(hot, 0)} 神经元放在稠密单元上：`;
      return head + (first === last ? `${part(first)}。` : `${part(first)}；${part(last)}。`);
    },
    unionLabel: '每个解码步所需 FFN 神经元的占比随批大小的变化，分层及平均',
    batchAxis: '批大小 B',
    unionAxis: '至少被 1 个序列激活的神经元',
    splitLabel: '各批大小下稠密单元与稀疏单元每步计算的行',
    rowsAxis: '每步计算的行',
    splitParts: ['稠密，需要', '稠密，不需要', '稀疏（冷，激活）'],
  },
});
