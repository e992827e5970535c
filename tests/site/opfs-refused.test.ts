// OPFS present but refused, as in private windows (Firefox's and Safari's throw on navigator.storage.getDirectory):
// made from this Chromium by a prelude in the model worker. FlashStepper says why and runs from memory, writing the
// same tokens as the model in memory. (A browser with no OPFS at all is lesson-flash.test.ts; WebKitGTK, which has
// none, is in tests/browsers/.)
import { expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const REFUSED = `Object.defineProperty(StorageManager.prototype, 'getDirectory', {
  value: () => Promise.reject(new DOMException('The operation is insecure.', 'SecurityError')),
});`;

test('getDirectory throws (private mode): FlashStepper says so and runs from memory with the same tokens', async () => {
  const opened = await openPage('/embed/04-llm-in-a-flash/stepper/?stepper.neurons=exact&stepper.tokens=8', {
    workerPrelude: REFUSED,
  });
  const { page } = opened;
  const stepper = page.locator('flash-stepper');
  await page.locator('flash-stepper[data-ready="true"]:not([data-state="static"], [data-state="loading"])').waitFor({
    timeout: 120_000,
  });
  await stepper.locator('[data-action="run"]').click();
  await page.locator('flash-stepper:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 180_000 });
  expect(await stepper.getAttribute('data-state')).toBe('done');
  expect(await stepper.locator('[data-notes]').textContent()).toContain(
    'this browser refused the Origin Private File System (The operation is insecure.)',
  );
  expect(await stepper.locator('[data-out="basis"]').textContent()).toContain("target-v1's FFN is read from memory");
  expect(await stepper.locator('[data-out="same"]').textContent()).toBe('Same 8 tokens as the model in memory.');
  expectClean(opened);
  await opened.close();
});
