// The site in three browser engines: Chromium, Firefox (firefox-esr over WebDriver BiDi) and WebKit (WebKitGTK over
// WebKitWebDriver). In Firefox and WebKit the smoke pages load with no page error (Chromium opens every page in the
// page pass). In each: the model playground generates; a sparse
// (FfnRace), a quantized (QuantizeIt), a speculative (SpecRace) and a storage (FlashStepper: OPFS, or memory with a
// reason where the engine has none) widget compute; and the text each generates is the same in all three engines
// (and, for greedy decoding, the text on the model's card). Engines are launched one after another, never together.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { Tokenizer } from '../../lib/tokenizer.ts';
import { type Engine, type EngineName, launch } from './engines.ts';
import { serveWithRecorder } from './recorder-server.ts';

const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

// Pages opened in every engine: home, the model page, each lesson's page and one embed (the chrome around a
// widget). Each loads and is scrolled through (so its widgets start) with no page error and no widget in error.
const SMOKE_PAGES = [
  '/',
  '/model/',
  '/lessons/01-three-views-of-xw/',
  '/lessons/02-powerinfer-hot-cold-neurons/',
  '/lessons/06-awq/',
  '/lessons/08-specinfer/',
  '/embed/01-three-views-of-xw/vecmat/',
];

const models = fileURLToPath(new URL('../../public/models/', import.meta.url));
const draftCard = JSON.parse(readFileSync(`${models}draft-v1/card.json`, 'utf8'));
const draftTokenizer = new Tokenizer(JSON.parse(readFileSync(`${models}draft-v1/tokenizer.json`, 'utf8')));

let site: Awaited<ReturnType<typeof serveWithRecorder>>;
beforeAll(async () => {
  site = await serveWithRecorder(inject('distDir'));
});
afterAll(() => site?.close());

/** What each engine generated, by what generated it, for the comparison at the end. */
const generated: Record<string, Partial<Record<EngineName, string>>> = {};
const remember = (what: string, engine: EngineName, text: string) => {
  generated[what] ??= {};
  generated[what][engine] = text;
};

/** Poll `expression` in the page until it is truthy (the page's own state, checked every 250 ms). */
async function until(engine: Engine, expression: string, what: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await engine.evaluate<boolean>(`!!(${expression})`))) {
    if (Date.now() > deadline)
      throw new Error(`${engine.name}: timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pageErrors = (engine: Engine) => engine.evaluate<string[]>('window.__pageErrors ?? ["no recorder in the page"]');

/** Widgets in the error state, with what they tell the reader. */
const widgetErrors = (engine: Engine) =>
  engine.evaluate<string[]>(`[...document.querySelectorAll('[data-state="error"]')]
    .map((e) => e.localName + ': ' + (e.querySelector('[data-status], [data-progress]')?.textContent ?? '').trim())`);

/** Every widget has started and left its busy states (errors are read separately). */
const SETTLED = `[...document.querySelectorAll('[data-state]')].filter((e) => e.localName.includes('-'))
  .every((e) => e.dataset.ready === 'true' && !['static', 'running', 'loading'].includes(e.dataset.state))`;

/** Open a widget's page, wait for it to settle, optionally press one of its buttons and wait for that run. */
async function runWidget(engine: Engine, path: string, tag: string, action?: string): Promise<void> {
  await engine.goto(new URL(path.replace(/^\//, ''), site.baseURL).href);
  const el = `document.querySelector('${tag}')`;
  await engine.evaluate(`${el}.scrollIntoView()`);
  await until(
    engine,
    `${el}.dataset.ready === 'true' && !['static', 'loading', 'running'].includes(${el}.dataset.state)`,
    `${tag} to start`,
  );
  if (action) {
    // Record the widget's state changes, so the end of *this* run is seen, not the state before the press.
    await engine.evaluate(`(() => { const el = ${el}; window.__states = [];
      new MutationObserver(() => window.__states.push(el.dataset.state)).observe(el, { attributeFilter: ['data-state'] });
      el.querySelector('[data-action="${action}"]').click(); })()`);
    await until(
      engine,
      `window.__states.length > 0 && ['done', 'error'].includes(${el}.dataset.state)`,
      `${tag}'s ${action} to finish`,
    );
  }
  expect(await widgetErrors(engine), `${engine.name}: widgets in error`).toEqual([]);
  expect(await pageErrors(engine), `${engine.name}: page errors`).toEqual([]);
}

const text = (engine: Engine, selector: string) =>
  engine.evaluate<string>(`document.querySelector('${selector}')?.textContent ?? ''`);

describe.each(ENGINES)('%s', (name) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await launch(name);
  }, 120_000);
  afterAll(() => engine?.close());

  // Chromium opens every page in the page pass (tests/site/page-suite.ts), with more checks than these.
  if (name !== 'chromium')
    test.each(SMOKE_PAGES)('%s loads and every widget on it starts, with no page error', async (path) => {
      await engine.goto(new URL(path.replace(/^\//, ''), site.baseURL).href);
      await engine.evaluate(`(async () => {
      const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frames(); }
    })()`);
      await until(
        engine,
        `${SETTLED} || document.querySelector('[data-state="error"]')`,
        'every widget to settle',
        300_000,
      );
      expect(await widgetErrors(engine), 'widgets in error').toEqual([]);
      expect(await pageErrors(engine), 'page errors').toEqual([]);
    });

  // The worker decodes on the lean engine unless the address says `engine=tfjs`: both are held to the card.
  test.each([
    ['the lean engine (default)', ''],
    ['tfjs', '&engine=tfjs'],
  ])("the model playground's greedy decoding on %s writes the card's sample", async (decoder, engineParam) => {
    const c = draftCard.greedySample;
    const query = `model.model=draft-v1&model.temperature=0&model.tokens=${c.maxNewTokens}&model.prompt=${encodeURIComponent(c.prompt)}&backend=wasm${engineParam}`;
    await runWidget(engine, `/model/?${query}`, 'model-playground', 'generate');
    expect(await engine.evaluate('document.querySelector("model-playground").dataset.state')).toBe('done');
    const ids = await engine.evaluate<number[]>(
      `[...document.querySelectorAll('model-playground .mp-tok[data-kind="gen"]')].map((e) => Number(e.dataset.id))`,
    );
    const out = draftTokenizer.decode(ids);
    remember(`model playground (draft-v1, greedy, ${decoder})`, name, out);
    // Streamed a few tokens per request: a worker that answered each request twice (as WebKit's once did, see
    // tests/site/worker-entry.test.ts) would skip every other batch here.
    expect(out).toBe(c.text);
  });

  test('sparse: FfnRace runs the sparse FFN and matches the dense one', async () => {
    await runWidget(engine, '/embed/02-powerinfer-hot-cold-neurons/race/?backend=wasm', 'ffn-race');
    expect(await engine.evaluate('document.querySelector("ffn-race").dataset.state')).toBe('done');
    const diff = Number(await engine.evaluate('document.querySelector("ffn-race").dataset.maxAbsDiff'));
    expect(diff).toBeLessThan(1e-3);
  });

  test('quantized: QuantizeIt quantizes target-v1 to int4 and writes a sample', async () => {
    await runWidget(engine, '/embed/06-awq/quant/?quant.bits=4&quant.method=rtn&backend=wasm', 'quantize-it');
    expect(await text(engine, 'quantize-it [data-out="result"]')).toMatch(
      /^target-v1 \(trained\), int4, group 128, Round to nearest/,
    );
    const sample = await text(engine, 'quantize-it [data-out="sample"]');
    expect(sample.length).toBeGreaterThan(5);
    remember('QuantizeIt int4 RTN sample', name, sample);
  });

  test('speculative: SpecRace races plain and speculative decoding to the same text', async () => {
    await runWidget(engine, '/embed/08-specinfer/race/?race.tokens=24&backend=wasm', 'spec-race', 'race');
    expect(await text(engine, 'spec-race [data-progress]')).toMatch(/texts are identical/);
    const plain = await text(engine, 'spec-race [data-out="plain-text"]');
    expect(await text(engine, 'spec-race [data-out="spec-text"]')).toBe(plain);
    remember('SpecRace text', name, plain);
  });

  test('storage: FlashStepper reads the FFN from OPFS, or says why not and runs from memory, with the same text', async () => {
    await runWidget(
      engine,
      '/embed/04-llm-in-a-flash/stepper/?stepper.neurons=exact&stepper.tokens=8',
      'flash-stepper',
      'run',
    );
    expect(await text(engine, 'flash-stepper [data-out="same"]')).toBe('Same 8 tokens as the model in memory.');
    const basis = await text(engine, 'flash-stepper [data-out="basis"]');
    const notes = await text(engine, 'flash-stepper [data-notes]');
    if (/from memory/.test(basis))
      expect(notes, 'the reason it runs from memory').toMatch(/Origin Private File System|storage/);
    remember('FlashStepper storage', name, /from memory/.test(basis) ? `memory: ${notes.trim()}` : 'OPFS');
  });
});

test('each generated text is the same in all three engines', () => {
  for (const [what, byEngine] of Object.entries(generated)) {
    if (what === 'FlashStepper storage') continue; // where it stores differs by engine; reported, not compared
    expect(Object.keys(byEngine).sort(), what).toEqual([...ENGINES].sort());
    expect(new Set(Object.values(byEngine)).size, `${what}: ${JSON.stringify(byEngine)}`).toBe(1);
  }
  console.log(`[browsers] what each engine did: ${JSON.stringify(generated, null, 2)}`);
});
