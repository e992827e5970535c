// lib/index.ts is the one entry a user imports: every module of lib/ is there as a namespace, every file of lib/ is
// reachable from it (but for the few internals named below), no name is exported by two barrels, and importing it in
// Node needs no DOM.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from './graph.ts';

const LIB = resolve(import.meta.dirname, '../../../lib');
const MODULES = readdirSync(LIB).filter((d) => statSync(join(LIB, d)).isDirectory());
/** Files kept out of the public surface: the tensor-level forward pass, the Node-only file adapter, and the lean
 *  engine's AssemblyScript source (compiled to WebAssembly by npm run build:wasm, never imported). */
const INTERNAL = ['gpt.ts', 'storage/node-file.ts', 'engine/assembly/kernels.ts'];

/** The names a barrel exports: `export { a, type B, c as d } from …` and `export * as ns from …`. */
function exportedNames(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/export\s*\{([^}]*)\}\s*from/g))
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()!;
      if (name) names.push(name);
    }
  for (const m of source.matchAll(/export\s*\*\s*as\s+(\w+)/g)) names.push(m[1]);
  return names;
}

describe('lib/index.ts, the one entry', () => {
  it('imports in Node without a DOM and has every module as a namespace', async () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    const lib = await import('../../../lib/index.ts');
    expect(MODULES.length).toBeGreaterThanOrEqual(9);
    for (const m of MODULES) {
      const ns = (lib as unknown as Record<string, Record<string, unknown>>)[m];
      expect(ns, `lib/index.ts has no namespace ${m}`).toBeTypeOf('object');
      const barrel = await import(`../../../lib/${m}/index.ts`);
      expect(Object.keys(ns).sort()).toEqual(Object.keys(barrel).sort());
      for (const k of Object.keys(barrel)) expect(ns[k]).toBe(barrel[k]);
    }
    expect(lib.loadModel).toBeTypeOf('function');
    expect(lib.sparsity.placeNeurons).toBeTypeOf('function');
    expect(lib.hardware.UFS_4_0.blockBytes).toBe(4096);
  });

  it('no name is exported by two barrels (values and types), so the modules could be flattened', () => {
    const where = new Map<string, string[]>();
    const barrels = ['index.ts', ...MODULES.map((m) => `${m}/index.ts`)];
    for (const b of barrels)
      for (const n of exportedNames(readFileSync(join(LIB, b), 'utf8')))
        if (!(b === 'index.ts' && MODULES.includes(n))) where.set(n, [...(where.get(n) ?? []), b]);
    const twice = [...where].filter(([, bs]) => bs.length > 1).map(([n, bs]) => `${n}: ${bs.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('every file of lib/ is reachable from lib/index.ts, but for the named internals', () => {
    const seen = new Set<string>();
    const stack = [join(LIB, 'index.ts')];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...importsOf(f, readFileSync(f, 'utf8')).filter((t) => t.startsWith(LIB)));
    }
    const all = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? all(p) : p.endsWith('.ts') ? [p] : [];
      });
    const unreachable = all(LIB)
      .filter((f) => !seen.has(f))
      .map((f) => relative(LIB, f))
      .filter((f) => !INTERNAL.includes(f));
    expect(unreachable).toEqual([]);
  });
});
