// Chart snapshots, read as a reader would: no tick label with an SI suffix, no colour squares for marks drawn as
// diamonds or stars. No chart labels a tick with an SI suffix: d3's "100m" on a tokens/s or ratio axis reads as 100 million, and "2µ"
// is no unit a reader knows. Checked on every committed chart snapshot (tests/widgets/snapshots), so a chart added
// with a snapshot is checked too; the kit's `tick` formatter (site/widgets/_kit/format.ts) is the fix.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tick } from '../../site/widgets/_kit/format.ts';
import { logTicks } from '../../site/widgets/_kit/chart.ts';
import { mulberry32 } from '../../lib/random.ts';

const DIR = join(import.meta.dirname, 'snapshots');
const SI = /^[−-]?\d+(?:\.\d+)?[mµμnkMG]$/;

describe('chart tick labels', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.html') && !f.endsWith('-changed.html'));
  it('there are snapshots to check', () => expect(files.length).toBeGreaterThan(15));
  for (const file of files)
    it(`${file}: no SI-suffixed number`, () => {
      const texts = [...readFileSync(join(DIR, file), 'utf8').matchAll(/<(?:text|tspan)[^>]*>\s*([^<]+?)\s*</g)].map(
        (m) => m[1],
      );
      expect(texts.filter((t) => SI.test(t))).toEqual([]);
    });

  // Diamonds and stars as Plot draws them (symbol paths around 0,0).
  const DIAMOND = /d="M0,-[\d.]+L[\d.]+,0L0,[\d.]+L-[\d.]+,0Z"/;
  const STAR = /d="M0,-[\d.]+(?:L-?[\d.]+,-?[\d.]+){9}Z"/;
  for (const file of files)
    it(`${file}: a legend beside diamonds or stars draws symbols, not colour squares`, () => {
      const html = readFileSync(join(DIR, file), 'utf8');
      const at = html.indexOf('<svg class="plot-');
      const legend = at > 0 ? html.slice(0, at) : '';
      const chart = html.slice(Math.max(0, at));
      // Colours that a diamond or star takes from the colour scale (its own fill), and the legend's square swatches.
      const symbolFills = [...chart.matchAll(/<path[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => DIAMOND.test(tag) || STAR.test(tag))
        .map((tag) => /\sfill="([^"]+)"/.exec(tag)?.[1])
        .filter((f) => f && f !== 'none');
      const squares = [...legend.matchAll(/<svg[^>]*fill="([^"]+)"[^>]*>\s*<rect/g)].map((m) => m[1]);
      expect(squares.filter((f) => symbolFills.includes(f))).toEqual([]);
    });

  it('the kit formatter writes plain decimals', () => {
    expect([0.1, 0.05, 0.001, 1, 2500, 1e6, 0.000123].map(tick)).toEqual([
      '0.1',
      '0.05',
      '0.001',
      '1',
      '2,500',
      '1,000,000',
      '0.000123',
    ]);
  });

  it('a log axis gets at least 3 labelled ticks, all inside the domain, at most max (random domains)', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const lo = 10 ** (rng() * 8 - 4),
        hi = lo * (1.5 + rng() * 1e6);
      const t = logTicks(lo, hi);
      expect(t.length, `[${lo}, ${hi}]`).toBeGreaterThanOrEqual(hi / lo >= 3 ? 3 : 2);
      expect(t.length).toBeLessThanOrEqual(12);
      for (const v of t) {
        expect(v).toBeGreaterThanOrEqual(lo * (1 - 1e-9));
        expect(v).toBeLessThanOrEqual(hi * (1 + 1e-9));
      }
    }
    expect(logTicks(0.05, 1.6)).toEqual([0.05, 0.1, 0.2, 0.5, 1]);
  });

  it('a domain that is not a finite positive range has no ticks (a 0 ms timing once made this loop endless)', () => {
    for (const [lo, hi] of [
      [0.1, Infinity],
      [0, 10],
      [Number.NaN, 1],
      [2, 1],
    ])
      expect(logTicks(lo, hi)).toEqual([]);
  });
});
