// @vitest-environment jsdom
// The one chart entry point: themed, named, described, no per-mark ARIA, and as tall as the box reserved for it.
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../lib/random.ts';
import {
  chartHeight,
  plotChart,
  reservedHeight,
  reserveStyle,
  SERIES,
  LEGEND_HEIGHT,
} from '../../../site/widgets/_kit/chart.ts';
import { expectSnapshot } from '../snapshot.ts';

const size = { ratio: 0.5, min: 150, max: 300 };

function demo(width: number, legend = false) {
  const rand = mulberry32(1);
  const data = Array.from({ length: 20 }, (_, i) => ({ x: i, y: rand(), s: i % 2 ? 'odd' : 'even' }));
  return plotChart({
    width,
    size: { ...size, legend },
    document,
    label: 'Demo values',
    description: 'Twenty seeded values between 0 and 1.',
    color: legend ? { domain: ['even', 'odd'], range: [SERIES[0], SERIES[1]], legend: true } : undefined,
    marks: [Plot.line(data, { x: 'x', y: 'y', stroke: legend ? 's' : SERIES[0] }), Plot.dot(data, { x: 'x', y: 'y' })],
  });
}

describe('plotChart', () => {
  it('names and describes the SVG, gives it role img, and leaves no ARIA on marks', () => {
    for (const fig of [demo(400), demo(400, true)]) {
      const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-label')).toBe('Demo values');
      expect(svg.getAttribute('aria-description')).toBe('Twenty seeded values between 0 and 1.');
      expect(fig.querySelectorAll('g[aria-label], g[aria-description]').length).toBe(0);
      expect(svg.getAttribute('fill')).toBe('currentColor');
      expect(Number(fig.matches('[role="img"]')) + fig.querySelectorAll('[role="img"]').length).toBe(1);
    }
  });
  it('is as tall as chartHeight for its width, clamped', () => {
    for (const w of [200, 375, 640, 1000]) {
      const fig = demo(w);
      expect(Number(fig.getAttribute('height'))).toBe(chartHeight(w, size));
      expect(Number(fig.getAttribute('width'))).toBe(w);
    }
    expect(chartHeight(100, size)).toBe(150);
    expect(chartHeight(1000, size)).toBe(300);
    expect(reservedHeight(400, { ...size, legend: true })).toBe(200 + LEGEND_HEIGHT);
    expect(reserveStyle({ ...size, legend: true })).toBe(
      `--kit-ratio:0.5;--kit-min:150px;--kit-max:300px;--kit-legend:${LEGEND_HEIGHT}px`,
    );
  });
  it('draws the same SVG for the same seeded data (snapshot)', () => {
    expectSnapshot('kit-demo', demo(400));
    expectSnapshot('kit-demo-legend', demo(375, true));
  });
});
