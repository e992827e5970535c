// @vitest-environment jsdom
// FlashStorage's and FlashStepper's view models and chart: policies from the toggles, the build-time rung they
// match, counters in the kit's units, and a chart that names and describes itself.
import { describe, expect, it } from 'vitest';
import { storageChart } from '../../site/widgets/flash-storage/chart.ts';
import { at, curveSentence, type Curve } from '../../site/widgets/flash-storage/model.ts';
import { countsText, ladderId, meanCounts, policyOf } from '../../site/widgets/flash-stepper/model.ts';
import { validatePolicy } from '../../lib/flash/policy.ts';

const curve: Curve = {
  who: 'build machine',
  points: [1024, 4096, 524288].flatMap((c) => (['sequential', 'scattered'] as const).map((order) => ({ order, chunkBytes: c, microsPerRead: 5 + c / 2e4, bytesPerSecond: c / ((5 + c / 2e4) * 1e-6) }))),
};

describe('FlashStorage', () => {
  it('finds points and says the smallest and largest scattered reads', () => {
    expect(at(curve, 'scattered', 4096)?.chunkBytes).toBe(4096);
    expect(at(curve, 'scattered', 2048)).toBeUndefined();
    expect(curveSentence(curve)).toMatch(/^On the build machine, scattered reads of 1 KiB move .+\/s \(5\.05 µs per read\); reads of 512 KiB move .+\/s\.$/);
  });

  it('draws a labelled, described chart with a line per series and the paper rules', () => {
    const el = storageChart([curve, { ...curve, who: 'this device' }], { width: 600 });
    const svg = el.localName === 'svg' ? el : el.querySelector(':scope > svg')!; // with a legend Plot returns a <figure>
    expect(svg.getAttribute('aria-label')).toBe('Read throughput against read size');
    expect(svg.getAttribute('aria-description')).toContain('1.25 GB/s');
    expect(el.querySelectorAll('path').length).toBeGreaterThanOrEqual(4);
  });
});

describe('FlashStepper', () => {
  it('turns the toggles into a valid policy and finds the matching rung of the ablation', () => {
    const v = { neurons: 'predictor' as const, hybrid: false, window: 5, bundling: true };
    expect(validatePolicy(policyOf(v))).toEqual({ select: 'predictor', resident: 0, windowK: 5, layout: 'bundled' });
    expect(ladderId(v, 5)).toBe('bundling');
    expect(ladderId({ ...v, bundling: false }, 5)).toBe('window');
    expect(ladderId({ ...v, bundling: false, window: 0 }, 5)).toBe('predictor');
    expect(ladderId({ ...v, neurons: 'all', bundling: false, window: 0, hybrid: true }, 5)).toBe('hybrid');
    expect(ladderId({ ...v, neurons: 'all', bundling: false, window: 0 }, 5)).toBe('naive');
    expect(ladderId({ ...v, window: 3 }, 5)).toBeNull();
    expect(policyOf({ ...v, hybrid: true }).resident).toBe(0.5);
  });

  it('averages steps and prints counters in kit units (curve only when every step has one)', () => {
    const s = { bytes: 2048, reads: 2, neuronsLoaded: 2, neuronsChosen: 10, dramBytes: 10240, readMs: 0.01, paperMs: 0.001, curveMs: null };
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
