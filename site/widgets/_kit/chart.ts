// The one way a widget draws a Plot chart. plotChart() applies the theme, sizes the chart to its box's width with a
// height the page has already reserved (so nothing below it jumps when it appears), gives the SVG its accessible
// name and description, and strips the aria-label Plot puts on every mark's <g> (axe: aria-prohibited-attr; the
// figure's name, description and the widget's aria-live summary already say what it shows).
//
//   const SIZE = { ratio: 0.55, min: 210, max: 320, legend: true };   // shared with the shell's <Chart size={SIZE}>
//   export function fooChart(data: Point[], { width, document }: ChartContext) {
//     return plotChart({ width, size: SIZE, document, label: 'Time per token', description: summaryOf(data),
//       x: { label: 'batch size' }, marks: [Plot.line(data, { x: 'b', y: 't', stroke: SERIES[0] })] });
//   }
//
// Tests draw the same charts in Node by passing a jsdom `document`.
import * as Plot from '@observablehq/plot';
import { tick } from './format.ts';

/** How tall a chart is for a width: ratio × width, clamped to [min, max] CSS pixels (ratio 0: always `min`). */
export interface ChartSize {
  ratio: number;
  min: number;
  max: number;
  /** A colour legend sits above the plot (Plot's swatches); its row is reserved too. */
  legend?: boolean;
}

/** Height of the swatch legend row Plot draws above a chart (min-height 33px + 0.5em margin), reserved with it. */
export const LEGEND_HEIGHT = 38;

/** Series colours, in order (theme variables, distinct in both themes), and dash patterns to tell them apart without colour. */
export const SERIES = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'] as const;
export const DASHES = ['none', '6 3', '2 3', '8 3 2 3'] as const;
/** Grid lines and the page's text colours. */
export const GRID = 'var(--chart-grid)';
export const FG = 'var(--fg)';
export const MUTED = 'var(--muted)';
export const SURFACE = 'var(--surface)';

/** The plot's height (without legend) at `width`. */
export function chartHeight(width: number, size: ChartSize): number {
  return Math.round(Math.min(size.max, Math.max(size.min, size.ratio * width)));
}

/** What the page reserves for the chart at `width`: the plot plus its legend row. */
export function reservedHeight(width: number, size: ChartSize): number {
  return chartHeight(width, size) + (size.legend ? LEGEND_HEIGHT : 0);
}

/** CSS custom properties for a chart box, so frame.css reserves the same height before any script runs. */
export function reserveStyle(size: ChartSize): string {
  return `--kit-ratio:${size.ratio};--kit-min:${size.min}px;--kit-max:${size.max}px;--kit-legend:${size.legend ? LEGEND_HEIGHT : 0}px`;
}

/** What a chart helper receives besides its data: the box's width, and a document in Node tests. */
export interface ChartContext {
  width: number;
  document?: Document;
}

export interface ChartSpec extends Plot.PlotOptions {
  /** The box's width in CSS pixels. */
  width: number;
  size: ChartSize;
  /** Accessible name of the figure: what it plots ("Time per token against batch size"). */
  label: string;
  /** Accessible description: what the data says, in a sentence or two (numbers included). */
  description: string;
}

/** Remove Plot's per-mark ARIA labels (a <g> has no role, so they are prohibited attributes). */
export function stripMarkAria<T extends Element>(figure: T): T {
  for (const g of figure.querySelectorAll('g[aria-label], g[aria-description], g[aria-hidden]')) {
    g.removeAttribute('aria-label');
    g.removeAttribute('aria-description');
  }
  return figure;
}

/**
 * Tick values for a log axis over [lo, hi], every one labelled: 1-2-5 per decade when at most `max` fit, else 1-3,
 * else powers of ten; a domain narrower than a decade gets 1, 1.5, 2, 3, 5, 7 steps. Pass as `ticks` with
 * `tickFormat: tick` (a string format makes d3 hide labels on log axes, leaving one or two).
 */
export function logTicks(lo: number, hi: number, max = 8): number[] {
  // A domain that is not a finite positive range (a speed-up of ∞ from a 0 ms timing) has no ticks, not endless ones.
  if (!(lo > 0 && hi >= lo && Number.isFinite(hi))) return [];
  const within = (mults: number[]) => {
    const t: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of mults) {
        const v = +(m * 10 ** e).toPrecision(12);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) t.push(v);
      }
    return t;
  };
  const fine = within([1, 2, 5]);
  if (fine.length < 3) return within([1, 1.5, 2, 3, 5, 7]);
  for (const t of [fine, within([1, 3])]) if (t.length <= max) return t;
  return within([1]);
}

/**
 * A log axis without its own tickFormat gets the kit's plain `tick` (d3's default for log scales is SI, so 0.1
 * tokens/s would read "100m", as if 100 million). Other axes pass through unchanged.
 */
function plainLogTicks(axis: Plot.ScaleOptions | undefined): Plot.ScaleOptions | undefined {
  return axis?.type === 'log' && axis.tickFormat === undefined ? { ...axis, tickFormat: tick } : axis;
}

/** Draw a Plot chart the site's way (see the top of this file). Returns the element to place in the chart box. */
export function plotChart({
  width,
  size,
  label,
  description,
  style,
  ...options
}: ChartSpec): HTMLElement | SVGSVGElement {
  const figure = Plot.plot({
    width,
    height: chartHeight(width, size),
    ...options,
    x: plainLogTicks(options.x),
    y: plainLogTicks(options.y),
    style: {
      background: 'transparent',
      color: 'currentColor',
      fontSize: '12px',
      overflow: 'visible',
      ...(typeof style === 'object' ? style : {}),
    },
    ariaLabel: label,
    ariaDescription: description,
  });
  // With a legend Plot returns a <figure>: the swatches' small SVGs, then the chart's own SVG as a direct child.
  const svg = figure.localName === 'svg' ? figure : figure.querySelector(':scope > svg');
  svg?.setAttribute('role', 'img');
  return stripMarkAria(figure);
}
