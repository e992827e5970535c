// Lesson 7, "LoRA", in Chromium: the static first view carries the adapters' card numbers and the paper's cited
// figures; the page loads clean and every LoRA widget upgrades and computes (rank arithmetic, a generation with an
// adapter, merged vs unmerged giving the same tokens, the Eq. 4 heatmap, a short training run that stops and keeps
// its adapter with the base unchanged); garbage URL parameters give notes and the widgets still work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const PATH = '/lessons/07-lora/';

async function ready(page: Page, tag: string) {
  const el = page.locator(tag);
  await el.scrollIntoViewIfNeeded();
  await page.locator(`${tag}[data-ready="true"]`).waitFor({ timeout: 60_000 });
  return el;
}

describe('lesson 7 page', () => {
  test('the static first view shows the rank arithmetic, the card and cited figures', () => {
    const html = readFileSync(join(inject('distDir'), 'lessons/07-lora/index.html'), 'utf8');
    expect(html).toContain('18,874,368');
    expect(html).toContain('8,192');
    expect(html).toMatch(/href="https:\/\/arxiv\.org\/abs\/2106\.09685v2"/);
    expect(html).toContain('measured on our model');
    expect(html).toMatch(/<tr data-name="r4">/);
  });

  test('loads clean; the rank table follows the controls; an adapter generates; merged and unmerged agree', async () => {
    const opened = await openPage(PATH);
    const { page } = opened;
    await ready(page, 'lora-rank');
    await page.getByLabel('Adapted matrices').first().selectOption('q');
    await expect
      .poll(() => page.locator('lora-rank tr[data-row="1"] [data-cell="trainable"]').textContent())
      .toBe('9,437,184');
    const slider = page.locator('lora-rank input[type="range"]');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('lora-rank [data-out="r"]').textContent()).toBe('5');

    await ready(page, 'lora-adapters');
    await page.locator('lora-adapters [data-act="compare"]').click();
    await page.locator('lora-adapters:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 120_000 });
    expect(await page.locator('lora-adapters [data-out="compare"]').textContent()).toMatch(/^Identical text/);

    await ready(page, 'lora-spectrum');
    await page.locator('lora-spectrum:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 120_000 });
    expect(await page.locator('lora-spectrum').getAttribute('data-state')).toBe('done');
    expect(await page.locator('lora-spectrum [data-chart="heatmap"] svg').count()).toBeGreaterThan(0);
    expectClean(opened);
    await opened.close();
  }, 400_000);

  test('a short training run shows losses, speed and scored voice samples, stops keeping the adapter, and the base is unchanged', async () => {
    const opened = await openPage(`${PATH}?backend=wasm&train.steps=20`);
    const { page } = opened;
    await ready(page, 'lora-train');
    await page.locator('lora-train [data-act="train"]').click();
    await page.locator('lora-train[data-state="done"]').waitFor({ timeout: 360_000 });
    expect(await page.locator('lora-train [data-out="check"]').textContent()).toMatch(/^unchanged, bit for bit/);
    expect(await page.locator('lora-train [data-out="loss"]').textContent()).toMatch(/→/);
    expect(await page.locator('lora-train [data-out="speed"]').textContent()).toMatch(/steps\/s/);
    expect(await page.locator('lora-train [data-chart="chart"] svg').count()).toBeGreaterThan(0);
    // The voice: the base's sample at step 0 and the adapter's at the end (step 20), each scored by the classifier
    // the worker built from public/data/voice-counts.bin; both marks are on the chart.
    expect(await page.locator('lora-train [data-out="base-voice"]').textContent()).toMatch(
      /^step 0: [0-4] of 4 samples read as speech, a speech share of \d+% \(scores [−+\d., ]+ nats\/token/,
    );
    // The score the run ends on: the share of the last samples the classifier labels speech, shown as a percent.
    const final = (await page.locator('lora-train [data-out="voice"]').textContent()) ?? '';
    const ended = /^step 20: ([0-4]) of 4 samples read as speech, a speech share of (\d+)% \(/.exec(final);
    expect(ended, final).not.toBeNull();
    const share = Number(ended![2]) / 100;
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(share).toBe(Number(ended![1]) / 4);
    console.log(`[lesson-lora] voice at the end of the run: ${final}`);
    expect(await page.locator('lora-train [data-out="adapted"]').textContent()).toMatch(/^I think that.{4,}/);
    expect(await page.locator('lora-train [data-chart="chart"] svg text', { hasText: /^[0-4]\/4$/ }).count()).toBe(2);
    expectClean(opened);
    await opened.close();
  }, 400_000);

  test('garbage URL parameters give notes, and the widgets still work', async () => {
    const opened = await openPage(
      `${PATH}?rank.r=999&rank.matrices=zz&train.r=-3&train.lr=abc&adapters.adapter=r99&spectrum.layer=9`,
    );
    const { page } = opened;
    await ready(page, 'lora-rank');
    expect(await page.locator('lora-rank [data-notes]').textContent()).toMatch(/rank\.r/);
    expect(await page.locator('lora-rank [data-out="r"]').textContent()).toBe('64');
    await ready(page, 'lora-train');
    expect(await page.locator('lora-train [data-notes]').textContent()).toMatch(/train\.r|train\.lr/);
    await ready(page, 'lora-adapters');
    expect(await page.locator('lora-adapters [data-notes]').textContent()).toMatch(/adapters\.adapter/);
    // Pasting too little text is refused with a message; the widget stays usable.
    await page.locator('#train-corpus').selectOption('text');
    await page.locator('#train-text').fill('too short');
    await page.locator('lora-train [data-act="train"]').click();
    await expect
      .poll(() => page.locator('lora-train [data-progress]').textContent(), { timeout: 60_000 })
      .toMatch(/Paste at least 2,000 characters/);
    expect(await page.locator('lora-train [data-act="train"]').isDisabled()).toBe(false);
    expectClean(opened);
    await opened.close();
  }, 300_000);
});
