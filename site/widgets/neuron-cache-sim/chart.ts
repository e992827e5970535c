// NeuronCacheSim's charts. sweepChart: one measure of the segmented neuron cache (hit rate, or simulated flash time
// per token) against the memory size, the chosen size ringed. ufsChart: UFS 4.0 read bandwidth against read size
// (log scale), random and sequential, as lib/hardware/storage-curve.ts prices reads; filled marks are PowerInfer-2's figures
// [arXiv 2406.06282 v3, §2.3.2], the dashed line between them is a log-linear interpolation of ours, and a ring marks
// this widget's cold read.
import * as Plot from '@observablehq/plot';
import type { StorageCurvePoint } from '../../../lib/hardware/storage-curve.ts';
import type { CachePoint } from '../../../lib/sparsity/cache-sweep.ts';
import type { Lang } from '../../i18n/lang.ts';
import { GRID, SERIES, SURFACE, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { bandwidth, bytes, duration, percent } from '../_kit/format.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const SWEEP_SIZE: ChartSize = { ratio: 0.36, min: 170, max: 220 };
export const UFS_SIZE: ChartSize = { ratio: 0.38, min: 180, max: 230, legend: true };

export type SweepMeasure = 'hit' | 'io';

export function sweepChart(
  points: CachePoint[],
  current: number,
  measure: SweepMeasure,
  { width, document, lang = 'en' }: Context,
) {
  const t = text[lang];
  const rows = [...points]
    .sort((a, b) => a.memory - b.memory)
    .map((p) => ({ memory: p.memory, value: measure === 'hit' ? p.hitRate : p.ioMsPerToken }));
  const color = measure === 'hit' ? SERIES[0] : SERIES[1];
  const narrow = width < 420;
  return plotChart({
    width,
    size: SWEEP_SIZE,
    document,
    label: measure === 'hit' ? t.hitLabel : t.ioLabel,
    description: rows
      .map((r) => `${percent(r.memory, 0)}: ${measure === 'hit' ? percent(r.value) : duration(r.value)}`)
      .join(', '),
    marginLeft: 48,
    marginBottom: 36,
    x: {
      label: t.memoryAxis(narrow),
      domain: [0, 1],
      ticks: narrow ? 3 : 10,
      tickFormat: '.0%',
    },
    y: {
      label: measure === 'hit' ? t.hitAxis : t.ioAxis,
      tickFormat: measure === 'hit' ? '.0%' : '~g',
      nice: true,
      zero: true,
    },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.ruleX([current], { stroke: 'var(--accent)', strokeWidth: 2, strokeDasharray: '4 3' }),
      Plot.line(rows, { x: 'memory', y: 'value', stroke: color, strokeWidth: 2 }),
      Plot.dot(rows, { x: 'memory', y: 'value', fill: color, r: 2.5 }),
      Plot.dot(
        rows.filter((r) => Math.abs(r.memory - current) < 1e-9),
        { x: 'memory', y: 'value', r: 5, stroke: 'var(--accent)', fill: SURFACE, strokeWidth: 2 },
      ),
    ],
  });
}

export function ufsChart(
  curve: StorageCurvePoint[],
  mark: { bytes: number; bandwidth: number },
  { width, document, lang = 'en' }: Context,
) {
  const t = text[lang];
  const patterns = [t.pattern.random, t.pattern.sequential];
  const points = curve.map((p) => ({ ...p, pattern: t.pattern[p.pattern] }));
  const maxBw = Math.max(...curve.map((p) => p.bandwidth), mark.bandwidth) / 1e9;
  return plotChart({
    width,
    size: UFS_SIZE,
    document,
    label: t.ufsLabel,
    description: t.ufsDescription(
      curve.filter((p) => p.cited).map((p) => t.ufsPoint(t.pattern[p.pattern], bytes(p.bytes), bandwidth(p.bandwidth))),
    ),
    marginLeft: 44,
    marginRight: 28,
    x: {
      type: 'log',
      base: 2,
      label: t.readSizeAxis,
      tickFormat: (b: number) => bytes(b),
      ticks: width < 420 ? 4 : 8,
    },
    y: { label: t.bandwidthAxis, transform: (b: number) => b / 1e9, domain: [0, Math.ceil(maxBw * 1.05 * 2) / 2] },
    color: { domain: patterns, range: [SERIES[0], SERIES[1]] },
    // The legend draws each pattern's own symbol in its colour (a colour legend would draw squares for both).
    symbol: { domain: patterns, range: ['circle', 'square'], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.line(points, {
        x: 'bytes',
        y: 'bandwidth',
        z: 'pattern',
        stroke: 'pattern',
        strokeWidth: 1.5,
        strokeDasharray: '5 3',
      }),
      Plot.dot(
        points.filter((d) => d.cited),
        { x: 'bytes', y: 'bandwidth', fill: 'pattern', symbol: 'pattern', r: 5 },
      ),
      Plot.dot([mark], { x: 'bytes', y: 'bandwidth', r: 8, stroke: 'var(--accent)', strokeWidth: 2.5 }),
    ],
  });
}
