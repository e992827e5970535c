// Lesson 9 in Chromium: the "build your decoder" widget runs target-v1 with lib/capstone in the page's model worker.
// fp32 greedy: the dense model from memory and exact sparsity with a token tree read from OPFS write the same text;
// with OPFS refused (a prelude in the worker, as private windows do) it says so, runs from memory, and writes it too.
import { afterAll, describe, expect, test } from 'vitest';
import { clickAndSettle, expectClean, openPage, type OpenedPage } from './harness.ts';

const REFUSED = `Object.defineProperty(StorageManager.prototype, 'getDirectory', {
  value: () => Promise.reject(new DOMException('The operation is insecure.', 'SecurityError')),
});`;
const PAGE = '/embed/09-everything-at-once/build/';
const FP32 = '?build.weights=fp32&build.tokens=8&build.temperature=0';

const opened: OpenedPage[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

async function ready(o: OpenedPage) {
  await o.page
    .locator('capstone-decoder[data-ready="true"]:not([data-state="static"], [data-state="loading"])')
    .waitFor({ timeout: 120_000 });
  return o.page.locator('capstone-decoder');
}

async function run(o: OpenedPage): Promise<string> {
  const w = o.page.locator('capstone-decoder');
  const state = await clickAndSettle(w, w.locator('[data-action="run"]'), 300_000);
  expect(state, (await w.locator('[data-progress]').textContent()) ?? '').toBe('done');
  return (await w.locator('[data-out="stream"]').textContent()) ?? '';
}

let plainText = '';

describe('lesson 9: build your decoder', () => {
  test('the dense model from memory and exact sparsity with a tree from OPFS write the same greedy text', async () => {
    const o = await openPage(
      `${PAGE}${FP32}&build.ffn=dense&build.storage=memory&build.speculation=plain&build.shape=plain`,
    );
    opened.push(o);
    const w = await ready(o);
    plainText = await run(o);
    expect(plainText.length).toBeGreaterThan(0);
    expect(await w.locator('[data-out="runs"] tr').count()).toBe(1);
    expect(await w.locator('[data-out="split-text"]').textContent()).toMatch(/^Per token, after \d+ tokens: /);

    // Keyboard and form controls: switch to exact neurons, OPFS with windowing and bundling, a token tree.
    await w.locator('#build-ffn').selectOption('exact');
    await w.locator('#build-storage').selectOption('opfs');
    await w.locator('#build-speculation').selectOption('tree');
    expect(await w.getAttribute('data-stale')).toBe('true');
    expect(await w.locator('#build-shape').inputValue()).toBe('2,2,1');
    const treeText = await run(o);
    expect(treeText).toBe(plainText);
    expect(await w.getAttribute('data-stale')).toBeNull();
    expect(await w.locator('[data-out="label"]').textContent()).toContain('FFN from OPFS');
    const rows = w.locator('[data-out="runs"] tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().locator('td').last().textContent()).toBe('same text');
    expectClean(o);
  });

  test('OPFS refused: the widget says so, runs from memory and writes the same text', async () => {
    expect(plainText).not.toBe('');
    const o = await openPage(
      `${PAGE}${FP32}&build.ffn=exact&build.storage=opfs&build.speculation=chain&build.shape=chain%202`,
      {
        workerPrelude: REFUSED,
      },
    );
    opened.push(o);
    const w = await ready(o);
    expect(await run(o)).toBe(plainText);
    expect(await w.locator('[data-notes]').textContent()).toContain('Running from memory');
    expect(await w.locator('[data-notes]').textContent()).toContain('The operation is insecure.');
    expect(await w.locator('[data-out="label"]').textContent()).toContain('FFN from memory');
    expectClean(o);
  });
});
