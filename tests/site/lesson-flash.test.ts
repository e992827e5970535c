// Lesson 4, "LLM in a Flash", in Chromium: the page loads clean; FlashStorage writes bytes to the Origin Private
// File System and reads the same bytes back, then measures this device; FlashStepper generates with the FFN read
// from OPFS, writes the same text as the model in memory under an exact policy, reuses its store on the second run
// and rebuilds it when the model changes; a second tab holding the same store falls back to memory with a message;
// bad URL values are explained in notes; axe finds nothing. A browser without OPFS and one whose storage quota is
// full are made from this Chromium by a prelude run in the model worker before its code (harness workerPrelude):
// both widgets say why and run from memory, writing the same text.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickAndSettle, expectClean, openPage, type OpenedPage } from './harness.ts';

const PATH = '/lessons/04-llm-in-a-flash/';
const EXACT = 'stepper.neurons=exact&stepper.tokens=8&storage.file=4';

async function settled(page: Page, tag: string): Promise<string | null> {
  await page.locator(tag).scrollIntoViewIfNeeded();
  await page.locator(`${tag}:is([data-state="done"], [data-state="error"])`).waitFor({ timeout: 180_000 });
  return page.locator(tag).getAttribute('data-state');
}

/** Press FlashStepper's Run and wait for the run it starts to end: done, or error (which may come at once). */
async function run(page: Page): Promise<string | null> {
  const st = page.locator('flash-stepper');
  await st.scrollIntoViewIfNeeded();
  await page.locator('flash-stepper:not([data-state="static"])').waitFor({ timeout: 120_000 });
  return clickAndSettle(st, page.locator('flash-stepper [data-action="run"]'));
}

describe('lesson 4 page', () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await openPage(`${PATH}?${EXACT}`, { ownContext: true }); // a test opens a second tab in it
  });
  afterAll(() => opened?.close());

  test('FlashStorage: the OPFS round trip reads back exactly the bytes written, then the device is measured', async () => {
    const { page } = opened;
    await page.locator('flash-storage').scrollIntoViewIfNeeded();
    await page.locator('flash-storage:not([data-state="static"])').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Measure this device' }).click();
    expect(await settled(page, 'flash-storage')).toBe('done');
    expect(await page.locator('flash-storage [data-out="storage"]').textContent()).toContain(
      'Origin Private File System',
    );
    expect(await page.locator('flash-storage [data-out="roundtrip"]').textContent()).toBe(
      '1 MiB written, 1 MiB read back in 1 read, identical',
    );
    const cells = await page.locator('flash-storage [data-out="scat"]').allTextContents();
    expect(cells).toHaveLength(10);
    for (const c of cells) expect(c).toMatch(/\/s$/);
    expect(await page.locator('flash-storage [data-chart="chart"] svg').count()).toBeGreaterThan(0);
  });

  test('FlashStepper: exact neurons from OPFS write the in-memory text; the store is reused, then rebuilt for another model', async () => {
    const { page } = opened;
    expect(await run(page)).toBe('done');
    const out = (k: string) => page.locator(`flash-stepper [data-out="${k}"]`).textContent();
    expect(await out('same')).toBe('Same 8 tokens as the model in memory.');
    expect(await out('text')).toBe(await out('memory'));
    expect(await out('basis')).toContain(
      "target-v1's FFN is read from the Origin Private File System (the store was written just now)",
    );
    expect(await out('curveMs')).toMatch(/s$/); // priced on the curve measured in the test above
    expect(await run(page)).toBe('done');
    expect(await out('basis')).toContain('(store reused)');
    await page.getByLabel('Model').selectOption('draft-v1');
    expect(await run(page)).toBe('done');
    expect(await out('basis')).toContain(
      "draft-v1's FFN is read from the Origin Private File System (the store was written just now)",
    );
    expect(await out('same')).toBe('Same 8 tokens as the model in memory.');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('stepper.model=draft-v1');
  });

  test('a second tab cannot take the store: it says so and runs from memory', async () => {
    const { page } = opened;
    const second = await page.context().newPage();
    await second.goto(page.url());
    expect(await run(second)).toBe('done');
    const notes = await second.locator('flash-stepper [data-notes]').textContent();
    expect(notes).toContain('open in another tab or worker');
    expect(notes).toContain('kept in memory instead');
    expect(await second.locator('flash-stepper [data-out="basis"]').textContent()).toContain('read from memory');
    expect(await second.locator('flash-stepper [data-out="same"]').textContent()).toBe(
      'Same 8 tokens as the model in memory.',
    );
    await second.close();
  });

  test('FlashWindow and FlashBundling draw from build-time data; the window slider answers the keyboard', async () => {
    const { page } = opened;
    expect(await settled(page, 'flash-bundling')).toBe('done');
    expect(await page.locator('flash-bundling [data-chart="chart"] svg').count()).toBeGreaterThan(0);
    expect(await settled(page, 'flash-window')).toBe('done');
    const load = page.locator('flash-window [data-out="load"]');
    const kept = page.locator('flash-window [data-out="kept"]');
    const before = Number(await kept.textContent());
    const slider = page.getByLabel('Window k (tokens kept in DRAM)');
    await slider.focus();
    await page.keyboard.press('End'); // k = 16: DRAM keeps at least as much, the token loads at most as much
    await expect.poll(() => page.locator('flash-window [data-out="k"]').textContent()).toBe('16');
    expect(Number(await kept.textContent())).toBeGreaterThanOrEqual(before);
    await page.keyboard.press('Home'); // k = 0: nothing kept, everything the token needs is loaded
    await expect.poll(() => kept.textContent()).toBe('0');
    expect(await load.textContent()).toBe(await page.locator('flash-window [data-out="needed"]').textContent());
    await expect.poll(() => page.evaluate(() => location.search)).toContain('window.k=0');
  });

  test('the page is clean and axe finds no WCAG A/AA violations', async () => {
    const { page } = opened;
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is the global the injected script defines
      const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return r.violations.map(
        (v: { id: string; nodes: { target: string[] }[] }) =>
          `${v.id} at ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    expectClean(opened);
  });
});

// The worker sees no navigator.storage.getDirectory, as in browsers without OPFS.
const NO_OPFS = `Object.defineProperty(StorageManager.prototype, 'getDirectory', { value: undefined });`;
// Writing past 64 KiB of an OPFS file fails the way Chromium reports a full quota: a QuotaExceededError DOMException.
const FULL_QUOTA = `{
  const proto = FileSystemSyncAccessHandle.prototype, write = proto.write, truncate = proto.truncate;
  const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  proto.write = function (buffer, options) { if ((options?.at ?? 0) + buffer.byteLength > 65536) throw full(); return write.call(this, buffer, options); };
  proto.truncate = function (size) { if (size > 65536) throw full(); return truncate.call(this, size); };
}`;

describe('storage that fails', () => {
  for (const [what, prelude, reason] of [
    ['a browser without OPFS', NO_OPFS, 'no Origin Private File System'],
    ['a full storage quota', FULL_QUOTA, "the browser's storage quota"],
  ] as const) {
    test(`${what}: both widgets say so and run from memory, writing the same text`, async () => {
      const { page, close, ...rest } = await openPage(`${PATH}?${EXACT}`, { workerPrelude: prelude });
      expect(await run(page)).toBe('done');
      const notes = page.locator('flash-stepper [data-notes]');
      expect(await notes.textContent()).toContain(reason);
      expect(await page.locator('flash-stepper [data-out="basis"]').textContent()).toContain(
        "target-v1's FFN is read from memory",
      );
      expect(await page.locator('flash-stepper [data-out="same"]').textContent()).toBe(
        'Same 8 tokens as the model in memory.',
      );

      await page.locator('flash-storage').scrollIntoViewIfNeeded();
      await page.locator('flash-storage:not([data-state="static"])').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Measure this device' }).click();
      expect(await settled(page, 'flash-storage')).toBe('done');
      expect(await page.locator('flash-storage [data-out="storage"]').textContent()).toBe('memory');
      expect(await page.locator('flash-storage [data-notes]').textContent()).toContain(reason);
      expect(await page.locator('flash-storage [data-out="roundtrip"]').textContent()).toBe(
        '1 MiB written, 1 MiB read back in 1 read, identical',
      );
      expectClean(rest);
      await close();
    });
  }
});

describe('URL state and bad input', () => {
  test('garbage values get notes, and the widgets still work', async () => {
    const { page, close, ...rest } = await openPage(
      `${PATH}?stepper.window=999&stepper.neurons=zzz&stepper.budget=7&stepper.tokens=2&storage.file=abc&storage.chunk=3`,
    );
    await page.locator('flash-stepper').scrollIntoViewIfNeeded();
    await page.locator('flash-stepper:not([data-state="static"])').waitFor({ timeout: 120_000 });
    const notes = await page.locator('flash-stepper [data-notes]').textContent();
    expect(notes).toContain('stepper.window="999" is above the maximum');
    expect(notes).toContain('Ignored stepper.neurons="zzz"');
    expect(notes).toContain('stepper.budget="7" is above the maximum');
    await page.locator('flash-storage').scrollIntoViewIfNeeded();
    await page.locator('flash-storage:not([data-state="static"])').waitFor({ timeout: 60_000 });
    const storageNotes = await page.locator('flash-storage [data-notes]').textContent();
    expect(storageNotes).toContain('Ignored storage.file="abc"');
    expect(storageNotes).toContain('Ignored storage.chunk="3"');
    const chunk = page.locator('flash-storage [data-out="chunk"]');
    expect(await chunk.textContent()).toMatch(/^Reads of 32 KiB \(one bundle of OPT 6\.7B in fp32/);
    await page.getByLabel('Read size to compare (KiB)').selectOption('1');
    await expect.poll(() => chunk.textContent()).toMatch(/^Reads of 1 KiB \(one bundle of our model/);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('storage.chunk=1');
    expect(await run(page)).toBe('done');
    expect(await page.locator('flash-stepper [data-out="window"]').textContent()).toBe('32');
    expectClean(rest);
    await close();
  });

  test('a DRAM budget caps the FFN held between tokens; a budget too small for the hybrid half is explained', async () => {
    const { page, close, ...rest } = await openPage(
      `${PATH}?stepper.neurons=exact&stepper.tokens=4&stepper.window=16&stepper.budget=0.1&stepper.storage=memory`,
    );
    expect(await run(page)).toBe('done');
    expect(await page.locator('flash-stepper [data-out="budget"]').textContent()).toBe('10%');
    const [value, unit] = (await page.locator('flash-stepper [data-out="dram"]').textContent())!.split(/\s+/);
    const held = Number(value) * { B: 1, KiB: 1024, MiB: 1024 ** 2 }[unit as 'B' | 'KiB' | 'MiB'];
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(0.1 * 4 * 512 * 1024); // target-v1: 4 layers × 512 neurons × 1 KiB
    expect(await page.locator('flash-stepper [data-out="same"]').textContent()).toBe(
      'Same 4 tokens as the model in memory.',
    );
    await page.getByLabel('Hybrid: half of each FFN stays in DRAM').check();
    expect(await run(page)).toBe('error');
    expect(await page.locator('flash-stepper [data-progress]').textContent()).toContain(
      'a DRAM budget of 10% cannot hold the resident 50% of each FFN; raise the budget or turn hybrid off',
    );
    expectClean(rest);
    await close();
  });

  test('a huge pasted prompt is cut with a note, not an error (weights kept in memory by choice)', async () => {
    const { page, close, ...rest } = await openPage(
      `${PATH}?stepper.tokens=2&stepper.neurons=exact&stepper.storage=memory`,
    );
    await page.locator('flash-stepper').scrollIntoViewIfNeeded();
    await page.locator('flash-stepper:not([data-state="static"])').waitFor({ timeout: 120_000 });
    await page.getByLabel('Prompt').fill('Call me Ishmael. '.repeat(150)); // 2,550 characters, ~1,000 tokens
    expect(await run(page)).toBe('done');
    const notes = await page.locator('flash-stepper [data-notes]').textContent();
    expect(notes).toMatch(/only its last \d+ (were|are) used/);
    expect(notes).toContain('You chose to keep the weights in memory');
    expect(await page.locator('flash-stepper [data-out="basis"]').textContent()).toContain(
      "target-v1's FFN is read from memory",
    );
    expect(await page.locator('flash-stepper [data-out="same"]').textContent()).toBe(
      'Same 2 tokens as the model in memory.',
    );
    expectClean(rest);
    await close();
  });
});

describe('phone layout', () => {
  test('at 375 px in dark mode the page does not scroll sideways', async () => {
    const { page, close, ...rest } = await openPage(PATH, {
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
    });
    await page.locator('flash-stepper').scrollIntoViewIfNeeded();
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(over).toBeLessThanOrEqual(0);
    expectClean(rest);
    await close();
  });
});
