// What the built pages make the reader download on the main thread. TensorFlow.js (and the model) belong in the
// model worker alone: a widget that imports a tfjs module for one constant drags ~1 MB into its page's script.
// Each page's module scripts are followed through their static and dynamic imports (not into the worker, which
// is started by URL), and none may contain tfjs. The LP solver's wasm ships once, where the worker fetches it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { builtPages } from './site-pages.ts';

const distDir = inject('distDir');

/** tfjs-core's backend registry: in every tfjs bundle, in nothing of ours. */
const TFJS_MARKER = 'registerBackend';

/** The .js files a page loads on its main thread: its module scripts and everything they import. */
function pageScripts(page: string): string[] {
  const htmlFile = join(distDir, page, 'index.html');
  const html = readFileSync(htmlFile, 'utf8');
  const toFile = (from: string, spec: string) =>
    spec.startsWith('/') ? join(distDir, spec) : join(dirname(from), spec);
  const queue: string[] = [];
  for (const [, src] of html.matchAll(/<script type="module" src="([^"]+)"/g)) queue.push(toFile(htmlFile, src));
  for (const [, body] of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
    for (const [, spec] of body.matchAll(/(?:from|import)\s*\(?\s*"([^"]+\.js)"/g)) queue.push(toFile(htmlFile, spec));
  }
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*"(\.{0,2}\/[^"]+\.js)"/g))
      queue.push(toFile(file, spec));
  }
  return [...seen];
}

describe('page bundles', () => {
  const pages = builtPages(distDir);

  it('finds the pages and their scripts', () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.some((p) => pageScripts(p).length > 0)).toBe(true);
  });

  it('no page loads TensorFlow.js on its main thread (it lives in the model worker)', () => {
    const offenders = pages.flatMap((page) =>
      pageScripts(page)
        .filter((file) => readFileSync(file, 'utf8').includes(TFJS_MARKER))
        .map((file) => `${page}: ${relative(distDir, file)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the worker still bundles tfjs (the marker above is real)', () => {
    const chunks = readdirSync(join(distDir, '_astro')).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => readFileSync(join(distDir, '_astro', f), 'utf8').includes(TFJS_MARKER))).toBe(true);
  });

  it('highs.wasm ships once, at highs/highs.wasm where the worker fetches it', () => {
    const copies = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /highs[^/]*\.wasm$/.test(f),
    );
    expect(copies).toEqual(['highs/highs.wasm']);
  });
});
