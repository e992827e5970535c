// Issue 23: the longest race (lesson 8's SpecRace at 5 runs of 256 tokens: minutes on a busy machine) holds the model
// worker, so every other widget waits. While it runs Race reads Cancel: pressing it says "Cancelled" at once, restores
// Race, and the worker stops at its next checkpoint (between decoding runs), so a small race started next finishes
// long before the cancelled one would have.
import { expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

test('lesson 8: a long SpecRace can be cancelled, and the worker is free again soon after', {
  timeout: 300_000,
}, async () => {
  const opened = await openPage('/lessons/08-specinfer/?race.tokens=256&race.runs=5');
  const { page } = opened;
  const race = page.locator('spec-race');
  const button = race.locator('[data-action="race"]');
  const progress = race.locator('[data-progress]');
  await race.scrollIntoViewIfNeeded();
  await page.locator('spec-race[data-ready="true"]').waitFor({ timeout: 120_000 });
  const before = await race.locator('[data-out="plain-speed"]').textContent();

  // The page itself notes when each progress line appears and presses Cancel as the first speculative run starts,
  // so the plain run before it (256 tokens) gives this machine's time for one decoding run.
  await page.evaluate(() => {
    const el = document.querySelector('spec-race')!;
    const line = el.querySelector('[data-progress]')!;
    const marks: Record<string, number> = {};
    (window as unknown as { marks: typeof marks }).marks = marks;
    new MutationObserver(() => {
      const text = line.textContent ?? '';
      if (/Plain decoding, run 1 of 5/.test(text)) marks.plain ??= performance.now();
      if (/Speculative decoding, run 1 of 5/.test(text) && marks.cancel === undefined) {
        marks.spec = performance.now();
        el.querySelector<HTMLButtonElement>('[data-action="race"]')!.click();
        marks.cancel = performance.now();
      }
      if (el.getAttribute('data-state') === 'done') marks.done ??= performance.now();
    }).observe(line, { childList: true, characterData: true, subtree: true });
  });
  await button.click();
  expect(await button.textContent()).toBe('Cancel');
  await expect.poll(() => progress.textContent(), { timeout: 180_000 }).toMatch(/^Cancelled/);
  expect(await button.textContent()).toBe('Race');
  expect(await race.getAttribute('data-state')).toBe('ready');
  expect(await race.locator('[data-out="plain-speed"]').textContent()).toBe(before);

  // A small race now waits only for the cancelled one's current run, not the eight after it (four of them plain).
  await race.getByLabel('Tokens to decode').fill('8');
  await race.getByLabel('Runs of each').fill('1');
  await button.click();
  await page.locator('spec-race[data-state="done"]').waitFor({ timeout: 180_000 });
  expect(await progress.textContent()).toMatch(/texts are identical/);
  const m = await page.evaluate(() => (window as unknown as { marks: Record<string, number> }).marks);
  const run = m.spec - m.plain;
  const wait = m.done - m.cancel;
  console.log(
    `SpecRace: one plain run of 256 tokens ${Math.round(run)} ms; small race done ${Math.round(wait)} ms after Cancel`,
  );
  expect(wait).toBeLessThan(3 * run);
  expectClean(opened);
  await opened.close();
});
