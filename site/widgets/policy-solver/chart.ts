// tierChart: stacked horizontal bars, one per tier (GPU, CPU, disk), split into weights, KV cache and activations
// under the LP's placement, with a tick at each tier's usable capacity. termChart: the five per-layer decode costs,
// the slowest one (the binding term) drawn solid.
import * as Plot from '@observablehq/plot';
import { FG, MUTED, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { bytes, duration } from '../_kit/format.ts';
import type { Term } from '../../../lib/offload/cost-model.ts';
import type { Lang } from '../../i18n/lang.ts';
import { KINDS, TIERS, type Bar } from './model.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const BAR_SIZE: ChartSize = { ratio: 0.35, min: 170, max: 220, legend: true };
export const TERM_SIZE: ChartSize = { ratio: 0.3, min: 150, max: 200 };

export function tierChart(
  data: Bar[],
  capacity: Record<string, number>,
  description: string,
  { width, document, lang = 'en' }: Context,
) {
  const t = text[lang];
  const caps = TIERS.map((tier) => ({ tier: t.tiers[tier], bytes: capacity[tier] }));
  const rows = data.map((d) => ({ ...d, tier: t.tiers[d.tier], kind: t.kinds[d.kind] }));
  const max = Math.max(
    ...caps.map((c) => c.bytes),
    ...TIERS.map((t) => data.filter((d) => d.tier === t).reduce((a, d) => a + d.bytes, 0)),
  );
  return plotChart({
    width,
    size: BAR_SIZE,
    document,
    label: t.barsLabel,
    description,
    marginLeft: 44,
    x: { domain: [0, max * 1.05], label: t.bytesAxis, tickFormat: (b: number) => bytes(b), ticks: width < 420 ? 3 : 5 },
    y: { domain: TIERS.map((tier) => t.tiers[tier]), label: null },
    color: { domain: KINDS.map((kind) => t.kinds[kind]), range: [SERIES[0], SERIES[1], SERIES[2]], legend: true },
    marks: [
      Plot.barX(rows, Plot.stackX({ x: 'bytes', y: 'tier', fill: 'kind' })),
      Plot.tickX(caps, { x: 'bytes', y: 'tier', stroke: FG, strokeWidth: 2 }),
    ],
  });
}

export function termChart(
  parts: { term: Term; ms: number; binding: boolean }[],
  description: string,
  { width, document, lang = 'en' }: Context,
) {
  const t = text[lang];
  const data = parts.map((p) => ({ ...p, name: t.terms[p.term] }));
  return plotChart({
    width,
    size: TERM_SIZE,
    document,
    label: t.termsLabel,
    description,
    marginLeft: 84,
    x: { label: t.timeAxis, tickFormat: (ms: number) => duration(ms), ticks: width < 420 ? 3 : 5 },
    y: { domain: data.map((d) => d.name), label: null },
    marks: [
      Plot.barX(data, {
        x: 'ms',
        y: 'name',
        fill: (d: { binding: boolean }) => (d.binding ? SERIES[3] : MUTED),
        fillOpacity: (d: { binding: boolean }) => (d.binding ? 1 : 0.4),
      }),
      Plot.ruleX([0]),
    ],
  });
}
