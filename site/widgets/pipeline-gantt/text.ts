// PipelineGantt's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's, the
// chart's and the sentences on one schedule. The lane names (Pred, GIO, GC, UDIO, UDC) are PowerInfer-2's own.
import type { Lane } from '../../../lib/sparsity/pipeline.ts';
import { saving, type PipelineRun } from '../../../lib/sparsity/token-pipeline.ts';
import { duration, percent, token } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { scheduleFigures } from './model.ts';
import type { Mode } from './params.ts';

type Task = { lane: Lane; cluster: number; start: number; end: number; thread: 'io' | number };

/** What the activity sentence counts on a run. */
function activity(run: PipelineRun) {
  const firing = run.clusters.filter((c) => c.active > 0);
  const neurons = run.clusters.reduce((a, c) => a + c.active, 0);
  const fromFlash = run.clusters.filter((c) => c.active > 0 && !c.inMemory);
  const read = fromFlash.reduce((a, c) => a + c.active, 0);
  return { firing, neurons, fromFlash, read, share: percent(neurons ? read / neurons : 0) };
}

const LANE_NAMES: Record<'en' | 'zh', Record<Lane, string>> = {
  en: {
    Pred: 'predict active neurons',
    GIO: 'read gate (up) vectors from flash',
    GC: 'gate (up) compute',
    UDIO: 'read up/down vectors from flash',
    UDC: 'up/down compute',
  },
  zh: {
    Pred: '预测激活的神经元',
    GIO: '从闪存读取 gate（up）向量',
    GC: 'gate（up）计算',
    UDIO: '从闪存读取 up/down 向量',
    UDC: 'up/down 计算',
  },
};
const MODE_ZH: Record<Mode, string> = { matrix: '矩阵级', cluster: '簇级' };

export const text = bilingual({
  en: {
    mode: { matrix: 'Matrix-level', cluster: 'Cluster-level' } as Record<Mode, string>,
    cachedOut: (cached: number, of: number) => `${cached} of ${of}`,
    atBuild: (model: string) =>
      `Computed at build time from ${model}'s activations. Live once this figure is on screen.`,
    noModel: 'No trained model yet: this figure fills in once public/models/ has one.',
    noActivity: 'Cluster activity appears once a model is trained.',
    clusterTitle: (i: number, active: number, size: number, inMemory: boolean) =>
      `cluster ${i}: ${active} of ${size} neurons fire; ${inMemory ? 'in memory' : 'on flash'}`,
    boxes: (clusterSize: number) =>
      `Each box is a cluster of ${clusterSize} neurons, hottest first, with the count that fired; solid boxes are in memory, dashed ones on flash.`,
    hotRegion: (hotSize: number, clusterSize: number, boxes: number) =>
      `(NeuronCacheSim's hot region groups neurons by ${hotSize}: PowerInfer-2 sizes clusters for their use, and ${clusterSize} keeps this figure to ${boxes} boxes a layer.)`,
    total: 'Total, this pipeline',
    idle: 'I/O thread idle, this pipeline',
    bothTotals: 'Matrix-level / cluster-level',
    saved: 'Saved by the cluster pipeline',
    simulated: 'simulated',
    stageNote: (readMs: string, computeMs: string) =>
      `Stage times are simulated from PowerInfer-2's figures: each neuron's gate read and up/down read are one 4 KiB random read each (${readMs} on the UFS 4.0 curve), and computing one INT4 vector takes ${computeMs} (fitted to PowerInfer-2's Table 4). Which clusters need work is measured on our model.`,
    prev: '◀ Previous task',
    next: 'Next task ▶',
    stepHint: 'Step through the tasks in the order they start.',
    scheduling: 'Scheduling these settings in the worker…',
    schedulingNow: 'Scheduling in the worker…',
    computedHere: (model: string, tok: number, layer: number) =>
      `Computed in your browser from ${model}'s activations at token ${tok}, layer ${layer}.`,
    chartKeys: 'Pipeline schedule; left and right arrow keys step through the tasks',
    chartLabel: (mode: Mode) => `Gantt chart of the ${mode}-level pipeline`,
    timeAxis: 'time (simulated)',
    kinds: { io: 'flash I/O', compute: 'compute' },
    /** Which clusters fire, in words. */
    activitySentence: (run: PipelineRun) => {
      const { firing, neurons, fromFlash, read, share } = activity(run);
      return (
        `Token ${run.token} (${token(run.tokenText)}), layer ${run.layer}: ${neurons} of ${run.clusters.length * run.clusterSize} neurons fire, ` +
        `in ${firing.length} of ${run.clusters.length} clusters (measured on our model); ${run.cachedClusters} hottest clusters are in memory, ` +
        `so ${read} neuron${read === 1 ? '' : 's'} (${share} of those needed) in ${fromFlash.length} cluster${fromFlash.length === 1 ? '' : 's'} must be read from flash.`
      );
    },
    /** Both totals and the difference, in words. */
    pipelineSentence: (run: PipelineRun, mode: Mode) => {
      const m = scheduleFigures(run.matrix);
      const c = scheduleFigures(run.cluster);
      const s = saving(run);
      return (
        `Showing the ${mode}-level pipeline. Matrix-level: ${m.total} in all, the I/O thread idle ${m.idle} between reads; ` +
        `cluster-level: ${c.total}, idle ${c.idle} (simulated times). ` +
        (Math.abs(s) < 0.0005
          ? 'Here the two take the same time.'
          : `Dropping the matrix boundaries ${s > 0 ? 'saves' : 'costs'} ${percent(Math.abs(s))}.`)
      );
    },
    /** One task, in words, for keyboard step-through. */
    taskSentence: (t: Task, index: number, count: number) => {
      const who = t.cluster < 0 ? 'all clusters' : `cluster ${t.cluster}`;
      const thread = t.thread === 'io' ? 'the I/O thread' : `compute thread ${Number(t.thread)}`;
      return `Task ${index + 1} of ${count}: ${t.lane} (${LANE_NAMES.en[t.lane]}) for ${who}, from ${duration(t.start)} to ${duration(t.end)} on ${thread}.`;
    },
  },
  zh: {
    mode: MODE_ZH,
    cachedOut: (cached: number, of: number) => `${of} 个中的 ${cached} 个`,
    atBuild: (model: string) => `构建时由 ${model} 的激活算出。此图出现在屏幕上后即可实时调节。`,
    noModel: '尚无训练好的模型：public/models/ 中有模型后，此图才会填充。',
    noActivity: '训练好模型后，这里会显示各簇的激活情况。',
    clusterTitle: (i: number, active: number, size: number, inMemory: boolean) =>
      `第 ${i} 簇：${size} 个神经元中激活 ${active} 个；${inMemory ? '在内存中' : '在闪存上'}`,
    boxes: (clusterSize: number) =>
      `每个方框是一个含 ${clusterSize} 个神经元的簇，最热的在前，框内数字为激活的个数；实线框在内存中，虚线框在闪存上。`,
    hotRegion: (hotSize: number, clusterSize: number, boxes: number) =>
      `（NeuronCacheSim 的热区按 ${hotSize} 个神经元分组：PowerInfer-2 按用途确定簇的大小，这里取 ${clusterSize}，使此图每层只有 ${boxes} 个方框。）`,
    total: '总时间，当前流水线',
    idle: 'I/O 线程空闲，当前流水线',
    bothTotals: '矩阵级 / 簇级',
    saved: '簇级流水线节省',
    simulated: '模拟',
    stageNote: (readMs: string, computeMs: string) =>
      `各阶段时间依据 PowerInfer-2 的数据模拟：每个神经元的 gate 读取和 up/down 读取各是一次 4 KiB 随机读取（按 UFS 4.0 曲线为 ${readMs}），计算一个 INT4 向量需 ${computeMs}（按 PowerInfer-2 表 4 拟合）。哪些簇需要计算则在我们的模型上测得。`,
    prev: '◀ 上一个任务',
    next: '下一个任务 ▶',
    stepHint: '按开始的先后逐个查看任务。',
    scheduling: '正在 worker 中按这些设置调度…',
    schedulingNow: '正在 worker 中调度…',
    computedHere: (model: string, tok: number, layer: number) =>
      `已在你的浏览器中由 ${model} 的激活算出：第 ${tok} 个词元，第 ${layer} 层。`,
    chartKeys: '流水线调度；用左右方向键逐个查看任务',
    chartLabel: (mode: Mode) => `${MODE_ZH[mode]}流水线的甘特图`,
    timeAxis: '时间（模拟）',
    kinds: { io: '闪存 I/O', compute: '计算' },
    activitySentence: (run: PipelineRun) => {
      const { firing, neurons, fromFlash, read, share } = activity(run);
      return (
        `第 ${run.token} 个词元（${token(run.tokenText)}），第 ${run.layer} 层：${run.clusters.length * run.clusterSize} 个神经元中激活 ${neurons} 个，` +
        `分布在 ${run.clusters.length} 个簇中的 ${firing.length} 个（在我们的模型上测得）；最热的 ${run.cachedClusters} 个簇在内存中，` +
        `因此 ${fromFlash.length} 个簇中的 ${read} 个神经元（占所需的 ${share}）必须从闪存读取。`
      );
    },
    pipelineSentence: (run: PipelineRun, mode: Mode) => {
      const m = scheduleFigures(run.matrix);
      const c = scheduleFigures(run.cluster);
      const s = saving(run);
      return (
        `当前显示${MODE_ZH[mode]}流水线。矩阵级：共 ${m.total}，I/O 线程在两次读取之间空闲 ${m.idle}；` +
        `簇级：${c.total}，空闲 ${c.idle}（模拟时间）。` +
        (Math.abs(s) < 0.0005
          ? '此处两者用时相同。'
          : `去掉矩阵边界${s > 0 ? '节省' : '多花'} ${percent(Math.abs(s))}。`)
      );
    },
    taskSentence: (t: Task, index: number, count: number) => {
      const who = t.cluster < 0 ? '所有簇' : `第 ${t.cluster} 簇`;
      const thread = t.thread === 'io' ? 'I/O 线程' : `计算线程 ${Number(t.thread)}`;
      return `任务 ${index + 1}/${count}：${t.lane}（${LANE_NAMES.zh[t.lane]}），${who}，在${thread}上从 ${duration(t.start)} 到 ${duration(t.end)}。`;
    },
  },
});
