// @vitest-environment jsdom
// The FlexGen widgets' view models and charts: the animator's counts follow lib's schedule arithmetic, the policy
// solver's bars add up to the model's bytes, the trade-off curve uses the paper's latency definition.
import { describe, expect, it } from 'vitest';
import { blockOf, modelled, scheduleView } from '../../site/widgets/schedule-animator/model.ts';
import { text as scheduleText } from '../../site/widgets/schedule-animator/text.ts';
import { scheduleChart } from '../../site/widgets/schedule-animator/chart.ts';
import { bars, requestOf, terms } from '../../site/widgets/policy-solver/model.ts';
import { text as policyWords } from '../../site/widgets/policy-solver/text.ts';
import { tierChart } from '../../site/widgets/policy-solver/chart.ts';
import { curve } from '../../site/widgets/tradeoff-curve/model.ts';
import { tradeoffChart } from '../../site/widgets/tradeoff-curve/chart.ts';
import { memory, pick, type CompressionData } from '../../site/widgets/compression-loss/model.ts';
import { text as compressionWords } from '../../site/widgets/compression-loss/text.ts';
import { schema as policySchema } from '../../site/widgets/policy-solver/params.ts';
import { compressionChart } from '../../site/widgets/compression-loss/chart.ts';
import { getHighs } from '../../lib/offload/policy-search.ts';
import { solveRequest } from '../../lib/offload/solve-request.ts';
import { OPT_SHAPES, weightBytes } from '../../lib/offload/shapes.ts';
import results from '../../site/data/flexgen-results.json';
import { expectSnapshot } from './snapshot.ts';

const svgOf = (f: Element) => (f.tagName.toLowerCase() === 'svg' ? f : f.querySelector(':scope > svg'))!;
const base = { order: 'zigzag' as const, batches: 6, nb: 3, gbs: 32, step: 0 };

describe('ScheduleAnimator model', () => {
  it('counts one weight load per layer per token per block, and row-by-row one per square', () => {
    expect(scheduleView({ ...base, step: 72 }).counts.weightLoads).toBe(2 * 3 * 4);
    expect(scheduleView({ ...base, order: 'row', step: 72 }).counts.weightLoads).toBe(72);
    expect(scheduleView({ ...base, order: 'column', step: 72 }).counts.weightLoads).toBe(12);
    expect(scheduleView({ ...base, step: 5 }).cells.filter((c) => c.done)).toHaveLength(5);
  });
  it('a bigger block raises modelled throughput and latency together', () => {
    const small = modelled({ ...base, nb: 1 }),
      big = modelled({ ...base, nb: 6, batches: 6 });
    expect(big.throughput).toBeGreaterThan(small.throughput);
    expect(big.latencyMs).toBeGreaterThan(small.latencyMs);
    expect(blockOf({ ...base, nb: 9 })).toBe(6);
  });
  it('draws a named grid', () => {
    const fig = scheduleChart(
      scheduleView({ ...base, step: 10 }).cells,
      scheduleText.en.summaryText({ ...base, step: 10 }),
      {
        width: 375,
        document,
      },
    );
    expect(svgOf(fig).getAttribute('aria-label')).toMatch(/grid/i);
    expectSnapshot('offload-schedule-375', fig);
  });
});

describe('PolicySolver model', () => {
  it('its bars hold all of the weights, spread over the tiers, and one term is binding', async () => {
    const v = {
      model: 'opt-175b' as const,
      gpu: 16,
      cpu: 208,
      disk: 1500,
      pcie: 12.89,
      diskRead: 0.473,
      compress: false,
      delegate: true,
    };
    const a = await solveRequest(await getHighs(), requestOf(v));
    expect(a.status).toBe('optimal');
    const b = bars(v, a);
    const w = b.filter((x) => x.kind === 'weights').reduce((s, x) => s + x.bytes, 0);
    expect(w).toBeCloseTo(weightBytes(OPT_SHAPES['opt-175b']), -3);
    expect(terms(a).filter((t) => t.binding)).toHaveLength(1);
    expect(policyWords.en.summaryText(v, a)).toMatch(/best policy GPU batch \d+ × \d+/);
    const fig = tierChart(
      b,
      { GPU: 16 * 2 ** 30 * 0.8, CPU: 208 * 2 ** 30 * 0.8, disk: 1500 * 2 ** 30 * 0.8 },
      'test',
      { width: 375, document },
    );
    expect(svgOf(fig).getAttribute('aria-label')).toMatch(/tier/i);
  });
  it('says why a machine that cannot hold the model is infeasible', async () => {
    const v = {
      model: 'opt-175b' as const,
      gpu: 1,
      cpu: 8,
      disk: 16,
      pcie: 12,
      diskRead: 2,
      compress: false,
      delegate: true,
    };
    const a = await solveRequest(await getHighs(), requestOf(v));
    expect(policyWords.en.summaryText(v, a)).toMatch(/cannot run on this machine/);
    expect(bars(v, a)).toEqual([]);
  });
});

describe('TradeoffCurve and CompressionLoss', () => {
  it('puts the paper points at latency = batch × 32 / throughput', () => {
    const { paper, lines } = curve(results.frontier, 'opt-175b');
    const fg = paper.find((p) => p.series === 'paper')!;
    expect(fg.latency).toBeCloseTo((256 * 32) / 0.69, 6);
    expect(lines.length).toBeGreaterThan(2);
    const fig = tradeoffChart(lines, paper, 'test', { width: 640, document });
    expect(svgOf(fig).getAttribute('aria-label')).toMatch(/latency/i);
  });
  it('picks the measured row for each pair of widths; 4-bit storage is smaller', () => {
    const d = results.compression as CompressionData;
    for (const w of ['16', '4', '3'])
      for (const c of ['16', '4', '3']) expect(pick(d, w, c), `${w}/${c}`).toBeDefined();
    expect(memory(d, '4', '4').weights).toBeLessThan(memory(d, '16', '16').weights);
    const fig = compressionChart(d.rows, pick(d, '4', '4'), 'test', { width: 375, document });
    expect(svgOf(fig).getAttribute('aria-label')).toMatch(/loss/i);
  });
  it('calls the uncompressed run float32, never "16-bit"', () => {
    const { optionName, summaryText: compressionText } = compressionWords.en;
    const d = results.compression as CompressionData;
    expect(optionName('16')).toBe('none (float32)');
    expect(optionName('4')).toBe('4-bit');
    const t = compressionText(d, '16', '4');
    expect(t).toMatch(/uncompressed weights and 4-bit KV cache/);
    expect(t).not.toMatch(/16-bit/);
  });
  it('one batch, one sequence: singular nouns; memory sliders in the unit the chart shows (GiB)', () => {
    const one = { ...base, batches: 1, nb: 1, gbs: 1, step: 0 };
    expect(scheduleText.en.summaryText(one)).toMatch(/over 1 GPU batch, /);
    expect(scheduleText.en.summaryText(one)).toMatch(/blocks of 1 sequence:/);
    for (const name of ['gpu', 'cpu', 'disk'] as const) expect(policySchema.params[name].label).toMatch(/\(GiB\)$/);
  });
});
