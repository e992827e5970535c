// @vitest-environment jsdom
// SpecRace's race holds the model worker for up to a minute (issue 23): while it runs, Race reads Cancel; pressing it
// aborts the request (the client then tells the worker, tests/lib/worker-client.test.ts), says "Cancelled", restores
// Race and leaves the figures as they were; the next Race runs normally.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkProps } from '../../site/widgets/_kit/params.ts';
import { schema } from '../../site/widgets/spec-race/params.ts';
import { calls } from './worker/fake-client.ts';

vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);

const settle = () => new Promise((r) => setTimeout(r, 20));

function raceResult(tokens: number) {
  const lane = { text: ' the sea', ms: 1000, tokensPerSecond: tokens };
  return {
    shape: 'chain 4',
    backend: 'wasm',
    plain: lane,
    speculative: {
      ...lane,
      ms: 500,
      tokensPerSecond: 2 * tokens,
      passes: 10,
      tokensPerPass: 2.5,
      targetMs: 400,
      draftMs: 100,
    },
    identical: true,
  };
}

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
});

describe('SpecRace: Cancel', () => {
  it('Race turns into Cancel while the race runs; Cancel aborts it, says so and restores Race', async () => {
    await import('../../site/widgets/spec-race/element.ts');
    const c = checkProps(schema, {});
    const inputs = Object.keys(schema.params)
      .map((n) => `<input id="${c.key}-${n}" type="text" disabled>`)
      .join('');
    const outs = ['plain-speed', 'spec-speed', 'spec-tpp', 'plain-text', 'spec-text']
      .map((n) => `<span data-out="${n}">built</span>`)
      .join('');
    document.body.innerHTML = `<spec-race class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values)}'
      data-state="static"><div data-notes role="status"></div>${inputs}
      <button type="button" data-action="race" disabled>Race</button><p data-progress></p>${outs}
      <section aria-label="Speculative decoding"><h3 data-out="spec-title"></h3></section><p data-summary></p></spec-race>`;
    const el = document.querySelector<HTMLElement>('spec-race')!;
    await settle();
    const button = el.querySelector<HTMLButtonElement>('[data-action="race"]')!;
    const progress = el.querySelector('[data-progress]')!;
    expect(button.disabled).toBe(false);

    button.click();
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0].type).toBe('spec.race');
    expect(el.dataset.state).toBe('running');
    expect(button.textContent).toBe('Cancel');
    expect(button.disabled).toBe(false);

    button.click(); // Cancel: no second race is queued
    await settle();
    expect(calls[0].signal?.aborted).toBe(true);
    expect(calls).toHaveLength(1);
    expect(button.textContent).toBe('Race');
    expect(progress.textContent).toMatch(/^Cancelled/);
    expect(el.dataset.state).not.toBe('error');
    expect(el.dataset.state).not.toBe('running');
    expect(el.querySelector('[data-out="plain-speed"]')!.textContent).toBe('built');

    button.click(); // Race again: it runs and shows its figures
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].signal?.aborted).toBe(false);
    calls[1].finish(raceResult(50));
    await settle();
    expect(button.textContent).toBe('Race');
    expect(el.dataset.state).toBe('done');
    expect(el.querySelector('[data-out="plain-speed"]')!.textContent).not.toBe('built');
    expect(progress.textContent).not.toMatch(/Cancelled/);
  });
});
