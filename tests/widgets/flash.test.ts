// @vitest-environment jsdom
// FlashStorage's and FlashStepper's view models and chart: policies from the toggles, the build-time rung they
// match, counters in the kit's units, and a chart that names and describes itself.
import { describe, expect, it } from 'vitest';
import { storageChart } from '../../site/widgets/flash-storage/chart.ts';
import { at, type Curve } from '../../site/widgets/flash-storage/model.ts';
import { text as storageText } from '../../site/widgets/flash-storage/text.ts';
import { ladderId, meanCounts, policyOf } from '../../site/widgets/flash-stepper/model.ts';
import { text as stepperText } from '../../site/widgets/flash-stepper/text.ts';
import { validatePolicy } from '../../lib/flash/policy.ts';

const curve: Curve = {
  who: 'build machine',
  points: [1024, 4096, 524288].flatMap((c) =>
    (['sequential', 'scattered'] as const).map((order) => ({
      order,
      chunkBytes: c,
      microsPerRead: 5 + c / 2e4,
      bytesPerSecond: c / ((5 + c / 2e4) * 1e-6),
    })),
  ),
};

describe('FlashStorage', () => {
  const { chunkSentence, curveSentence } = storageText.en;
  it('finds points and says the smallest and largest scattered reads', () => {
    expect(at(curve, 'scattered', 4096)?.chunkBytes).toBe(4096);
    expect(at(curve, 'scattered', 2048)).toBeUndefined();
    expect(curveSentence({ ...curve, who: 'this device' })).toMatch(/^On this device, scattered reads of 1 KiB/);
    expect(curveSentence(curve)).toMatch(
      /^On the build machine, scattered reads of 1 KiB move .+\/s \(5\.05 µs per read\); reads of 512 KiB move .+\/s\.$/,
    );
  });

  it('draws a labelled, described chart with a line per series and the paper rules', () => {
    const el = storageChart([curve, { ...curve, who: 'this device' }], { width: 600 });
    const svg = el.localName === 'svg' ? el : el.querySelector(':scope > svg')!; // with a legend Plot returns a <figure>
    expect(svg.getAttribute('aria-label')).toBe('Read throughput against read size');
    expect(svg.getAttribute('aria-description')).toContain('1.25 GB/s');
    expect(el.querySelectorAll('path').length).toBeGreaterThanOrEqual(4);
  });

  it('compares one read size across curves, says what the size is, and marks it on the chart', () => {
    const device: Curve = { ...curve, who: 'this device' };
    const s = chunkSentence([curve, device], 1024);
    expect(s).toMatch(
      /^Reads of 1 KiB \(one bundle of our model: a neuron's up column and down row\): the build machine moves .+\/s sequential and .+\/s scattered, 5\.05 µs per scattered read; this device moves /,
    );
    expect(chunkSentence([curve], 2048)).toBe('Reads of 2 KiB: the build machine did not measure this size.');
    const rules = (c?: number) => storageChart([curve], { width: 600 }, c).querySelectorAll('line').length; // one more line: the mark
    expect(rules(4096)).toBe(rules(undefined) + 1);
    const svg = storageChart([curve], { width: 600 }, 4096);
    expect(
      (svg.localName === 'svg' ? svg : svg.querySelector(':scope > svg')!).getAttribute('aria-description'),
    ).toContain('The vertical line marks reads of 4 KiB.');
  });
});

describe('FlashStepper', () => {
  const { budgetText, countsText } = stepperText.en;
  it('turns the toggles into a valid policy and finds the matching rung of the ablation', () => {
    const v = { neurons: 'predictor' as const, hybrid: false, window: 5, budget: 1, bundling: true };
    expect(validatePolicy(policyOf(v))).toEqual({
      select: 'predictor',
      resident: 0,
      windowK: 5,
      layout: 'bundled',
      budget: 1,
    });
    expect(ladderId(v, 5)).toBe('bundling');
    expect(ladderId({ ...v, bundling: false }, 5)).toBe('window');
    expect(ladderId({ ...v, bundling: false, window: 0 }, 5)).toBe('predictor');
    expect(ladderId({ ...v, neurons: 'all', bundling: false, window: 0, hybrid: true }, 5)).toBe('hybrid');
    expect(ladderId({ ...v, neurons: 'all', bundling: false, window: 0 }, 5)).toBe('naive');
    expect(ladderId({ ...v, window: 3 }, 5)).toBeNull();
    expect(policyOf({ ...v, hybrid: true }).resident).toBe(0.5);
    // A budget below 1 is not a rung of the build-time ablation; its slider says what it is.
    expect(ladderId({ ...v, budget: 0.25 }, 5)).toBeNull();
    expect(policyOf({ ...v, budget: 0.25 }).budget).toBe(0.25);
    expect([budgetText(1), budgetText(0.25), budgetText(0.05)]).toEqual(['100% (no cap)', '25%', '5%']);
  });

  it('averages steps and prints counters in kit units (curve only when every step has one)', () => {
    const s = {
      bytes: 2048,
      reads: 2,
      neuronsLoaded: 2,
      neuronsChosen: 10,
      dramBytes: 10240,
      readMs: 0.01,
      paperMs: 0.001,
      curveMs: null,
    };
    const m = meanCounts([s, { ...s, bytes: 4096, reads: 4, curveMs: 0.5 }]);
    expect(m.bytes).toBe(3072);
    expect(m.curveMs).toBeNull();
    const t = countsText(m);
    expect(t.bytes).toBe('3 KiB');
    expect(t.neurons).toBe('2 of 10 chosen');
    expect(t.readMs).toBe('10 µs');
    expect(t.curveMs).toBe('measure your device above first');
  });
});

import { gridCells, windowAt } from '../../site/widgets/flash-window/model.ts';
import { windowCurve, windowGrid } from '../../site/widgets/flash-window/chart.ts';
import { layoutRows } from '../../site/widgets/flash-bundling/model.ts';
import { bundlingChart } from '../../site/widgets/flash-bundling/chart.ts';

describe('FlashWindow', () => {
  const active = [[0, 1], [1, 2], [3], [1, 3, 4]];
  it('keeps the union of the last k tokens and loads what the token needs beyond it', () => {
    expect(windowAt(active, 3, 2)).toEqual({ kept: [1, 2, 3], needed: [1, 3, 4], load: [4], reused: [1, 3] });
    expect(windowAt(active, 3, 0)).toEqual({ kept: [], needed: [1, 3, 4], load: [1, 3, 4], reused: [] });
    expect(windowAt(active, 1, 5).kept).toEqual([0, 1]); // fewer than k tokens before: all of them
  });
  it('lays the grid out as tokens t−k..t plus a kept row, over the neurons they use', () => {
    const g = gridCells(active, ['a', 'b', 'c', 'd'], 3, 2);
    expect(g.rows).toEqual(['1: b', '2: c', '3: d', 'kept in DRAM']);
    expect(g.cols).toEqual([1, 2, 3, 4]);
    expect(g.cells.filter((c) => c.kind === 'load').map((c) => c.neuron)).toEqual([4]);
    expect(g.cells.filter((c) => c.kind === 'kept').map((c) => c.neuron)).toEqual([1, 2, 3]);
  });
  it('draws both charts with names and descriptions', () => {
    const grid = windowGrid(active, ['a', 'b', 'c', 'd'], 8, 3, 2, { width: 500 });
    expect(grid.querySelector(':scope > svg')?.getAttribute('aria-description')).toContain(
      '1 (12.5% of the layer) must be loaded',
    );
    const curve = windowCurve({ k: [0, 1, 2], sAgg: [0, 0.1, 0.17], deltaLoad: [0.1, 0.07, 0.05], tokens: 100 }, 1, {
      width: 500,
    });
    expect(curve.querySelector(':scope > svg')?.getAttribute('aria-description')).toMatch(
      /with k = 1 a token loads 7(\.0)?% of the FFN/,
    );
  });
});

describe('FlashBundling', () => {
  const f = {
    activePerToken: 200,
    friendReadsPerToken: 180,
    bytesRatio: 1.8,
    wastedFriendShare: 0.9,
    topFriendReadsPerToken: 30,
    layers: [],
  };
  it('reads twice as often apart, the same bytes bundled, and twice the bytes per read with friends', () => {
    expect(layoutRows(f, 1024)).toEqual([
      { layout: 'apart', reads: 400, bytes: 204800 },
      { layout: 'bundled', reads: 200, bytes: 204800 },
      { layout: 'friends', reads: 180, bytes: 368640 },
    ]);
    expect(bundlingChart(f, 1024, { width: 500 }).querySelector(':scope > svg')?.getAttribute('aria-label')).toBe(
      'Read calls and KiB per token for three flash layouts',
    );
  });
});
