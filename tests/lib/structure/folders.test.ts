// Which top-level folder may import which: lib/ only itself; node/ (Node-only helpers: corpora, model files on disk,
// a static server, Chromium, bench sections) lib/ and itself; scripts/ (entry points) lib/, node/ and other scripts;
// tests/ anything but scripts/ (lessons/facts included); site/ lib/ and itself, and site/data (run at build time in Node) node/ too.
// scripts/ and tests/ never import each other. Every script in scripts/ is named in README.md or scripts/README.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from './graph.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sources(p);
    return /\.(ts|mjs|astro|mdx)$/.test(name) ? [p] : [];
  });
}

const ALLOWED: Record<string, string[]> = {
  lib: ['lib'],
  node: ['lib', 'node'],
  scripts: ['lib', 'node', 'scripts'],
  tests: ['lib', 'node', 'tests', 'site', 'lessons'],
  site: ['lib', 'site'],
  'site/data': ['lib', 'site', 'node'],
};

describe('folders', () => {
  it('each folder imports only from the folders it may', () => {
    const wrong: string[] = [];
    for (const top of ['lib', 'node', 'scripts', 'tests', 'site'])
      for (const f of sources(join(ROOT, top))) {
        const rel = relative(ROOT, f);
        const rule = rel.startsWith(`site${sep}data${sep}`) ? ALLOWED['site/data'] : ALLOWED[top];
        for (const t of importsOf(f, readFileSync(f, 'utf8'))) {
          const into = relative(ROOT, t).split(sep)[0];
          if (!rule.includes(into)) wrong.push(`${rel} imports ${relative(ROOT, t)}`);
        }
      }
    expect(wrong).toEqual([]);
  });

  it('every script is named in README.md or scripts/README.md', () => {
    const docs = ['README.md', 'scripts/README.md'].map((d) => readFileSync(join(ROOT, d), 'utf8')).join('\n');
    const unnamed = readdirSync(join(ROOT, 'scripts'))
      .filter((n) => n.endsWith('.ts'))
      .filter((n) => !docs.includes(`scripts/${n}`));
    expect(unnamed).toEqual([]);
  });
});
