// Chromium rows for LoRA in `npm run bench`: serves dist/, opens lesson 7 with ?backend=wasm, trains the widget's
// default adapter (FFN up and down, r = 8) with LoraTrain for 60 seconds (then pauses), and presses LoraAdapters'
// merged-vs-unmerged comparison, then reloads and trains a default run to its end. Reports steps/s and tokens/s as the widget measured them (the figure LoraTrain's
// MEASURED states up front), the steps reached in 60 s, the seconds from pressing Train to the first voice sample
// after step 0, whether that sample differs from the base's, decode tokens/s unmerged, merged and bare, and the voice
// classifier's speech share on the default run's last samples. Needs a built site (dist/, or SITE_DIST).
import { existsSync } from 'node:fs';
import { CHROMIUM, DIST, eachBackendPage } from '../node/chromium.ts';

const TRAIN_SECONDS = 60;

export async function loraBrowserRows(backends = ['wasm']): Promise<Record<string, string | number>[]> {
  if (!existsSync(CHROMIUM) || !existsSync(`${DIST}/lessons/07-lora/index.html`)) {
    console.log('browser LoRA: skipped (needs /usr/bin/chromium and a built site with lesson 7: npx astro build)');
    return [];
  }
  const rows: Record<string, string | number>[] = [];
  await eachBackendPage(
    backends,
    ['--no-sandbox', '--disable-background-networking', '--no-first-run'],
    'browser LoRA',
    async (page, backend, baseURL) => {
      await page.goto(new URL(`lessons/07-lora/?backend=${backend}&train.steps=1000`, baseURL).href);
      const train = page.locator('lora-train');
      await train.scrollIntoViewIfNeeded();
      await page.locator('lora-train[data-ready="true"]').waitFor({ timeout: 120_000 });
      const clicked = Date.now();
      await page.locator('lora-train [data-act="train"]').click();
      await page.locator('lora-train [data-act="pause"]:not([disabled])').waitFor({ timeout: 120_000 });
      const t0 = Date.now();
      // The first voice sample after step 0 ("step N: …" with N > 0).
      await page
        .locator('lora-train [data-out="voice"]', { hasText: /^step [1-9]/ })
        .waitFor({ timeout: TRAIN_SECONDS * 1000 })
        .catch(() => undefined);
      const firstSample = (Date.now() - clicked) / 1000;
      await page.waitForTimeout(Math.max(0, TRAIN_SECONDS * 1000 - (Date.now() - t0)));
      await page.locator('lora-train [data-act="pause"]').click();
      const seconds = (Date.now() - t0) / 1000;
      await page.waitForTimeout(3000); // the paused sample
      const text = async (sel: string) => (await page.locator(sel).textContent()) ?? '';
      const speed = await text('lora-train [data-out="speed"]');
      const status = await text('lora-train [data-progress]');
      const [base, adapted] = [
        await text('lora-train [data-out="base"]'),
        await text('lora-train [data-out="adapted"]'),
      ];
      const m = /([\d.]+) steps\/s, ([\d,]+) tokens\/s on (\w+)/.exec(speed);
      const step = /step ([\d,]+) of/.exec(status)?.[1] ?? '?';
      await page.locator('lora-train [data-act="stop"]').click();
      await page.locator('lora-train[data-state="done"]').waitFor({ timeout: 120_000 });

      const adapters = page.locator('lora-adapters');
      await adapters.scrollIntoViewIfNeeded();
      await page.locator('lora-adapters[data-ready="true"]').waitFor({ timeout: 120_000 });
      await page.locator('lora-adapters [data-act="compare"]').click();
      await page.locator('lora-adapters:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 300_000 });
      const cmp = await text('lora-adapters [data-out="compare"]');
      const rate = (what: string) =>
        Number((new RegExp(`${what} ([\\d.,]+) tokens/s`).exec(cmp)?.[1] ?? 'NaN').replace(/,/g, ''));

      // A default run to its end (the widget's own step count): the voice classifier's speech share on the last
      // samples, as the widget shows it ("… a speech share of 75% …").
      await page.goto(new URL(`lessons/07-lora/?backend=${backend}`, baseURL).href);
      await train.scrollIntoViewIfNeeded();
      await page.locator('lora-train[data-ready="true"]').waitFor({ timeout: 120_000 });
      const defaultStart = Date.now();
      await page.locator('lora-train [data-act="train"]').click();
      await page.locator('lora-train[data-state="done"]').waitFor({ timeout: 1_800_000 });
      const defaultSeconds = (Date.now() - defaultStart) / 1000;
      const endVoice = await text('lora-train [data-out="voice"]');
      const end = /^step ([\d,]+): (\d+) of (\d+) samples .* a speech share of (\d+)%/.exec(endVoice);
      rows.push({
        where: `browser ${m?.[3] ?? backend}`,
        'train steps/s (FFN r=8; 4x64)': m ? Number(m[1]) : NaN,
        'train tokens/s': m ? Number(m[2].replace(/,/g, '')) : NaN,
        [`steps in ${TRAIN_SECONDS} s`]: step,
        'first voice sample (s)': firstSample < TRAIN_SECONDS ? Math.round(firstSample) : `> ${TRAIN_SECONDS}`,
        'sample changed': base !== adapted ? 'yes' : 'no',
        seconds: Math.round(seconds),
        'decode tok/s bare': rate('bare base'),
        'decode tok/s unmerged': rate('unmerged'),
        'decode tok/s merged': rate('merged'),
        'same tokens': cmp.startsWith('Identical') ? 'yes' : 'no',
        'default run: steps': end ? end[1] : '?',
        'default run: speech share at end': end ? `${end[2]}/${end[3]} (${end[4]}%)` : endVoice,
        'default run (s)': Math.round(defaultSeconds),
      });
    },
  );
  return rows;
}

if (process.argv[1]?.endsWith('bench-lora-browser.ts')) console.table(await loraBrowserRows());
