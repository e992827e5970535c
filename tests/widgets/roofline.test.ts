// @vitest-environment jsdom
// Roofline: the chart helper draws the roof and one numbered dot per pass inside its log axes at a phone's width and
// a desktop's; the element shows intensities before a run, asks the worker for the slider's tree, shows the run's
// rows and summary, marks them stale when the slider moves and clears the mark when Measure runs again.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INT4, passBytes, passFlops, type WeightFormat } from '../../lib/engine/intensity.ts';
import type { RooflinePoint } from '../../lib/speculative/roofline-points.ts';
import type { Roofline } from '../../lib/engine/roofline.ts';
import { mulberry32 } from '../../lib/random.ts';
import type { GPTConfig } from '../../lib/config.ts';
import { reservedHeight } from '../../site/widgets/_kit/chart.ts';
import { checkProps } from '../../site/widgets/_kit/params.ts';
import { rooflineChart, SIZE } from '../../site/widgets/roofline/chart.ts';
import { pointRows } from '../../site/widgets/roofline/model.ts';
import { schema } from '../../site/widgets/roofline/params.ts';
import { text } from '../../site/widgets/roofline/text.ts';

const summary = text.en.summary;

const CFG: GPTConfig = { vocabSize: 512, blockSize: 128, nLayer: 4, nHead: 4, nEmbd: 128, nFfn: 512 };
const ROOF: Roofline = {
  kernels: 'simd',
  computeGflops: 12,
  computeShape: [128, 512],
  memoryGBs: 6,
  memoryBytes: 96 * 2 ** 20,
};

/** Points as measureDecodePoints returns them, with seeded rates below the roof. */
function points(tree: number, seed = 1): RooflinePoint[] {
  const rng = mulberry32(seed);
  const out: RooflinePoint[] = [];
  const engines: [string, WeightFormat][] = [
    ['tfjs', { bits: 32 }],
    ['lean js', { bits: 32 }],
    ['lean js', INT4],
    ['lean simd', { bits: 32 }],
    ['lean simd', INT4],
  ];
  for (const [engine, weights] of engines)
    for (const tokens of [1, tree]) {
      const shape = { tokens, context: 72, weights };
      const flops = passFlops(CFG, shape),
        bytes = passBytes(CFG, shape);
      const gflops = Math.min(ROOF.computeGflops, ROOF.memoryGBs * (flops / bytes)) * (0.02 + 0.9 * rng());
      out.push({ ...shape, engine, flops, bytes, intensity: flops / bytes, gflops, msPerPass: flops / gflops / 1e6 });
    }
  return out;
}

const fakeWorker = {
  calls: [] as { type: string; payload: { treeTokens: number } }[],
  request: async (type: string, payload: { treeTokens: number }) => {
    fakeWorker.calls.push({ type, payload });
    await new Promise((r) => setTimeout(r, 5));
    return { model: 'target-v1', backend: { name: 'wasm' }, roof: ROOF, points: points(payload.treeTokens) };
  },
  onStatus: () => () => {},
  ready: Promise.resolve(),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));
const settle = () => new Promise((r) => setTimeout(r, 30));

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
});

describe('rooflineChart', () => {
  for (const width of [375, 720])
    it(`draws the roof and one numbered dot per pass inside the axes at ${width} px`, () => {
      const m = { roof: ROOF, points: points(8) };
      const fig = rooflineChart(m, { width, document });
      const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-description')).toBe(summary(m));
      expect(Number(svg.getAttribute('height')) + 38).toBe(reservedHeight(width, SIZE));
      expect(fig.innerHTML).not.toMatch(/#[0-9a-f]{6}\b|rgb\(/i);
      const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
      for (let n = 1; n <= m.points.length; n++) expect(labels).toContain(String(n));
      expect(labels).toContain('compute roof');
      expect(labels).toContain('memory roof');
      // every dot lies inside the plot's frame
      const w = Number(svg.getAttribute('width')),
        h = Number(svg.getAttribute('height'));
      const dots = [...svg.querySelectorAll('path, circle')].filter((d) =>
        d.getAttribute('transform')?.startsWith('translate'),
      );
      expect(dots.length).toBeGreaterThanOrEqual(m.points.length);
      for (const d of dots) {
        const [x, y] = d
          .getAttribute('transform')!
          .match(/translate\(([-\d.]+),([-\d.]+)\)/)!
          .slice(1)
          .map(Number);
        expect(x).toBeGreaterThan(0);
        expect(x).toBeLessThan(w);
        expect(y).toBeGreaterThan(0);
        expect(y).toBeLessThan(h);
      }
    });

  it('rows: the roof above each pass is the lower roof at its intensity, and the bound names which', () => {
    for (const r of pointRows({ roof: ROOF, points: points(8, 3) })) {
      expect(r.attainable).toBeCloseTo(Math.min(12, 6 * r.intensity), 12);
      expect(r.bound).toBe(r.intensity < 2 ? 'memory' : 'compute');
      expect(text.en.bound(r.bound)).toBe(r.bound);
      expect(r.share).toBeLessThanOrEqual(1);
    }
  });

  it('a pass above the memory roof (weights in cache) is held to the compute roof, and the summary says why', () => {
    const all = points(8, 5);
    const [tfjs, simd] = [all[0], all[6]]; // one fp32 token on tfjs and on lean simd
    const gflops = 3 * 6 * simd.intensity; // three times what memory allows at 0.5 FLOP/byte
    const fast = { ...simd, gflops, msPerPass: simd.flops / gflops / 1e6 };
    const m = { roof: ROOF, points: [tfjs, fast] };
    const row = pointRows(m)[1];
    expect(row.bound).toBe('cache');
    expect(text.en.bound(row.bound)).toBe('compute: weights in cache');
    expect(row.attainable).toBe(12);
    expect(row.share).toBeCloseTo(9 / 12, 12);
    expect(summary(m)).not.toMatch(/faster than the roof/);
    const faster = { ...fast, gflops: 15, msPerPass: simd.flops / 15 / 1e6 }; // above the 12 GFLOP/s compute roof
    expect(summary({ roof: ROOF, points: [tfjs, faster] })).toMatch(
      /Pass 2 ran faster than the roof the probe measured/,
    );
    expect(summary(m)).toMatch(
      /above the memory roof, because the pass's 3\.5 MiB stay in your device's cache; that is 75% of the compute roof/,
    );
  });
});

describe('<roofline-plot>', () => {
  it('intensities before a run; Measure asks for the slider’s tree; moving it marks the run stale until Measure', async () => {
    await import('../../site/widgets/roofline/element.ts');
    const c = checkProps(schema, {});
    document.body.innerHTML = `<roofline-plot class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values)}'
      data-state="static"><script type="application/json" data-json>${JSON.stringify({ config: CFG })}</script>
      <div data-notes role="status"></div><input id="${c.key}-tree" type="range" min="2" max="16" disabled>
      <output data-out="tree">8</output><button type="button" data-run disabled>Measure</button><p data-progress></p>
      <p data-out="roof">built</p><div data-chart="chart" style="width:400px"></div>
      <table><tbody data-out="table"></tbody></table><p data-summary></p></roofline-plot>`;
    const el = document.querySelector<HTMLElement>('roofline-plot')!;
    await settle();
    const input = el.querySelector<HTMLInputElement>(`#${c.key}-tree`)!;
    const button = el.querySelector<HTMLButtonElement>('[data-run]')!;
    const table = el.querySelector('[data-out="table"]')!;
    expect(button.disabled).toBe(false);
    expect(input.disabled).toBe(false);

    input.value = '4';
    input.dispatchEvent(new Event('input'));
    await settle();
    // fp32 one token 0.5, tree of 4: 4 × 1,835,008 / 3,670,016 = 2 FLOP/byte (context 64)
    expect([...table.querySelectorAll('tr')].map((r) => r.children[4].textContent)).toEqual([
      '0.5 FLOP/byte',
      '2 FLOP/byte',
      expect.stringMatching(/^1\.81 FLOP\/byte$/),
      expect.stringMatching(/^7\.23 FLOP\/byte$/),
    ]);
    expect(el.dataset.stale).toBeUndefined();

    button.click();
    await settle();
    expect(fakeWorker.calls.at(-1)).toEqual({ type: 'roofline.measure', payload: { treeTokens: 4 } });
    expect(el.dataset.state).toBe('done');
    expect(table.querySelectorAll('tr')).toHaveLength(10);
    expect(table.querySelector('tr td')!.textContent).toBe('tfjs');
    const said = el.querySelector('[data-summary]')!.textContent!;
    expect(said).toBe(summary({ roof: ROOF, points: points(4) }));
    expect(el.querySelector('[data-out="roof"]')!.textContent).toBe(said);

    input.value = '12';
    input.dispatchEvent(new Event('input'));
    await settle();
    expect(el.dataset.stale).toBe('true');
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/press Measure/);
    expect(el.querySelector('[data-out="roof"]')!.textContent).toBe(said); // kept, dimmed, until Measure

    button.click();
    await settle();
    expect(fakeWorker.calls.at(-1)!.payload).toEqual({ treeTokens: 12 });
    expect(el.dataset.stale).toBeUndefined();
    expect(table.querySelectorAll('tr')[1].children[3].textContent).toBe('tree of 12');
  });
});

/** The numbers in a sentence, sorted: both editions must show the same ones. */
const numbersIn = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).sort();

describe('Roofline in Chinese', () => {
  it('the Chinese summary states exactly the English one’s numbers, with and without a pass in cache', () => {
    for (const seed of [1, 2, 3, 4]) {
      const m = { roof: ROOF, points: points(2 + seed * 3, seed) };
      expect(numbersIn(text.zh.summary(m))).toEqual(numbersIn(text.en.summary(m)));
      expect(text.zh.summary(m)).toMatch(/计算屋顶/);
    }
    const all = points(8, 5);
    const fast = { ...all[6], gflops: 15, msPerPass: all[6].flops / 15 / 1e6 };
    const m = { roof: ROOF, points: [all[0], fast] };
    expect(numbersIn(text.zh.summary(m))).toEqual(numbersIn(text.en.summary(m)));
    expect(text.zh.summary(m)).toMatch(/第 2 次前向比探测测得的屋顶还快/);
  });

  it('on a zh-Hans page the element writes Chinese: intensities, the run’s rows and summary, the stale line, the chart', async () => {
    document.documentElement.lang = 'zh-Hans';
    try {
      await import('../../site/widgets/roofline/element.ts');
      const c = checkProps(schema, {});
      document.body.innerHTML = `<roofline-plot class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values)}'
        data-state="static"><script type="application/json" data-json>${JSON.stringify({ config: CFG })}</script>
        <div data-notes role="status"></div><input id="${c.key}-tree" type="range" min="2" max="16" disabled>
        <output data-out="tree">8</output><button type="button" data-run disabled>测量</button><p data-progress></p>
        <p data-out="roof">built</p><div data-chart="chart" style="width:400px"></div>
        <table><tbody data-out="table"></tbody></table><p data-summary></p></roofline-plot>`;
      const el = document.querySelector<HTMLElement>('roofline-plot')!;
      await settle();
      const table = el.querySelector('[data-out="table"]')!;
      const input = el.querySelector<HTMLInputElement>(`#${c.key}-tree`)!;
      const tree = Number(input.value); // the address bar may still carry the last test's tree
      expect(table.querySelectorAll('tr')[1].children[3].textContent).toBe(`${tree} 个词元的树`);
      expect(el.querySelector('[data-out="roof"]')!.textContent).toMatch(/^测量之前：/);
      el.querySelector<HTMLButtonElement>('[data-run]')!.click();
      await settle();
      expect(el.dataset.state).toBe('done');
      expect(el.querySelector('[data-summary]')!.textContent).toBe(
        text.zh.summary({ roof: ROOF, points: points(tree) }),
      );
      expect(table.querySelectorAll('tr')[0].children[3].textContent).toBe('单个词元');
      expect(table.querySelectorAll('tr')[0].children[6].textContent).toMatch(/\((访存|计算)受限/);
      input.value = String(tree === 5 ? 6 : 5);
      input.dispatchEvent(new Event('input'));
      await settle();
      expect(el.querySelector('[data-progress]')!.textContent).toBe(text.zh.staleTree);
      const fig = rooflineChart({ roof: ROOF, points: points(tree) }, { width: 375, document }, 'zh');
      const labels = [...fig.querySelectorAll('text')].map((t) => t.textContent);
      expect(labels).toContain('计算屋顶');
      expect(labels).toContain('内存屋顶');
      expect(fig.textContent).toContain('算术强度（FLOP/byte）');
      expect(fig.textContent).not.toMatch(/roof|arithmetic/);
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
