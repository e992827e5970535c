// @vitest-environment jsdom
// Every widget's chart helper on seeded data: drawn through the kit (named, described, no per-mark ARIA, as tall as
// its reserved box), with every plotted point inside the axis domain, and compared with its SVG snapshot.
import { describe, expect, it } from 'vitest';
import { storageCurvePoints } from '../../lib/hardware/storage-curve.ts';
import { mulberry32 } from '../../lib/random.ts';
import type { BatchRun } from '../../lib/sparsity/batch-split.ts';
import { splitAt } from '../../lib/sparsity/batch-split.ts';
import type { CachePoint } from '../../lib/sparsity/cache-sweep.ts';
import { matrixLevelSchedule } from '../../lib/sparsity/matrix-schedule.ts';
import { schedulePipeline } from '../../lib/sparsity/pipeline.ts';
import { lossChart } from '../../site/charts/loss-chart.ts';
import { PAGES } from '../../site/i18n/pages.ts';
import { text as playgroundText } from '../../site/widgets/model-playground/text.ts';
import { BENCH_SIZE, benchChart, labelWidth, rowLabel } from '../../site/charts/bench-chart.ts';
import { reservedHeight, type ChartSize } from '../../site/widgets/_kit/chart.ts';
import { SPLIT_SIZE, UNION_SIZE, splitChart, unionChart } from '../../site/widgets/batch-union/chart.ts';
import { SPEEDUP_SIZE, speedupChart } from '../../site/widgets/ffn-race/chart.ts';
import { CURVE_SIZE, curveChart } from '../../site/widgets/hot-cold-curve/chart.ts';
import { NEXT_TOKEN_SIZE, nextTokenChart } from '../../site/widgets/model-playground/chart.ts';
import { UFS_SIZE, SWEEP_SIZE, ufsChart, sweepChart } from '../../site/widgets/neuron-cache-sim/chart.ts';
import { ZERO_SIZE, zeroChart } from '../../site/widgets/neuron-heatmap/chart.ts';
import { GANTT_SIZE, ganttChart } from '../../site/widgets/pipeline-gantt/chart.ts';
import { TIMING_SIZE, timingChart } from '../../site/widgets/vecmat-scale/chart.ts';
import { SIZE as PASSES_SIZE, passesChart } from '../../site/widgets/spec-passes/chart.ts';
import type { PassRow } from '../../site/widgets/spec-passes/model.ts';
import { CURVE_SIZE as TRADEOFF_SIZE, tradeoffChart } from '../../site/widgets/tradeoff-curve/chart.ts';
import { SERIES_NAMES as TRADEOFF_SERIES } from '../../site/widgets/tradeoff-curve/model.ts';
import { DASHES } from '../../site/widgets/_kit/chart.ts';
import { expectSnapshot } from './snapshot.ts';

/** The kit's promises, checked on any chart: one named SVG, no mark ARIA, exactly the reserved height. */
function checkChart(fig: Element, size: ChartSize, width: number) {
  const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
  expect(svg.getAttribute('role')).toBe('img');
  expect(svg.getAttribute('aria-label')?.length).toBeGreaterThan(10);
  expect(svg.getAttribute('aria-description')?.length).toBeGreaterThan(10);
  expect(fig.querySelectorAll('g[aria-label], g[aria-description]').length).toBe(0);
  expect(Number(svg.getAttribute('height')) + (size.legend ? 38 : 0)).toBe(reservedHeight(width, size));
  expect(fig.innerHTML).not.toMatch(/#[0-9a-f]{6}\b|rgb\(/i); // theme variables only
}

const rand = mulberry32(42);
const batchRun = (): BatchRun => {
  const L = 2,
    F = 16,
    B = 4;
  const byRank = Array.from({ length: B }, (_, b) =>
    Array.from({ length: L }, () =>
      Float32Array.from({ length: F }, (_, r) => Math.min(1, (0.9 - r / F) * 0.4 * (b + 1))),
    ),
  );
  const union = byRank.map((layers) => layers.map((row) => row.reduce((a, x) => a + x, 0) / F));
  return {
    batchSizes: [1, 2, 3, 4],
    steps: 8,
    nLayer: L,
    nFfn: F,
    union,
    mean: union.map((u) => (u[0] + u[1]) / 2),
    byRank,
    texts: [],
  };
};

describe('chart helpers (seeded data, SVG snapshots)', () => {
  it('BatchUnion: union and split', () => {
    const run = batchRun();
    for (const w of [375, 700]) {
      const u = unionChart(run, { width: w, document });
      checkChart(u, UNION_SIZE, w);
      const s = splitChart(splitAt(run, 0.25), 0.25, { width: w, document });
      checkChart(s, SPLIT_SIZE, w);
      expectSnapshot(`batch-union-${w}`, u);
      expectSnapshot(`batch-split-${w}`, s);
    }
  });

  it('NeuronCacheSim: sweeps and the flash curve', () => {
    const pts = Array.from(
      { length: 21 },
      (_, k) => ({ memory: k / 20, hitRate: Math.sqrt(k / 20), ioMsPerToken: (1 - k / 20) * 3 }) as CachePoint,
    );
    for (const measure of ['hit', 'io'] as const) {
      const fig = sweepChart(pts, 0.5, measure, { width: 375, document });
      checkChart(fig, SWEEP_SIZE, 375);
      expectSnapshot(`cache-sweep-${measure}`, fig);
    }
    const ufs = ufsChart(storageCurvePoints(), { bytes: 8192, bandwidth: 1.2e9 }, { width: 375, document });
    checkChart(ufs, UFS_SIZE, 375);
    expectSnapshot('ufs-curve', ufs);
  });

  it('PipelineGantt: both schedules of one seeded FFN', () => {
    const work = Array.from({ length: 16 }, (_, c) => ({
      gateIoMs: c < 12 ? 0 : 0.004,
      gateComputeMs: 0.001,
      udIoMs: c < 12 ? 0 : 0.004 * rand(),
      udComputeMs: 0.002,
    }));
    const m = matrixLevelSchedule(work, 1);
    const c = schedulePipeline(work, { mode: 'cluster', computeThreads: 1 });
    for (const [name, s] of [
      ['matrix', m],
      ['cluster', c],
    ] as const) {
      const fig = ganttChart(s.tasks, {
        width: 375,
        document,
        maxMs: Math.max(m.totalMs, c.totalMs),
        highlight: 3,
        label: `${name}-level schedule`,
        description: `${name}-level: ${s.totalMs} ms in all`,
      });
      checkChart(fig, GANTT_SIZE, 375);
      expectSnapshot(`gantt-${name}`, fig);
    }
  });

  it('HotColdCurve: cumulative curves with the budget and the paper point', () => {
    const freq = [0, 1].map(() => Array.from({ length: 64 }, () => rand() ** 3));
    const fig = curveChart(
      freq,
      { layers: [0.3, 0.4], all: 0.35 },
      { width: 375, document, budget: 0.2, paper: [{ x: 0.26, y: 0.8, label: 'OPT-30B (paper)' }] },
    );
    checkChart(fig, CURVE_SIZE, 375);
    expectSnapshot('hot-cold-curve', fig);
  });

  it('FfnRace: the ideal is a dashed curve over the whole range; log axis covers every point', () => {
    const data = [0.5, 0.9, 0.99].flatMap((s) => [
      { sparsity: s, kernel: 'plain JS', speedup: 0.8 / (1 - s) },
      { sparsity: s, kernel: 'TensorFlow.js (wasm)', speedup: 0.3 / (1 - s) },
    ]);
    const fig = speedupChart(data, { width: 375, document });
    checkChart(fig, SPEEDUP_SIZE, 375);
    expect(fig.querySelector('[stroke-dasharray="4 3"] path')).not.toBeNull(); // the ideal curve, drawn dashed
    const ticks = [...fig.querySelectorAll('g[aria-hidden] text, text')]
      .map((t) => Number(t.textContent))
      .filter(Number.isFinite);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(80); // a labelled tick at or above the highest point (80×)
    expectSnapshot('ffn-race-speedup', fig);
  });

  it('FfnRace: a race timed at 0 ms (speed-up ∞) is left off the chart, and the rest is drawn', () => {
    const data = [
      { sparsity: 0.5, kernel: 'plain JS', speedup: 1.7 },
      { sparsity: 0.9, kernel: 'plain JS', speedup: Infinity },
    ];
    const fig = speedupChart(data, { width: 375, document }); // threw "Invalid array length" before
    const text = fig.outerHTML;
    expect(text).toContain('50% skipped: plain JS 1.7×');
    expect(text).not.toMatch(/90% skipped|Infinity|∞/);
  });

  it('NeuronHeatmap: zeros per token', () => {
    const fig = zeroChart(
      Float32Array.from({ length: 30 }, () => 0.7 + 0.3 * rand()),
      1,
      4,
      { width: 375, document },
    );
    checkChart(fig, ZERO_SIZE, 375);
    expectSnapshot('heatmap-zeros', fig);
  });

  it('VecMatScale: timings per method', () => {
    const methods = ['dense', 'gather', 'loopDense', 'loopSkip'] as const;
    const data = [0, 0.5, 0.9, 0.99].flatMap((zeros) =>
      methods.map((method, i) => ({ zeros, method, ms: (i + 1) * (1 - zeros * (i % 2)) * 2.5 })),
    );
    const fig = timingChart(data, { width: 700, document });
    checkChart(fig, TIMING_SIZE, 700);
    expectSnapshot('vecmat-timing', fig);
  });

  it('ModelPlayground: the five most likely next tokens', () => {
    const bars = ['·the', '·a', '·whale', ',', '↵'].map((label, id) => ({ id, label, p: 0.4 / (id + 1) }));
    const fig = nextTokenChart(bars, 2, {
      width: 375,
      document,
      label: 'The five most likely tokens at token 3',
      description: 'the 0.4, a 0.2, whale 0.13, comma 0.1, newline 0.08',
      axis: playgroundText.en.probability,
    });
    checkChart(fig, NEXT_TOKEN_SIZE, 375);
    expectSnapshot('next-token', fig);
  });

  it('SpecPasses: greedy chains solid, sampled chains dashed', () => {
    const rows: PassRow[] = [1, 2, 4, 8].flatMap((nodes): PassRow[] => [
      { shape: `chain ${nodes}`, nodes, verifier: 'greedy', tokensPerPass: 1 + Math.log2(nodes + 1) * 0.5 },
      { shape: `chain ${nodes}`, nodes, verifier: 'mss', tokensPerPass: 1 + Math.log2(nodes + 1) * 0.4 },
    ]);
    rows.push({ shape: '⟨2,2⟩', nodes: 6, verifier: 'greedy', tokensPerPass: 2.4 });
    const fig = passesChart(rows, 'both', { width: 700, document });
    checkChart(fig, PASSES_SIZE, 700);
    // One dashed and one solid line: Plot ignores a function given as strokeDasharray.
    expect(fig.querySelectorAll(`g[stroke-dasharray="${DASHES[1]}"] path`).length).toBe(1);
    expect(fig.querySelectorAll('g[stroke-linejoin="round"]:not([stroke-dasharray]) path').length).toBe(1);
    // The legend draws each family as the chart does: chains hollow, trees and budgets filled (issue 19).
    const swatchFill = (family: string) =>
      [...fig.querySelectorAll('[class$="-swatch"]')]
        .find((s) => s.textContent?.trim() === family)
        ?.querySelector('svg')
        ?.getAttribute('fill');
    const chartSvg = fig.querySelector(':scope > svg')!;
    // Chain points are circles (d starts "M4,0A4") in a group with no fill.
    const chainDots = chartSvg.querySelectorAll('g[fill="none"] path[d^="M4,0A4"]');
    expect(chainDots.length).toBe(8); // every chain point, hollow in the chart…
    expect(swatchFill('chain')).toBe('none'); // …and in the legend
    expect(swatchFill('tree')).toBe('currentColor');
    expect(swatchFill('best-first')).toBe('currentColor');
    expectSnapshot('spec-passes', fig);
  });

  it('OffloadTradeoff: the fp16 frontier solid, the 4-bit frontier dashed, paper points as symbols', () => {
    const lines = [0, 1].flatMap((k) =>
      [1, 2, 4, 8, 16].map((b) => ({
        series: TRADEOFF_SERIES[k],
        latency: 10 * b,
        throughput: b * (k + 1) * 0.05, // 0.05 to 1.6 tokens/s: d3 would write "50m" on a log axis
        bls: b * 32,
      })),
    );
    const paper = [
      { series: TRADEOFF_SERIES[2], latency: 40, throughput: 0.12, bls: 144 },
      { series: TRADEOFF_SERIES[3], latency: 60, throughput: 0.31, bls: 256 },
    ];
    const fig = tradeoffChart(lines, paper, 'Two frontiers and two paper points.', { width: 700, document });
    checkChart(fig, TRADEOFF_SIZE, 700);
    expect(fig.querySelectorAll(`g[stroke-dasharray="${DASHES[1]}"] path`).length).toBe(1);
    expect(fig.querySelectorAll('g[stroke-linejoin="round"]:not([stroke-dasharray]) path').length).toBe(1);
    expectSnapshot('offload-tradeoff', fig);
  });

  it('/bench/: row labels fit their margin (or end in …), the axis title sits below the tick labels', () => {
    const points = ['node cpu', 'node wasm', 'webgl', 'wasm', 'you, webgl'].flatMap((w, i) =>
      ['target-v1', 'draft-v1'].map((model, k) => ({
        who: i < 2 ? `recorded ${w}` : w,
        model,
        tokensPerSec: (i + 1) * (k + 1) * 40,
      })),
    );
    for (const width of [375, 800]) {
      const fig = benchChart(points, { width, document }, PAGES.en.bench.chart);
      checkChart(fig, BENCH_SIZE, width);
      const svg = fig.querySelector(':scope > svg')!;
      // y of an element's translate(), and of a text inside its group: where it is drawn.
      const ty = (el: Element) =>
        Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '')?.[1] ?? 0);
      const absY = (t: Element) => ty(t) + ty(t.parentElement!);
      const yAxis = svg.querySelector('g[text-anchor="end"]')!;
      const yLabels = [...yAxis.querySelectorAll('text')].map((t) => t.textContent!);
      expect(yLabels).toHaveLength(points.length);
      const margin = Math.min(Math.floor(width * 0.45), 12 + Math.max(...points.map((p) => labelWidth(rowLabel(p)))));
      for (const l of yLabels) expect(labelWidth(l)).toBeLessThanOrEqual(margin - 12);
      if (width === 800)
        expect(new Set(yLabels)).toEqual(new Set(points.map(rowLabel))); // room for every label whole
      else expect(yLabels.some((l) => l.endsWith('…'))).toBe(true);
      const ticks = [...svg.querySelectorAll('g[font-variant="tabular-nums"] text')];
      const title = [...svg.querySelectorAll('text')].find((t) => t.textContent?.startsWith('tokens per second'))!;
      expect(absY(title)).toBeGreaterThan(Math.max(...ticks.map(absY)) + 20); // a line below the tick labels
      expectSnapshot(`bench-${width}`, fig);
    }
  });

  it('/bench/ in Chinese: wide row labels still fit their margin, the axis title is Chinese', () => {
    const zh = PAGES.zh.bench;
    const points = [zh.recorded('node wasm'), zh.recorded('webgl'), zh.you('wasm')].flatMap((who, i) =>
      ['target-v1', 'draft-v1'].map((model, k) => ({ who, model, tokensPerSec: (i + 1) * (k + 1) * 40 })),
    );
    for (const width of [375, 800]) {
      const fig = benchChart(points, { width, document }, zh.chart);
      checkChart(fig, BENCH_SIZE, width);
      const svg = fig.querySelector(':scope > svg')!;
      const yLabels = [...svg.querySelector('g[text-anchor="end"]')!.querySelectorAll('text')].map(
        (t) => t.textContent!,
      );
      const margin = Math.min(Math.floor(width * 0.45), 12 + Math.max(...points.map((p) => labelWidth(rowLabel(p)))));
      // A Chinese character is drawn about 12 px wide: counted so, every label fits (cut with … where it must).
      for (const l of yLabels) expect(labelWidth(l)).toBeLessThanOrEqual(margin - 12);
      expect(labelWidth('你（wasm）')).toBe(12 * 3 + 7 * 4);
      expect([...svg.querySelectorAll('text')].some((t) => t.textContent?.startsWith(zh.chart.x))).toBe(true);
    }
  });

  it('/model/: loss curves', () => {
    const points = ['target-v1', 'draft-v1'].flatMap((model, k) =>
      Array.from({ length: 12 }, (_, i) => ({
        model,
        tokens: (i + 1) * 1e5,
        loss: 6 - Math.log1p(i) * (1.1 - 0.1 * k),
        split: (i % 3 === 2 ? 'validation' : 'train') as 'train' | 'validation',
      })),
    );
    const fig = lossChart(points, {
      width: 375,
      document,
      models: ['target-v1', 'draft-v1'],
      baseline: 3.8,
      label: 'Training and validation loss',
      description: 'Both models fall from 6 nats toward 3.4.',
      words: PAGES.en.model.chart,
    });
    expect(fig.querySelector(':scope > svg')?.getAttribute('aria-label')).toBe('Training and validation loss');
    const yTicks = [...fig.querySelectorAll('g[text-anchor="end"][font-variant="tabular-nums"] text')].map((t) =>
      Number(t.textContent),
    );
    expect(Math.min(...yTicks)).toBeLessThanOrEqual(Math.min(...points.map((p) => p.loss))); // the lowest line is inside
    expect(fig.querySelectorAll('g[aria-label]').length).toBe(0);
    expectSnapshot('loss', fig);
    // The Chinese edition's chart: the same marks, its axis titles and baseline label in Chinese.
    const zh = PAGES.zh.model.chart;
    const zhFig = lossChart(points, {
      width: 375,
      document,
      models: ['target-v1', 'draft-v1'],
      baseline: 3.8,
      label: zh.label,
      description: '',
      words: zh,
    });
    const texts = [...zhFig.querySelectorAll('svg text')].map((t) => t.textContent);
    for (const word of [zh.x, zh.y, zh.baseline]) expect(texts.join('|')).toContain(word.slice(0, 4));
    expect(texts.join('|')).not.toMatch(/tokens seen|nats\/token|bigram/);
  });
});
