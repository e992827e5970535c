// The model worker's entry chunk, as built: nothing may import it back. When a lazily loaded chunk (the handlers)
// imports a value from the worker's entry chunk, WebKit (WebKitGTK 2.50) evaluates the entry a second time, so two
// copies of the worker listen and every request runs twice: the playground's streamed greedy text then skipped every
// other batch of tokens in WebKit only (tests/browsers/engines.test.ts reads that text in three engines).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';

const assets = join(inject('distDir'), '_astro');
const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
const entries = chunks.filter((f) => /^model-worker-[\w-]+\.js$/.test(f));

/** Static `import … from "…x"`, bare `import "…x"` and dynamic `import("…x")` of `file`, as a minifier writes them. */
const importsOf = (file: string) =>
  new RegExp(`(?:\\bfrom|\\bimport)\\s*\\(?\\s*["'\`][^"'\`]*/${file.replace(/[.-]/g, '\\$&')}["'\`]`);

test('the build has one model worker entry chunk', () => {
  expect(entries).toHaveLength(1);
});

test('no chunk imports the model worker entry, and the entry exports nothing', () => {
  const [entry] = entries;
  const importers = chunks.filter((f) => importsOf(entry).test(readFileSync(join(assets, f), 'utf8')));
  expect(importers, `chunks importing ${entry}`).toEqual([]);
  const code = readFileSync(join(assets, entry), 'utf8');
  expect(code).not.toMatch(/(?:^|[;}\s])export\s*(?:\{|\*|default\b|const\b|let\b|var\b|function\b|class\b)/);
});

test('the import pattern recognises what the bundler writes', () => {
  // The check above only means something if the pattern matches real imports: these are the forms it must catch.
  const re = importsOf('model-worker-Ab_1.js');
  expect(re.test('import{t as n}from"./model-worker-Ab_1.js";')).toBe(true);
  expect(re.test('import "./model-worker-Ab_1.js"')).toBe(true);
  expect(re.test('await import(`./model-worker-Ab_1.js`)')).toBe(true);
  // The page's client names the file to start the worker, which is not an import.
  expect(re.test('new Worker(new URL(`/_astro/model-worker-Ab_1.js`,``+import.meta.url))')).toBe(false);
});
