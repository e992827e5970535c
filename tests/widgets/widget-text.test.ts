// Every widget speaks both editions: each parameter declares its Chinese label (and description where the English
// has one), and each widget's words live in its folder's text.ts with the same keys in English and Chinese, the
// Chinese strings in Chinese (a string may stay the same only when it is a symbol, a unit or a name: no English
// word in it). TypeScript checks the shapes in the source; this checks what the modules export.
import { describe, expect, test } from 'vitest';
import type { Params, WidgetSchema } from '../../site/widgets/_kit/params.ts';

const schemas = import.meta.glob<WidgetSchema<Params>>('../../site/widgets/*/params.ts', {
  eager: true,
  import: 'schema',
});
const texts = import.meta.glob<{ en: unknown; zh: unknown }>('../../site/widgets/*/text.ts', {
  eager: true,
  import: 'text',
});
const folder = (path: string) => path.split('/').at(-2) ?? path;
const widgets = Object.keys(schemas)
  .map(folder)
  .filter((w) => !w.startsWith('_'))
  .sort();

/** Every string leaf under `value`, with its path ("buttons.run"); functions are shapes, not strings. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}
/** Names that read the same in both editions: products, APIs, engines. */
const NAMES = new Set([
  'tfjs',
  'gather',
  'lean',
  'simd',
  'wasm',
  'webassembly',
  'webgl',
  'opfs',
  'lora',
  'relu',
  'gbs',
]);
/**
 * English words a translator should have translated: three letters or more, not an acronym, a unit, a name, or a
 * symbol or model name (W_up, Top-k, target-v1: a token with a digit, an underscore or a one-letter part).
 */
const englishWords = (text: string) =>
  (text.match(/[A-Za-z][\w.-]*/g) ?? []).filter(
    (w) =>
      /^[A-Za-z]{3,}$/.test(w) &&
      w !== w.toUpperCase() &&
      !NAMES.has(w.toLowerCase()) &&
      !/^(KiB|MiB|GiB|GFLOP)$/.test(w),
  );

describe('every widget has its words in both editions', () => {
  test('the widgets are found', () => {
    expect(widgets.length).toBeGreaterThanOrEqual(30);
  });

  test.each(widgets)('%s: every parameter has a Chinese label, and a description where the English has one', (w) => {
    const schema = schemas[`../../site/widgets/${w}/params.ts`];
    const missing = Object.entries(schema.params)
      .filter(([, p]) => !p.zh?.label || (p.doc && !p.zh.doc))
      .map(([name]) => name);
    expect(missing).toEqual([]);
    for (const p of Object.values(schema.params))
      if (p.zh) expect(englishWords(p.zh.label), `${w}: zh label "${p.zh.label}"`).toEqual([]);
  });

  test.each(widgets)('%s: text.ts has the same words in English and Chinese', (w) => {
    const text = texts[`../../site/widgets/${w}/text.ts`];
    expect(text, `site/widgets/${w}/text.ts`).toBeDefined();
    const en = leaves(text.en);
    const zh = new Map(leaves(text.zh));
    expect([...zh.keys()].sort()).toEqual(en.map(([k]) => k).sort());
    for (const [key, value] of en) {
      const other = zh.get(key);
      expect(typeof other, key).toBe(typeof value);
      if (typeof value === 'string' && typeof other === 'string' && other === value)
        expect(englishWords(value), `${w}: "${key}" is the same English in both editions: ${value}`).toEqual([]);
    }
  });
});
