// @vitest-environment jsdom
// Int4Race and FfnRace hold the model worker while they race (the 4096 x 4096 int4 race, a sparsity sweep), so, like
// SpecRace (spec-race-cancel.test.ts), the button that started a race reads Cancel while it runs; pressing it aborts
// the request (the client then tells the worker, tests/lib/worker-client.test.ts), says "Cancelled", restores the
// button and leaves the figures as the last finished race left them; the next press runs normally.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FfnRaceResult } from '../../lib/sparsity/index.ts';
import { checkProps } from '../../site/widgets/_kit/params.ts';
import { schema as ffnSchema } from '../../site/widgets/ffn-race/params.ts';
import { schema as int4Schema } from '../../site/widgets/int4-race/params.ts';
import { calls } from './worker/fake-client.ts';

vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);

const settle = () => new Promise((r) => setTimeout(r, 20));

/** Press `button`, which reads Cancel: the last request is aborted, none follows, and the widget says so. */
async function pressCancel(el: HTMLElement, button: HTMLButtonElement, label: string) {
  const asked = calls.length;
  expect(button.textContent).toBe('Cancel');
  button.click();
  await settle();
  expect(calls[asked - 1].signal?.aborted).toBe(true);
  expect(calls).toHaveLength(asked);
  expect(button.textContent).toBe(label);
  expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^Cancelled/);
  expect(el.dataset.state).toBe('ready');
}

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
});
beforeEach(() => {
  calls.length = 0;
});

describe('Int4Race: Cancel', () => {
  it('the race button reads Cancel while the race runs; Cancel aborts it, says so and restores the button', async () => {
    await import('../../site/widgets/int4-race/element.ts');
    const c = checkProps(int4Schema, {});
    document.body.innerHTML = `<int4-race class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values)}'
      data-state="static"><div data-notes role="status"></div>
      <select id="${c.key}-size" disabled><option value="small" selected>small</option><option value="large">large</option></select>
      <button type="button" data-run disabled>Race in my browser</button>
      <p data-out="race">built</p><p data-progress></p><p data-summary></p></int4-race>`;
    const el = document.querySelector<HTMLElement>('int4-race')!;
    await settle();
    const button = el.querySelector<HTMLButtonElement>('[data-run]')!;
    const progress = el.querySelector('[data-progress]')!;
    const sentence = el.querySelector('[data-out="race"]')!;
    expect(button.disabled).toBe(false);

    button.click();
    await settle();
    expect(calls.map((x) => x.type)).toEqual(['quant.race']);
    expect(el.dataset.state).toBe('running');
    await pressCancel(el, button, 'Race in my browser');
    expect(sentence.textContent).toBe('built');

    button.click(); // race again: it runs and shows its sentence
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].signal?.aborted).toBe(false);
    calls[1].finish({
      inDim: 512,
      outDim: 128,
      fp32Ms: 0.04,
      int4Ms: 0.02,
      speedup: 2,
      fp32Bytes: 4 * 512 * 128,
      int4Bytes: 40_000,
    });
    await settle();
    expect(button.textContent).toBe('Race in my browser');
    expect(el.dataset.state).toBe('done');
    expect(sentence.textContent).toMatch(/^In your browser: /);
    expect(progress.textContent).not.toMatch(/Cancelled/);
  });
});

/** What sparsity.race answers: each kernel's timings at one sparsity. */
function ffnResult(sparsity: number, denseMs: number): { js: FfnRaceResult; simd: FfnRaceResult; tfjs: FfnRaceResult } {
  const side = (kernel: FfnRaceResult['kernel'], backend: string): FfnRaceResult => ({
    kernel,
    backend,
    layer: 0,
    denseMs,
    sparseMs: denseMs * (1 - sparsity) + 0.01,
    speedup: denseMs / (denseMs * (1 - sparsity) + 0.01),
    idealSpeedup: 1 / (1 - sparsity),
    activeCount: Math.round(512 * (1 - sparsity)),
    trueActiveCount: 40,
    sparsity,
    maxAbsDiff: 1e-7,
  });
  return { js: side('js', 'plain JS'), simd: side('simd', 'WebAssembly SIMD'), tfjs: side('tfjs', 'wasm') };
}

describe('FfnRace: Cancel', () => {
  it('Run again and Sweep each read Cancel while their races run; Cancel stops the rest and keeps what finished', async () => {
    await import('../../site/widgets/ffn-race/element.ts');
    const c = checkProps(ffnSchema, { exact: false, sparsity: 0.5 });
    const control = (n: string) =>
      n === 'exact'
        ? `<input id="${c.key}-exact" type="checkbox" disabled>`
        : `<input id="${c.key}-${n}" type="number" disabled>`;
    const cells = ['dense', 'sparse', 'speedup', 'diff'].map((n) => `<td data-cell="${n}">–</td>`).join('');
    const outs = ['sparsity', 'tfname', 'backend', 'computed', 'ideal']
      .map((n) => `<span data-out="${n}">–</span>`)
      .join('');
    document.body.innerHTML = `<ffn-race class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values)}'
      data-state="static" data-model="target-v1"><script type="application/json" data-json>${JSON.stringify({
        active: [40, 41, 42, 43],
        nFfn: 512,
        nLayer: 4,
      })}</script><div data-notes role="status"></div>${Object.keys(ffnSchema.params).map(control).join('')}
      <p data-plan></p><button type="button" data-action="run" disabled>Run again</button>
      <button type="button" data-action="sweep" disabled>Sweep sparsities</button><p data-progress></p>
      <table><tr data-kernel="js">${cells}</tr><tr data-kernel="simd">${cells}</tr><tr data-kernel="tfjs">${cells}</tr></table>${outs}
      <div data-chart="chart"></div><p data-summary></p></ffn-race>`;
    const el = document.querySelector<HTMLElement>('ffn-race')!;
    await settle();
    const run = el.querySelector<HTMLButtonElement>('[data-action="run"]')!;
    const sweep = el.querySelector<HTMLButtonElement>('[data-action="sweep"]')!;
    const progress = el.querySelector('[data-progress]')!;
    const computed = el.querySelector('[data-out="computed"]')!;

    // The race it starts by itself is Run again's: that button reads Cancel, the sweep stays a sweep.
    expect(calls.map((x) => x.type)).toEqual(['sparsity.race']);
    expect(sweep.textContent).toBe('Sweep sparsities');
    await pressCancel(el, run, 'Run again');
    expect(computed.textContent).toBe('–');

    sweep.click(); // a sweep: one request per sparsity, one after another
    await settle();
    expect(calls).toHaveLength(2);
    expect(sweep.textContent).toBe('Cancel');
    expect(run.textContent).toBe('Run again');
    const first = calls[1].payload.sparsity as number;
    calls[1].finish(ffnResult(first, 2));
    await settle();
    expect(calls).toHaveLength(3); // the sweep's second race is asked for
    expect(computed.textContent).toMatch(/skipped/);
    const shown = computed.textContent;
    await pressCancel(el, sweep, 'Sweep sparsities'); // the second race is aborted and no third is asked for
    expect(computed.textContent).toBe(shown); // the race that finished stays on show

    run.click(); // Run again: races the controls' setting and shows it
    await settle();
    expect(calls).toHaveLength(4);
    expect(calls[3].payload.sparsity).toBe(0.5);
    expect(run.textContent).toBe('Cancel');
    calls[3].finish(ffnResult(0.5, 2));
    await settle();
    expect(run.textContent).toBe('Run again');
    expect(el.dataset.state).toBe('done');
    expect(computed.textContent).toMatch(/50% skipped/);
    expect(progress.textContent).not.toMatch(/Cancelled/);
  });
});
