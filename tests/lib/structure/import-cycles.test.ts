// lib/ has no import cycle: a depth-first search over the graph of relative imports (type-only imports included,
// since a cycle of types still ties two modules into one) finds no back edge, between files and between modules (a
// module is a folder of lib/, such as lib/sparsity; the files directly in lib/ are the core, but for the entry
// index.ts and load.ts, which may import any module and are imported by none).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycle, importsOf } from './graph.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIB = join(ROOT, 'lib');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
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
