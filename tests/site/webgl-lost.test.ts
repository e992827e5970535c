// A reader whose GPU resets mid-generation: on /model/ with ?backend=webgl, the worker's WebGL context is lost (the
// WEBGL_lose_context extension, triggered from a prelude in the worker) after the second batch of tokens. The reader
// is told what happened and that wasm runs the models now; pressing Generate again writes the model card's greedy
// sample, the same text wasm writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { Tokenizer } from '../../lib/tokenizer.ts';
import { expectClean, openPage } from './harness.ts';

const models = fileURLToPath(new URL('../../public/models/', import.meta.url));
const card = JSON.parse(readFileSync(`${models}draft-v1/card.json`, 'utf8')).greedySample;
const tokenizer = new Tokenizer(JSON.parse(readFileSync(`${models}draft-v1/tokenizer.json`, 'utf8')));

// Runs in the worker before its code: keeps every WebGL context tfjs makes, and loses them all right after the
// worker has answered its second generate.next (so generation is under way and has tokens left to make).
const LOSE_CONTEXT_MID_GENERATION = `{
  const contexts = [];
  const getContext = OffscreenCanvas.prototype.getContext;
  OffscreenCanvas.prototype.getContext = function (type, ...rest) {
    const gl = getContext.call(this, type, ...rest);
    if (gl && /webgl/.test(type)) contexts.push(gl);
    return gl;
  };
  const types = new Map();
  self.addEventListener('message', (e) => { if (e.data?.kind === 'request') types.set(e.data.id, e.data.type); });
  const post = self.postMessage.bind(self);
  let answered = 0;
  self.postMessage = (msg, ...rest) => {
    post(msg, ...rest);
    if (msg?.kind === 'result' && types.get(msg.id) === 'generate.next' && ++answered === 2) {
      for (const gl of contexts) gl.getExtension('WEBGL_lose_context')?.loseContext();
      console.warn('test: lost ' + contexts.length + ' WebGL context(s) after the second generate.next');
    }
  };
}`;

test('WebGL context lost mid-generation: a clear message, then wasm writes the same text', async () => {
  const query = `backend=webgl&model.model=draft-v1&model.temperature=0&model.tokens=${card.maxNewTokens}&model.prompt=${encodeURIComponent(card.prompt)}`;
  const opened = await openPage(`/model/?${query}`, { workerPrelude: LOSE_CONTEXT_MID_GENERATION });
  const { page } = opened;
  const widget = page.locator('model-playground');
  await widget.scrollIntoViewIfNeeded();
  await page.locator('model-playground[data-state="ready"]').waitFor({ timeout: 180_000 });
  expect(await widget.locator('[data-out="backend"]').textContent()).toBe('webgl');

  const generate = async () => {
    await widget.locator('[data-action="generate"]').click();
    await page.locator('model-playground:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 180_000 });
  };
  await generate();
  const status = (await widget.locator('[data-progress]').textContent()) ?? '';
  expect(await widget.getAttribute('data-state'), `${status} | ${opened.consoleWarnings.join(' | ')}`).toBe('error');
  expect(status).toContain('WebGL stopped working in this browser (its graphics context was lost)');
  expect(status).toContain('the models now run on wasm');
  expect(status).toContain('Press Generate to try again.');

  await generate();
  expect(await widget.getAttribute('data-state'), (await widget.locator('[data-progress]').textContent()) ?? '').toBe(
    'done',
  );
  const ids = await widget
    .locator('.mp-tok[data-kind="gen"]')
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.id)));
  expect(tokenizer.decode(ids)).toBe(card.text);
  expectClean(opened);
  await opened.close();
});
