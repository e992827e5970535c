// @vitest-environment jsdom-ssr
// Issue 25, the Chinese edition of the PowerInfer-2, LLM in a flash and FlexGen widgets: each widget's real shell,
// rendered for a /zh/ page, and its element running on a page whose <html lang> is zh-Hans (the model worker is a
// fake that computes from its payload). Chinese words stand where the English ones were, and no English word is
// left outside elements marked lang="en", other than names (models, papers, products) and symbols.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
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
import { sweepChart, ufsChart } from '../../../site/widgets/neuron-cache-sim/chart.ts';
import {
  BatchUnion,
  FlashBundling,
  FlashStepper,
  FlashStorage,
  FlashWindow,
  NeuronCacheSim,
  PipelineGantt,
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

let container: Promise<AstroContainer> | undefined;

/** A widget's shell as a Chinese page renders it (its URL is under /zh/), mounted on a zh-Hans page and settled. */
async function mountZh(shell: typeof BatchUnion, tag: string, load: () => Promise<unknown>) {
  container ??= AstroContainer.create();
  const c = await container;
  const html = await c.renderToString(shell, {
    props: {},
    request: new Request(`http://localhost/zh/widgets/${tag}/`),
  });
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
    for (const w of s.match(/[A-Za-z][\w'’-]*[A-Za-z0-9]/g) ?? [])
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
    answer = (_, p) => {
      const size = Number(p.batch);
      const batchSizes = Array.from({ length: size }, (_, b) => b + 1);
      const union = batchSizes.map((b) => [0, 1].map((l) => Math.min(1, 0.05 * b + 0.01 * l)));
      return {
        batchSizes,
        steps: Number(p.steps),
        nLayer: 2,
        nFfn: 8,
        union,
        mean: union.map((u) => (u[0] + u[1]) / 2),
        byRank: union.map((u) => u.map((x) => Float32Array.from({ length: 8 }, (_, r) => (r < 4 ? 1 : x)))),
        texts: ['a'],
      };
    };
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
});
