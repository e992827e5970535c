// A model-backed computation to drive in a test: NeuronHeatmap (lesson 2) runs the reader's prompt through target-v1
// in the model worker; the page's worker script, tfjs, the wasm binary and the weights all have to load for it.
import type { Page } from 'playwright-core';

/** Runs a prompt through NeuronHeatmap (target-v1 in the model worker); resolves to the widget's final state. */
export async function heatmapComputes(page: Page, prompt: string): Promise<string | null> {
  const heatmap = page.locator('neuron-heatmap');
  await heatmap.scrollIntoViewIfNeeded();
  await page.locator('neuron-heatmap[data-ready="true"]').waitFor({ timeout: 120_000 });
  const before = await page.locator('neuron-heatmap [data-path]').getAttribute('d');
  await page
    .getByLabel(/Your prompt/)
    .filter({ visible: true })
    .fill(prompt);
  await page.waitForFunction(
    (old) => {
      const el = document.querySelector<HTMLElement>('neuron-heatmap')!;
      return (
        el.dataset.state === 'error' ||
        (el.dataset.state === 'done' && el.querySelector('[data-path]')?.getAttribute('d') !== old)
      );
    },
    before,
    { timeout: 180_000 },
  );
  return heatmap.getAttribute('data-state');
}
