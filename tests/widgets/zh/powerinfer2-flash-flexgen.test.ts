// @vitest-environment jsdom-ssr
// Issue 25, the Chinese edition of the PowerInfer-2, LLM in a flash and FlexGen widgets: each widget's real shell,
// rendered for a /zh/ page, and its element running on a page whose <html lang> is zh-Hans (the model worker is a
// fake that computes from its payload). Chinese words stand where the English ones were, and no English word is
// left outside elements marked lang="en", other than names (models, papers, products) and symbols.
import { renderChinese } from '../zh-shell.ts';
import { fakeBatchRun } from '../worker/fake-client.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { splitAt, type BatchRun } from '../../../lib/sparsity/batch-split.ts';
import { splitChart, unionChart } from '../../../site/widgets/batch-union/chart.ts';
import { storageCurvePoints } from '../../../lib/hardware/storage-curve.ts';
import type { CachePoint } from '../../../lib/sparsity/cache-sweep.ts';
import { matrixLevelSchedule } from '../../../lib/sparsity/matrix-schedule.ts';
import { schedulePipeline } from '../../../lib/sparsity/pipeline.ts';
import { ganttChart } from '../../../site/widgets/pipeline-gantt/chart.ts';
import { windowCurve, windowGrid } from '../../../site/widgets/flash-window/chart.ts';
import { bundlingChart } from '../../../site/widgets/flash-bundling/chart.ts';
import { storageChart } from '../../../site/widgets/flash-storage/chart.ts';
import type { Curve } from '../../../site/widgets/flash-storage/model.ts';
import { getHighs } from '../../../lib/offload/policy-search.ts';
import { solveRequest, type SolveRequest } from '../../../lib/offload/solve-request.ts';
import { defaultsOf } from '../../../site/widgets/_kit/params.ts';
import { termChart, tierChart } from '../../../site/widgets/policy-solver/chart.ts';
import { schema as policySchema } from '../../../site/widgets/policy-solver/params.ts';
import { bars, requestOf, terms } from '../../../site/widgets/policy-solver/model.ts';
import { scheduleChart } from '../../../site/widgets/schedule-animator/chart.ts';
import { tradeoffChart } from '../../../site/widgets/tradeoff-curve/chart.ts';
import { curve } from '../../../site/widgets/tradeoff-curve/model.ts';
import results from '../../../site/data/flexgen-results.json';
import { compressionChart } from '../../../site/widgets/compression-loss/chart.ts';
import { pick, type CompressionData } from '../../../site/widgets/compression-loss/model.ts';
import { scheduleView } from '../../../site/widgets/schedule-animator/model.ts';
import { sweepChart, ufsChart } from '../../../site/widgets/neuron-cache-sim/chart.ts';
import {
  BatchUnion,
  FlashBundling,
  FlashStepper,
  FlashStorage,
  FlashWindow,
  NeuronCacheSim,
  PipelineGantt,
  PolicySolver,
  CompressionLoss,
  ScheduleAnimator,
  TradeoffCurve,
} from '../../../site/widgets/index.ts';

// ---- the fake model worker: answers computed from the payload ----
let answer: (type: string, payload: Record<string, unknown>) => unknown = () => ({});
const fakeWorker = {
  request: async (type: string, payload: Record<string, unknown>) => {
    await new Promise((r) => setTimeout(r, 5));
    return answer(type, payload);
  },
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu', reason: 'the first backend that started', skipped: [] }),
};
vi.mock('../../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));

/** A widget's shell as a Chinese page renders it (its URL is under /zh/), mounted on a zh-Hans page and settled. */
async function mountZh(shell: typeof BatchUnion, tag: string, load: () => Promise<unknown>) {
  const html = await renderChinese(shell);
  await load();
  document.body.innerHTML = html;
  const el = document.querySelector<HTMLElement>(tag)!;
  await settle();
  return el;
}

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * Latin words a reader sees in `el` outside elements marked lang="en": text, aria-labels and titles (not URL keys,
 * ids or class names). Single letters and unit symbols (B, k, ms, MB) are not words here; `names` are allowed.
 * A <Stat> inside a widget is skipped: its badge's words are Stat's own (site/widgets/stat), not the widget's.
 */
function englishLeft(el: Element, names: string[] = []): string[] {
  const seen: string[] = [];
  const add = (s: string) => {
    // "tokens/s" and "nats/token" are the kit's units (perSecond, nats), symbols in both editions.
    for (const w of s.replace(/tokens\/s|nats\/token/g, '').match(/[A-Za-z][\w'’-]*[A-Za-z0-9]/g) ?? [])
      if (!UNITS.has(w) && !NAMES.has(w) && !names.includes(w)) seen.push(w);
  };
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    const host = n.nodeType === Node.TEXT_NODE ? n.parentElement : (n as Element);
    if (!host || host.closest('[lang="en"], .stat, script, style, template')) continue;
    if (n.nodeType === Node.TEXT_NODE) add(n.textContent ?? '');
    else
      for (const a of ['aria-label', 'title', 'placeholder', 'aria-description'])
        add((n as Element).getAttribute(a) ?? '');
  }
  return [...new Set(seen)];
}
/** A chart drawn for a Chinese page: checks its name and returns the words in it (legend, axes). */
function chartZh(fig: Element, label: string) {
  const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
  expect(svg.getAttribute('aria-label')).toBe(label);
  return fig.textContent ?? '';
}

/** Names that stay English in Chinese text: papers' systems, models, formats, products. */
const NAMES = new Set([
  'PowerInfer-2',
  'OPT-175B',
  'OPT-30B',
  'OPT-6',
  'T4',
  'KV',
  'Bamboo-7B',
  'FlexGen',
  'UFS',
  'OPFS',
  'arXiv',
  'target-v1',
  'draft-v1',
  'INT4',
  'FP16',
  'fp16',
  'fp32',
]);

/** Unit symbols and abbreviations that stay as they are in Chinese text. */
const UNITS = new Set([
  'iframe',
  'ms',
  'µs',
  'MB',
  'GB',
  'KB',
  'KiB',
  'MiB',
  'GiB',
  'TiB',
  'FFN',
  'NPU',
  'CPU',
  'GPU',
  'DRAM',
  'tok',
  'IO',
]);

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
  document.documentElement.lang = 'zh-Hans';
});
afterEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});
afterAll(() => {
  document.documentElement.lang = 'en';
});

describe('the Chinese edition of the widgets (issue 25)', () => {
  it('BatchUnion: the shell, the measured run and its sentences in Chinese', async () => {
    answer = (_, p) => fakeBatchRun(p, 0.05);
    const el = await mountZh(BatchUnion, 'batch-union', () => import('../../../site/widgets/batch-union/element.ts'));
    expect(el.querySelector('[data-action="run"]')!.textContent).toBe('重新运行');
    expect(el.querySelector('label[for="batch-size"]')!.textContent).toBe('最大批大小 B');
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(
      /^已在你的浏览器中用 .+ 测得：B = 1…16，16 个解码步。$/,
    );
    expect(el.querySelector('[data-caption="union"]')!.textContent).toMatch(/^在 16 个解码步中：单个序列每步平均激活/);
    expect(el.querySelector('[data-table="union"] thead')!.textContent).toBe('B第 0 层第 1 层平均');
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/把每层最热的 20% 神经元放在稠密单元上：B = 1 时/);
    expect(englishLeft(el, ['seed', 'worker'])).toEqual([]);
  });

  it('BatchUnion: both charts name, describe and label themselves in Chinese', () => {
    const union = [
      [0.1, 0.12],
      [0.2, 0.22],
    ];
    const run = { batchSizes: [1, 2], steps: 4, nLayer: 2, nFfn: 4, union, mean: [0.11, 0.21] } as BatchRun;
    const u = unionChart(run, { width: 375, document, lang: 'zh' });
    expect(chartZh(u, '每个解码步所需 FFN 神经元的占比随批大小的变化，分层及平均')).toMatch(/第 0 层.*平均.*批大小 B/s);
    const rows = splitAt({ ...run, byRank: union.map((l) => l.map((x) => Float32Array.of(1, x, x, 0))) }, 0.25);
    const s = splitChart(rows, 0.25, { width: 375, document, lang: 'zh' });
    expect(chartZh(s, '各批大小下稠密单元与稀疏单元每步计算的行')).toMatch(/稠密，需要.*每步计算的行/s);
    expect(englishLeft(u)).toEqual([]);
    expect(englishLeft(s)).toEqual([]);
  });

  it('NeuronCacheSim: the shell, the replay, its figures and sentences in Chinese', async () => {
    answer = (_, p) => ({
      points: (p.memories as number[]).map((memory) => {
        const hitRate = Math.min(1, memory + Number(p.hot) / 10);
        return {
          memory,
          hitRate,
          hotHitRate: hitRate,
          coldHitRate: hitRate / 2,
          missesPerToken: 100 * (1 - hitRate),
          readsPerToken: 50 * (1 - hitRate),
          bytesReadPerToken: 4096 * 50 * (1 - hitRate),
          ioMsPerToken: 1 - hitRate,
          ioTokensPerSecond: 100 * hitRate,
        };
      }),
    });
    const el = await mountZh(
      NeuronCacheSim,
      'neuron-cache-sim',
      () => import('../../../site/widgets/neuron-cache-sim/element.ts'),
    );
    expect(el.querySelector('label[for="cache-neuron"]')!.textContent).toBe('神经元向量的大小');
    expect(el.querySelector('[data-control="bundle"]')!.textContent).toMatch(
      /存储方式\s*捆绑存放神经元的上投影与下投影/,
    );
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^已在你的浏览器中经 .+ 回放。/);
    expect(el.querySelector('[data-read]')!.textContent).toMatch(/^一次冷未命中一次（上投影与下投影一起）读取 /);
    expect(el.querySelector('[data-caption]')!.textContent).toMatch(
      /^FFN 权重的 50% 放在内存中（其中 50% 给热簇，捆绑读取）：所需神经元中有 55% 已在内存中/,
    );
    expect(el.querySelector('.kit-stats')!.textContent).toContain('每个词元的闪存时间');
    expect(englishLeft(el, ['worker', 'v3'])).toEqual([]);
  });

  it('NeuronCacheSim: the sweeps and the UFS chart in Chinese', () => {
    const pts = [0, 0.5, 1].map((memory) => ({ memory, hitRate: memory, ioMsPerToken: 1 - memory }) as CachePoint);
    const hit = sweepChart(pts, 0.5, 'hit', { width: 375, document, lang: 'zh' });
    expect(chartZh(hit, '命中率随内存大小的变化')).toMatch(/内存（占 FFN 的比例）/);
    const ufs = ufsChart(storageCurvePoints(), { bytes: 8192, bandwidth: 1e9 }, { width: 375, document, lang: 'zh' });
    expect(chartZh(ufs, 'UFS 4.0 读取带宽随读取大小的变化，随机与顺序')).toMatch(/随机.*顺序.*带宽（GB\/s）/s);
    for (const fig of [hit, ufs]) expect(englishLeft(fig)).toEqual([]);
  });

  it('PipelineGantt: the shell, the schedule, the task steps and the chart in Chinese', async () => {
    const work = Array.from({ length: 16 }, (_, c) => ({
      gateIoMs: c < 15 ? 0 : 0.1,
      gateComputeMs: 0.05,
      udIoMs: c < 15 ? 0 : 0.2,
      udComputeMs: 0.1,
    }));
    answer = (_, p) => ({
      token: Number(p.token),
      layer: Number(p.layer),
      tokenText: ' x',
      clusterSize: 32,
      cachedClusters: 15,
      clusters: work.map((_, c) => ({ active: c % 3, size: 32, inMemory: c < 15 })),
      work,
      matrix: matrixLevelSchedule(work, 1),
      cluster: schedulePipeline(work, { computeThreads: 1, mode: 'cluster' }),
      readMs: 0.1,
      computeMsPerVector: 0.001,
    });
    const el = await mountZh(
      PipelineGantt,
      'pipeline-gantt',
      () => import('../../../site/widgets/pipeline-gantt/element.ts'),
    );
    expect(el.querySelector('[data-control="mode"]')!.textContent).toMatch(/流水线\s*矩阵级\s*簇级/);
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(
      /^已在你的浏览器中由 .+ 的激活算出：第 40 个词元，第 0 层。$/,
    );
    expect(el.querySelector('[data-out="cached"]')!.textContent).toBe('16 个中的 15 个');
    expect(el.querySelector('.pg-cluster')!.getAttribute('title')).toBe('第 0 簇：32 个神经元中激活 0 个；在内存中');
    expect(el.querySelector('[data-caption]')!.textContent).toMatch(/^当前显示簇级流水线。矩阵级：共 /);
    expect(el.querySelector('[data-out="step"]')!.textContent).toBe('按开始的先后逐个查看任务。');
    el.querySelector<HTMLButtonElement>('[data-action="next"]')!.click();
    expect(el.querySelector('[data-out="step"]')!.textContent).toMatch(
      /^任务 1\/\d+：Pred（预测激活的神经元），所有簇，在/,
    );
    expect(
      englishLeft(el, ['Pred', 'GIO', 'GC', 'UDIO', 'UDC', 'gate', 'up', 'down', 'NeuronCacheSim', 'worker']),
    ).toEqual([]);
    const run = { matrix: matrixLevelSchedule(work, 1) };
    const fig = ganttChart(run.matrix.tasks, {
      width: 375,
      document,
      maxMs: 1,
      label: '甘特图',
      description: '…',
      lang: 'zh',
    });
    expect(chartZh(fig, '甘特图')).toMatch(/闪存 I\/O.*计算.*时间（模拟）/s);
    expect(englishLeft(fig, ['Pred', 'GIO', 'GC', 'UDIO', 'UDC'])).toEqual([]);
  });

  it('FlashWindow: the shell, its notes, counts and sentences, and both charts in Chinese', async () => {
    const SYMBOLS = ['s_agg', 'load']; // the paper's s_agg(k) and Δ_load(k)
    history.replaceState(null, '', '/?window.token=9999');
    const el = await mountZh(
      FlashWindow,
      'flash-window',
      () => import('../../../site/widgets/flash-window/element.ts'),
    );
    expect(el.querySelector('label[for="window-k"]')!.textContent).toBe('窗口 k（保留在内存中的词元数）');
    expect(el.querySelector('.kit-stats')!.textContent).toMatch(/该词元需要.*保留在内存中.*已保留.*需加载/s);
    expect(el.querySelector('[data-notes]')!.textContent).toMatch(
      /window\.token=127 超出了提示词的最后一个词元，改用 \d+。/,
    );
    expect(el.querySelector('[data-out="sentence"]')!.textContent).toMatch(
      /^第 1 层，第 \d+ 个词元（.*）：词元 \d+ 需要 /,
    );
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /个留出文本词元、所有层上：k = 5 时每个词元平均加载 FFN 的 /,
    );
    // The prompt is marked English; its tokens appear in the sentence too, as the data they are.
    const prompt = (el.querySelector('[lang="en"]')!.textContent ?? '').match(/[A-Za-z]\w*/g) ?? [];
    expect(englishLeft(el, [...prompt, 'window', 'token', ...SYMBOLS])).toEqual([]);
    const active = [[0, 1], [1, 2], [3], [1, 3, 4]];
    const grid = windowGrid(active, ['1', '2', '3', '4'], 8, 3, 2, { width: 500, lang: 'zh' });
    expect(chartZh(grid, '最近 2 个词元与词元 3 的神经元')).toMatch(/保留在内存中.*需要，须加载/s);
    const curve = windowCurve({ k: [0, 1, 2], sAgg: [0, 0.1, 0.17], deltaLoad: [0.1, 0.07, 0.05], tokens: 100 }, 1, {
      width: 500,
      lang: 'zh',
    });
    expect(chartZh(curve, 'FFN 中保留与加载的占比随窗口大小 k 的变化')).toMatch(/窗口 k（词元）/);
    for (const fig of [grid, curve]) expect(englishLeft(fig, SYMBOLS)).toEqual([]);
  });

  it('FlashBundling: the tables, the summary and the chart in Chinese', async () => {
    const el = await mountZh(
      FlashBundling,
      'flash-bundling',
      () => import('../../../site/widgets/flash-bundling/element.ts'),
    );
    expect(el.querySelector('table tbody')!.textContent).toMatch(/^上投影与下投影分开.*行列捆绑.*最亲密伙伴捆绑/);
    expect(el.querySelector('[data-control="layers"] thead')!.textContent).toContain('被点名最多的伙伴：点名者数');
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /^在我们的模型上，每个词元：上投影与下投影分开时读取 /,
    );
    expect(englishLeft(el)).toEqual([]);
    const f = { activePerToken: 200, friendReadsPerToken: 180, bytesRatio: 1.8, wastedFriendShare: 0.9, layers: [] };
    const fig = bundlingChart(f as never, 1024, { width: 500, lang: 'zh' });
    expect(chartZh(fig, '三种闪存布局下每个词元的读取次数与 KiB')).toMatch(/上投影与下投影分开.*读取次数.*读取 KiB/s);
    expect(englishLeft(fig)).toEqual([]);
  });

  it('FlashStepper: the shell, a run, its counters and sentences in Chinese', async () => {
    answer = (type) => {
      if (type === 'flash.start')
        return { session: 1, remaining: 64, notes: [], storage: 'opfs', rebuilt: true, setup: { reads: 0 } };
      const step = { id: 1, text: '.', memoryText: '.', same: true, reads: 2, bytes: 4096, neuronsLoaded: 4 };
      return [{ ...step, neuronsChosen: 8, dramBytes: 0, readMs: 1, paperMs: 1, curveMs: null }];
    };
    const el = await mountZh(
      FlashStepper,
      'flash-stepper',
      () => import('../../../site/widgets/flash-stepper/element.ts'),
    );
    expect(el.querySelector('label[for="stepper-neurons"]')!.textContent).toBe('读取的神经元');
    expect(el.querySelector('[id="stepper-neurons"]')!.textContent).toBe(
      '全部（朴素）预测的（predictor-v1）精确激活集合（理想情形）',
    );
    expect(el.querySelector('[data-out="budget"]')!.textContent).toBe('100%（不设上限）');
    expect(el.querySelector('[data-out="basis"]')!.textContent).toMatch(
      /^构建机器上在 .+ 个留出文本词元上的每词元平均/,
    );
    expect(englishLeft(el, ['predictor-v1'])).toEqual([]);
    el.querySelector<HTMLInputElement>('[id="stepper-tokens"]')!.value = '2';
    el.querySelector('[id="stepper-tokens"]')!.dispatchEvent(new Event('input', { bubbles: true }));
    el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toBe('2 个词元。');
    expect(el.querySelector('[data-out="neurons"]')!.textContent).toBe('选中 8 个，加载 4 个');
    expect(el.querySelector('[data-out="curveMs"]')!.textContent).toBe('请先在上方测量你的设备');
    expect(el.querySelector('[data-out="basis"]')!.textContent).toMatch(
      /^在此测得：target-v1 的 FFN 从源私有文件系统（OPFS）读取（存储刚刚写入）。数值为本次运行 2 个词元的每词元平均。仅最后一个词元：2 次读取共 4 KiB/,
    );
    expect(el.querySelector('[data-out="same"]')!.textContent).toBe('2 个词元与全在内存中的模型相同。');
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /^从存储读取 FFN 生成了 2 个词元；文本与全在内存中的模型写出的相同。/,
    );
    expect(englishLeft(el, ['predictor-v1'])).toEqual([]);
  });

  it('FlashStorage: the shell, a measurement, the table, sentences and chart in Chinese', async () => {
    answer = (type, p) => {
      if (type === 'flash.roundtrip')
        return { storage: 'opfs', fallback: null, bytesWritten: p.bytes, bytesRead: p.bytes, reads: 1, equal: true };
      const points = (['sequential', 'scattered'] as const).flatMap((order, o) =>
        [1024, 32768].map((chunkBytes) => ({ order, chunkBytes, bytesPerSecond: 1e8 * (o + 1), microsPerRead: 1 })),
      );
      return { storage: 'opfs', fallback: null, points };
    };
    const el = await mountZh(
      FlashStorage,
      'flash-storage',
      () => import('../../../site/widgets/flash-storage/element.ts'),
    );
    expect(el.querySelector('label[for="storage-chunk"]')!.textContent).toBe('要比较的读取大小（KiB）');
    expect(el.querySelector('[data-out="chunk"]')!.textContent).toMatch(
      /^32 KiB 的读取（fp32 下 OPT 6\.7B 的一个捆绑，见论文附录 C\.1）：构建机器顺序读取 /,
    );
    expect(el.querySelector('[data-out="seq"]')!.textContent).toBe('未测量');
    el.querySelector<HTMLButtonElement>('[data-action="measure"]')!.click();
    await settle();
    expect(el.querySelector('[data-out="storage"]')!.textContent).toBe(
      '源私有文件系统（OPFS），worker 中的同步访问句柄',
    );
    expect(el.querySelector('[data-out="roundtrip"]')!.textContent).toBe('写入 1 MiB，用 1 次读取读回 1 MiB，完全一致');
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^已在本设备的 worker 中测得（源私有文件系统）。/);
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /在本设备上，1 KiB 的分散读取速度为 .+论文中的 M1 Max 读取单个神经元为 1\.25 GB\/s/,
    );
    expect(englishLeft(el, ['M1', 'Max', 'OPT', 'worker'])).toEqual([]);
    const { points } = answer('flash.measure', {}) as Curve;
    const fig = storageChart([{ who: 'this device', points }], { width: 600, lang: 'zh' }, 1024);
    const words = chartZh(fig, '读取吞吐量随读取大小的变化');
    for (const w of ['本设备，顺序', '本设备，分散', '论文，矩阵', '论文，神经元', '读取大小（KiB）'])
      expect(words).toContain(w);
    expect(englishLeft(fig, ['M1', 'Max'])).toEqual([]);
  });

  it('ScheduleAnimator: the shell, its counts, the run of our model and the grid in Chinese', async () => {
    answer = () => ({
      weightLoads: 48,
      expectedWeightLoads: 48,
      weightBytesPerToken: 2048,
      tokensPerSecond: 12.5,
      kernels: 'js', // the lean engine's plain-JavaScript kernels
    });
    history.replaceState(null, '', '/?sched.step=5');
    const el = await mountZh(
      ScheduleAnimator,
      'offload-schedule',
      () => import('../../../site/widgets/schedule-animator/element.ts'),
    );
    expect(el.querySelector('[id="sched-order"]')!.textContent).toBe('逐行之字形块逐列');
    expect(el.querySelector('[data-out="step"]')!.textContent).toMatch(/^5 \/ \d+$/);
    expect(el.querySelector('[data-out="live"]')!.textContent).toMatch(/^6 个批次中的 \d 个$/);
    expect(el.querySelector('[data-out="bls"]')!.textContent).toBe('96 条序列');
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /^之字形块调度，6 个 GPU 批次，每次 3 个：计算了 \d+ 个方格中的 5 个后/,
    );
    el.querySelector<HTMLButtonElement>('[data-run]')!.click();
    await settle();
    expect(el.querySelector('[data-out="run"]')!.textContent).toMatch(
      /^target-v1，6 个 GPU 批次，每批 4 条序列，每块 3 批，每条 16 个词元：层权重加载 48 次（按调度计算应为 48 次）/,
    );
    expect(el.querySelector('[data-out="run"]')!.textContent).toContain('精简引擎（JavaScript）');
    expect(englishLeft(el, ['sched', 'nb', 'gbs', 'batches', 'JavaScript'])).toEqual([]);
    const v = { order: 'zigzag' as const, batches: 2, nb: 2, gbs: 8, step: 3 };
    const fig = scheduleChart(scheduleView(v).cells, '…', { width: 375, lang: 'zh' });
    expect(chartZh(fig, '计算网格：GPU 批次 × 词元与层')).toMatch(/词元 · 层.*GPU 批次|GPU 批次.*词元 · 层/s);
    expect(englishLeft(fig, ['t0', 't1', 't2', 'b0', 'b1'])).toEqual([]);
  });

  it('PolicySolver: the shell, a solve, an infeasible machine and both charts in Chinese', async () => {
    const highs = await getHighs();
    answer = (_, p) => solveRequest(highs, p as unknown as SolveRequest);
    history.replaceState(null, '', '/?policy.gpu=20');
    const el = await mountZh(
      PolicySolver,
      'offload-policy',
      () => import('../../../site/widgets/policy-solver/element.ts'),
    );
    expect(el.querySelector('[data-control="delegate"]')!.textContent).toMatch(/在 CPU 上计算注意力（委托）/);
    expect(el.querySelector('[data-out="policy"]')!.textContent).toMatch(/^\d+ × \d+ = [\d,]+ 条序列$/);
    expect(el.querySelector('[data-out="binding"]')!.textContent).toMatch(
      /^(CPU → GPU|GPU → CPU|磁盘 → CPU|CPU → 磁盘|计算)$/,
    );
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /^OPT-175B：最佳策略为 GPU 批大小 \d+ × \d+ 个批次 = 每块 [\d,]+ 条序列；权重 GPU /,
    );
    expect(englishLeft(el, ['gpu'])).toEqual([]);
    // A machine that cannot hold the model: the answer's reason is lib/offload's (English), the words around it Chinese.
    el.querySelector<HTMLInputElement>('[id="policy-cpu"]')!.value = '8';
    el.querySelector('[id="policy-cpu"]')!.dispatchEvent(new Event('input', { bubbles: true }));
    el.querySelector<HTMLInputElement>('[id="policy-disk"]')!.value = '16';
    el.querySelector('[id="policy-disk"]')!.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    await settle();
    expect(el.querySelector('[data-out="policy"]')!.textContent).toBe('不可行');
    expect(el.querySelector('[data-notes]')!.textContent).toMatch(/没有可行的策略：/);
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^OPT-175B 无法在这台机器上运行：/);
  });

  it('PolicySolver: the tier bars and the decode terms in Chinese', async () => {
    const v = { ...defaultsOf(policySchema), model: 'opt-30b' as const };
    const a = await solveRequest(await getHighs(), requestOf(v));
    const cap = { GPU: 2 ** 34, CPU: 2 ** 37, disk: 2 ** 40 };
    const fig = tierChart(bars(v, a), cap, '…', { width: 375, lang: 'zh' });
    expect(chartZh(fig, '各层级存放的字节')).toMatch(/权重.*KV 缓存.*激活/s);
    const t = termChart(terms(a), '…', { width: 375, lang: 'zh' });
    expect(chartZh(t, '解码步各部分每层所需的时间')).toMatch(/磁盘 → CPU.*计算.*每层时间/s);
    for (const f of [fig, t]) expect(englishLeft(f)).toEqual([]);
  });

  it('TradeoffCurve: the shell, the summary and the chart in Chinese', async () => {
    const el = await mountZh(
      TradeoffCurve,
      'offload-tradeoff',
      () => import('../../../site/widgets/tradeoff-curve/element.ts'),
    );
    expect(el.querySelector('label[for="tradeoff-model"]')!.textContent).toBe('模型');
    expect(el.querySelector('[data-out="text"]')!.textContent).toMatch(
      /^OPT-175B：随着块变大，成本模型的吞吐量随延迟上升，fp16 时最高 .+。论文（表 2）：论文，FlexGen：批大小 /,
    );
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^OPT-175B：随着块变大/);
    expect(englishLeft(el, ['fp16'])).toEqual([]);
    const { lines, paper } = curve(results.frontier, 'opt-30b');
    const fig = tradeoffChart(lines, paper, '…', { width: 640, lang: 'zh' });
    const words = chartZh(fig, '吞吐量随延迟的变化');
    for (const w of ['成本模型，fp16', '成本模型，4 位', '论文，FlexGen', '每块延迟（s）']) expect(words).toContain(w);
    expect(englishLeft(fig, ['fp16'])).toEqual([]);
  });

  it('CompressionLoss: the shell, the measured pair and the chart in Chinese', async () => {
    history.replaceState(null, '', '/?compress.weights=16');
    const el = await mountZh(
      CompressionLoss,
      'offload-compression',
      () => import('../../../site/widgets/compression-loss/element.ts'),
    );
    expect(el.querySelector('label[for="compress-cache"]')!.textContent).toBe('KV 缓存位数');
    expect(el.querySelector('[id="compress-weights"]')!.textContent).toBe('不压缩（float32）4 位3 位');
    expect(el.querySelector('.kit-stats')!.textContent).toMatch(/损失的变化.*困惑度.*线性层权重.*每个词元的 KV 缓存/s);
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      / 使用不压缩的权重和 4 位 KV 缓存（不压缩即运行时用 float32）：损失 /,
    );
    expect(englishLeft(el, ['float32', 'fp16', 'WikiText', 'OPT-30B'])).toEqual([]);
    const d = results.compression as CompressionData;
    const fig = compressionChart(d.rows, pick(d, '4', '4'), '…', { width: 375, lang: 'zh' });
    expect(chartZh(fig, '压缩权重与缓存后损失的变化')).toContain('损失的变化（nats/token）');
    expect(englishLeft(fig, ['W16', 'W4', 'W3', 'KV16', 'KV4', 'KV3'])).toEqual([]);
  });
});
