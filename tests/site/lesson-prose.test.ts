// What the lessons' prose says, checked against what the page shows: where the prose quotes a widget's numbers, the
// widget opens on those same numbers. (That every badge and sentence sits inside its paragraph, and a sentence
// carries at most one badge per paper location, the page pass checks on every page: prose-checks.ts.)
import { expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

test('lesson 2: PredictorQuality opens on the threshold and the numbers the predictor paragraph quotes', async () => {
  const opened = await openPage('/lessons/02-powerinfer-hot-cold-neurons/');
  const { page } = opened;
  const para = page.locator('article p', { hasText: 'At its chosen threshold of' });
  const text = (await para.textContent()) ?? '';
  const threshold = /chosen threshold of ([\d.]+)/.exec(text)?.[1];
  const values = await para.locator('.stat-measured .stat-value').allTextContents();
  // [share of parameters, recall, computed, loss change]
  expect(values).toHaveLength(4);
  const widget = page.locator('predictor-quality');
  expect(await widget.locator('[data-out="threshold"]').textContent()).toBe(threshold);
  expect(await widget.locator('[data-out="recall"]').textContent()).toContain(`${values[1]} of the neurons that fire`);
  expect(await widget.locator('[data-out="computed"]').textContent()).toContain(`${values[2]} of neurons computed`);
  const loss = values[3].replace(/\s*nats\/token$/, '').replace(/\u00a0.*$/, '');
  expect(await widget.locator('[data-out="loss"]').textContent()).toContain(`+${loss} nats/token`);
  const ppl = /perplexity up by ([\d.]+%)/.exec(text)?.[1];
  expect(await widget.locator('[data-out="loss"]').textContent()).toContain(`perplexity +${ppl}`);
  expectClean(opened);
  await opened.close();
});
