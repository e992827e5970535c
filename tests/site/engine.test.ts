// The worker decodes generated text on the lean engine by default and on tfjs with ?engine=tfjs: the playground's
// tokens are the same under both, greedy on target-v1 and sampled (seeded) on draft-v1.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const WIDGET = 'model-playground';

/** Opens /model/ with `query`, presses Generate once the model is loaded, returns the generated token ids. */
async function generatedIds(query: string): Promise<number[]> {
  const opened = await openPage(`/model/?${query}`);
  const { page } = opened;
  await page.locator(WIDGET).scrollIntoViewIfNeeded({ timeout: 90_000 });
  await state(page, ['ready']);
  await page.getByRole('button', { name: 'Generate' }).click({ timeout: 60_000 });
  await state(page, ['done', 'error']);
  expect(await page.locator(WIDGET).getAttribute('data-state')).toBe('done');
  const ids = await page
    .locator(`${WIDGET} .mp-tok[data-kind="gen"]`)
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.id)));
  expectClean(opened);
  await opened.close();
  return ids;
}

async function state(page: Page, states: string[]) {
  await page.waitForFunction(
    ([sel, want]) => want.includes(document.querySelector<HTMLElement>(sel as string)?.dataset.state ?? ''),
    [WIDGET, states] as const,
    { timeout: 110_000 },
  );
}

describe('?engine=', () => {
  test.each([
    ['target-v1, greedy', 'model.model=target-v1&model.temperature=0&model.tokens=60'],
    ['draft-v1, sampled with seed 7', 'model.model=draft-v1&model.temperature=0.8&model.seed=7&model.tokens=60'],
  ])('%s: the lean engine (default) and tfjs generate the same tokens', async (_, query) => {
    const lean = await generatedIds(`${query}&backend=wasm`);
    const tfjs = await generatedIds(`${query}&backend=wasm&engine=tfjs`);
    expect(lean.length).toBe(60);
    expect(lean).toEqual(tfjs);
  });
});
