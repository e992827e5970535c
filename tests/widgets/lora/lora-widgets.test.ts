// @vitest-environment jsdom-ssr
// The LoRA widgets' view models and charts in Node: sentences, the merged/unmerged verdict, the loss chart and
// the Eq. 4 heatmap (named, described, one cell per (i, j)); and their shells on a /zh/ page, in Chinese.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoraAdapters, LoraSpectrum } from '../../../site/widgets/index.ts';
import { answer, mountZh, settle, shownWords, stubMatchMedia, unmountZh } from '../zh-mount.ts';
import { lossText, statusText, trainSummary, type LossPoint } from '../../../site/widgets/lora-train/model.ts';
import { lossChart } from '../../../site/widgets/lora-train/chart.ts';
import { compareText, adapterRows } from '../../../site/widgets/lora-adapters/model.ts';
import { cells, spectrumSummary, targetName, type SpectrumData } from '../../../site/widgets/lora-spectrum/model.ts';
import { heatmapChart, singularChart } from '../../../site/widgets/lora-spectrum/chart.ts';
import { mulberry32 } from '../../../lib/random.ts';

vi.mock('../../../site/worker/client.ts', async () => (await import('../worker/fake-client.ts')).clientModule);
beforeAll(stubMatchMedia);
afterEach(unmountZh);

describe('LoraTrain model and chart', () => {
  it('says the step, rate, backend and the loss change', () => {
    expect(
      statusText({
        step: 30,
        steps: 150,
        stepsPerSecond: 2.5,
        tokensPerSecond: 640,
        backend: 'wasm',
        state: 'training',
      }),
    ).toMatch(/^Training: step 30 of 150, 2\.50 steps\/s .* on wasm\.$/);
    expect(lossText(3.8, 3.7)).toBe('3.800 → 3.700 nats/token (−0.100)');
    expect(lossText(undefined, 3)).toBe('—');
    expect(trainSummary(undefined, 0, 150)).toMatch(/Not trained yet/);
  });

  it('draws training and held-out losses, and describes the held-out change', () => {
    const rng = mulberry32(1);
    const pts: LossPoint[] = [{ step: 0, loss: 3.8, set: 'held-out' }];
    for (let s = 1; s <= 40; s++) pts.push({ step: s, loss: 3.8 - s * 0.004 + 0.05 * rng(), set: 'train' });
    pts.push({ step: 40, loss: 3.66, set: 'held-out' });
    const fig = lossChart(pts, 150, { width: 375, document });
    const text = fig.outerHTML;
    expect(text).toContain('Held-out loss from 3.800 to 3.660 nats per token over 40 steps');
    expect(fig.querySelectorAll('circle').length).toBeGreaterThanOrEqual(2);
  });
});

describe('LoraTrain chart: every plotted loss is inside the y axis (issue 19)', () => {
  it('early losses far above the rest, on seeded runs: every line vertex and every dot lies within the frame', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const start = 6 + 3 * rng(); // the first held-out loss, the highest point of the run
      const pts: LossPoint[] = [{ step: 0, loss: start, set: 'held-out' }];
      for (let s = 1; s <= 60; s++)
        pts.push({ step: s, loss: 3.5 + (start - 3.6) * Math.exp(-s / 4) + 0.1 * rng(), set: 'train' });
      for (const s of [20, 40, 60])
        pts.push({ step: s, loss: 3.5 + (start - 3.6) * Math.exp(-s / 4), set: 'held-out' });
      const fig = lossChart(pts, 60, { width: 375, document }) as unknown as Element & {
        scale: (name: 'y') => { domain: number[]; range: number[] };
      };
      const y = fig.scale('y');
      const [bottom, top] = y.range;
      for (const p of pts) {
        expect(p.loss).toBeGreaterThanOrEqual(y.domain[0]);
        expect(p.loss).toBeLessThanOrEqual(y.domain[1]);
      }
      const line = [...fig.querySelectorAll('path')].find((p) => (p.getAttribute('d') ?? '').split('L').length > 50)!;
      const ysOfLine = (line.getAttribute('d') ?? '')
        .split(/[ML]/)
        .filter(Boolean)
        .map((xy) => Number(xy.split(',')[1]));
      expect(ysOfLine.length).toBe(60);
      for (const v of ysOfLine) expect(v >= top && v <= bottom).toBe(true);
      const dots = [...fig.querySelectorAll('circle')];
      expect(dots.length).toBe(4);
      for (const c of dots) {
        const cy = Number(c.getAttribute('cy'));
        const r = Number(c.getAttribute('r') ?? c.closest('[r]')?.getAttribute('r') ?? 3);
        expect(cy - r, 'a dot cut by the top of the frame').toBeGreaterThanOrEqual(top);
        expect(cy + r, 'a dot cut by the bottom of the frame').toBeLessThanOrEqual(bottom);
      }
    }
  });
});

describe('LoraAdapters model', () => {
  const out = (ids: number[], tps: number) => ({ text: '', ids, tokensPerSecond: tps, switchMs: 3 });
  it('says identical only when every token matches', () => {
    expect(compareText(out([1, 2, 3], 50), out([1, 2, 3], 60))).toMatch(/^Identical text \(3 tokens/);
    expect(compareText(out([1, 2, 3], 50), out([1, 2, 4], 60))).toMatch(/^Different text/);
  });
  it('builds the table rows from a card: base, each rank, the full fine-tune marked not shipped', () => {
    const card = {
      sampleTokens: 4,
      baseline: { validationLoss: { sotu: 3.8, mobyDick: 3.4 }, samples: [{ prompt: 'P', text: ' a' }] },
      runs: [
        {
          kind: 'lora',
          rank: 1,
          trainableParameters: 2048,
          validationLoss: { sotu: 3.7, mobyDick: 3.5 },
          samples: [{ prompt: 'P', text: ' b' }],
        },
        {
          kind: 'full fine-tune',
          trainableParameters: 875264,
          validationLoss: { sotu: 3.6, mobyDick: 3.6 },
          samples: [{ prompt: 'P', text: ' c' }],
        },
      ],
    };
    const d = adapterRows(card);
    expect(d.rows.map((r) => r.name)).toEqual(['base', 'r1', 'full']);
    expect(d.rows[2].label).toMatch(/not shipped/);
  });
  it('in Chinese: the comparison, the rows and the shell, generating and comparing on a /zh/ page', async () => {
    expect(compareText(out([1, 2, 3], 50), out([1, 2, 3], 60), out([1, 2, 3], 70), 'zh')).toBe(
      '文本完全相同（3 个词元，逐个词元比较）；不合并 50 词元/s，合并 60 词元/s，纯基础模型 70 词元/s。合并耗时 3 ms。',
    );
    expect(compareText(out([1, 2, 3], 50), out([1, 2, 4], 60), undefined, 'zh')).toMatch(/^文本不同/);
    const el = await mountZh(LoraAdapters, () => import('../../../site/widgets/lora-adapters/element.ts'));
    expect(el.querySelector('[data-act="generate"]')!.textContent).toBe('生成');
    expect(el.querySelector('tr[data-name="base"] th')!.textContent).toBe('基础模型（target-v1）');
    expect(el.querySelector('[data-summary]')!.textContent).toBe('适配器 r4，在冻结的权重旁单独计算（未合并）。');
    el.querySelector<HTMLButtonElement>('[data-act="generate"]')!.click();
    await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toBe('正在用适配器 r4 生成……');
    await answer('lora.generate', () => ({ ...out([5, 6], 42), text: ' we' }));
    expect(el.querySelector('[data-progress]')!.textContent).toBe('适配器 r4，未合并：42 词元/s（贪心，不含提示词）。');
    el.querySelector<HTMLButtonElement>('[data-act="compare"]')!.click();
    for (const ids of [
      [5, 6],
      [5, 6],
      [5, 7],
    ])
      await answer('lora.generate', () => ({ ...out(ids, 40), text: ' we' }));
    expect(el.querySelector('[data-out="compare"]')!.textContent).toMatch(/^文本完全相同（2 个词元/);
    expect(el.querySelector('[data-progress]')!.textContent).toBe('适配器 r4：已比较合并与不合并。');
    expect(shownWords(el)).not.toMatch(/\b(Generate|Compare|Adapter|measured|State of the Union|merged)\b/);
  });
});

describe('LoraSpectrum model and charts', () => {
  const d: SpectrumData = {
    target: targetName(2, 'v'),
    singular: { a: [0.5, 0.1], b: [0.6, 0.2, 0.1, 0.05] },
    similarity: [
      [0.9, 0.92, 0.95, 0.97],
      [0.45, 0.6, 0.7, 0.8],
    ],
    ranks: [2, 4],
  };
  it('lays out one cell per (i, j) and summarises the top row', () => {
    expect(cells(d.similarity)).toHaveLength(8);
    expect(cells(d.similarity)[5]).toEqual({ i: 2, j: 2, phi: 0.6 });
    expect(spectrumSummary(d, 'r2', 'r8')).toMatch(/^h\.2\.attn\.v: .*0\.90, 0\.92, 0\.95, 0\.97/);
  });
  it('draws both charts, named for screen readers', () => {
    const h = heatmapChart(d, ['r2', 'r8'], { width: 375, document });
    expect(h.outerHTML).toContain('Subspace similarity');
    expect(h.querySelectorAll('rect').length).toBeGreaterThanOrEqual(16);
    expect(singularChart(d, ['r2', 'r8'], { width: 375, document }).outerHTML).toContain('Singular values');
  });
  it('in Chinese: the summary, both charts and the shell with the worker answer, on a /zh/ page', async () => {
    expect(spectrumSummary(d, 'r2', 'yours', 'zh')).toBe(
      'h.2.attn.v：r2 的 ΔW 奇异值为 0.500, 0.100；你的适配器的 ΔW 奇异值为 0.600, 0.200, 0.100, 0.050。r2 的首要方向与 你的适配器的前 1 到 4 个方向的重叠：0.90, 0.92, 0.95, 0.97（1 = 完全包含，0 = 正交）。',
    );
    const h = heatmapChart(d, ['r2', '你的适配器'], { width: 375, document, lang: 'zh' });
    expect(h.outerHTML).toContain('aria-label="r2 与 你的适配器 的子空间相似度 φ(i, j)，h.2.attn.v"');
    expect(h.textContent).toContain('j（你的适配器 的前几个方向）');
    expect(singularChart(d, ['r2', 'r8'], { width: 375, document, lang: 'zh' }).textContent).toContain('奇异值序号');
    const el = await mountZh(LoraSpectrum, () => import('../../../site/widgets/lora-spectrum/element.ts'));
    expect(el.querySelector('label[for$="-a"]')!.textContent).toBe('适配器 A');
    expect(el.querySelector('select[id$="-a"] option[value="yours"]')!.textContent).toBe(
      '你的适配器（在上方训练一个）',
    );
    expect(el.querySelector('[data-progress]')!.textContent).toBe('正在 worker 中分析这两个适配器……');
    await answer('lora.analyze', () => ({ ...d, target: 'h.0.attn.q' }));
    expect(el.querySelector('[data-progress]')!.textContent).toBe('在你的浏览器中测得：r2 对比 r8，h.0.attn.q。');
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /^h\.0\.attn\.q：r2 的 ΔW 奇异值为 0\.500, 0\.100；/,
    );
    expect(shownWords(el)).not.toMatch(/\b(Singular values|Measured|Adapter|yours|Layer|Darker)\b/);
  });
});
