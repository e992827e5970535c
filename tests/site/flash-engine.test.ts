// Lesson 4's FlashStepper decodes on the engine the page asks for: with ?engine=lean both of its runs (FFN from
// OPFS, and the model in memory) use the lean engine, and the text is the one tfjs (?engine=tfjs) writes.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const PATH = '/lessons/04-llm-in-a-flash/';
const QUERY = 'stepper.neurons=exact&stepper.tokens=12&backend=wasm';

async function stepperText(engine: 'lean' | 'tfjs'): Promise<{ text: string | null; same: string | null }> {
  const opened = await openPage(`${PATH}?${QUERY}&engine=${engine}`);
  const page: Page = opened.page;
  await page.locator('flash-stepper').scrollIntoViewIfNeeded();
  await page.locator('flash-stepper:not([data-state="static"])').waitFor({ timeout: 120_000 });
  await page.locator('flash-stepper [data-action="run"]').click();
  await page.locator('flash-stepper:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 180_000 });
  expect(await page.locator('flash-stepper').getAttribute('data-state')).toBe('done');
  const out = (k: string) => page.locator(`flash-stepper [data-out="${k}"]`).textContent();
  const result = { text: await out('text'), same: await out('same') };
  expectClean(opened);
  await opened.close();
  return result;
}

describe('FlashStepper and ?engine=', () => {
  test('the lean engine writes the tfjs text, and the same text as the model in memory', async () => {
    const lean = await stepperText('lean');
    const tfjs = await stepperText('tfjs');
    expect(lean.same).toBe('Same 12 tokens as the model in memory.');
    expect(tfjs.same).toBe('Same 12 tokens as the model in memory.');
    expect(lean.text?.length).toBeGreaterThan(0);
    expect(lean.text).toBe(tfjs.text);
  });
});
