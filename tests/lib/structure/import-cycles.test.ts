// lib/ has no import cycle: a depth-first search over the graph of relative imports (type-only imports included,
// since a cycle of types still ties two modules into one) finds no back edge, between files and between modules (a
// module is a folder of lib/, such as lib/sparsity; the files directly in lib/ are the core, but for the entry
// index.ts and load.ts, which may import any module and are imported by none).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIB = join(ROOT, 'lib');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports and re-exports of a file, resolved to absolute paths (`import x from`, `export … from`, `import()`). */
export function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s));
}

/** The first cycle found in a graph (as a list of nodes, first = last), or null. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('import cycles', () => {
  it('the search finds a planted cycle and passes a chain', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toBeNull();
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['x', ['x']]]))).toEqual(['x', 'x']);
  });

  it('lib/ imports form no cycle', () => {
    const files = tsFiles(LIB);
    const graph = new Map(
      files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8')).filter((t) => t.startsWith(LIB))]),
    );
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => relative(ROOT, f)).join(' → ') ?? null).toBeNull();
  });

  it('lib/ modules form no cycle', () => {
    // lib/index.ts (the entry) and lib/load.ts (which knows every weight format) sit above the modules.
    const moduleOf = (f: string) => {
      const parts = relative(LIB, f).split(sep);
      if (parts.length > 1) return parts[0];
      return parts[0] === 'index.ts' || parts[0] === 'load.ts' ? parts[0] : 'core';
    };
    const graph = new Map<string, string[]>();
    for (const f of tsFiles(LIB)) {
      const from = moduleOf(f);
      const to = importsOf(f, readFileSync(f, 'utf8'))
        .filter((t) => t.startsWith(LIB))
        .map(moduleOf)
        .filter((m) => m !== from);
      graph.set(from, [...new Set([...(graph.get(from) ?? []), ...to])]);
    }
    expect(findCycle(graph)?.join(' → ') ?? null).toBeNull();
  });
});
