// Numeric controls read their limits from the declaration: fieldLimits (what <Field> renders) and every number input
// a shell still writes by hand, whose literal min, max and step must be the schema's.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldLimits } from '../../../site/widgets/_kit/field.ts';
import { defineWidget, type WidgetSchema } from '../../../site/widgets/_kit/params.ts';

const demo = defineWidget({
  name: 'Demo',
  tag: 'demo-field',
  urlKey: 'demo',
  params: {
    layer: { kind: 'int', min: 0, max: 11, default: 0, label: 'Layer' },
    share: { kind: 'number', min: 0, max: 1, default: 0.5, label: 'Share' },
    alpha: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5, label: 'α' },
    view: { kind: 'choice', values: ['a', 'b'], default: 'a', label: 'View' },
  },
});

describe('fieldLimits', () => {
  it("gives the schema's min, max and step (1 for whole numbers, a hundredth of the range, or the declared one)", () => {
    expect(fieldLimits(demo, 'layer')).toEqual({ min: 0, max: 11, step: 1 });
    expect(fieldLimits(demo, 'share')).toEqual({ min: 0, max: 1, step: 0.01 });
    expect(fieldLimits(demo, 'alpha')).toEqual({ min: 0, max: 1, step: 0.05 });
  });
  it('narrows to the data but never widens, and refuses a parameter that is not a number', () => {
    expect(fieldLimits(demo, 'layer', { max: 3 })).toEqual({ min: 0, max: 3, step: 1 });
    expect(() => fieldLimits(demo, 'layer', { max: 12 })).toThrow(/Demo: the control for "layer" spans \[0, 12\]/);
    expect(() => fieldLimits(demo, 'share', { min: 0.6, max: 0.4 })).toThrow(/outside/);
    expect(() => fieldLimits(demo, 'view')).toThrow(/Demo: "view" is not a number parameter/);
  });
});

const ROOT = join(import.meta.dirname, '..', '..', '..');
const WIDGETS = join(ROOT, 'site/widgets');
const folders = readdirSync(WIDGETS).filter((f) => !f.startsWith('_') && existsSync(join(WIDGETS, f, 'params.ts')));

describe.each(folders)('%s', (folder) => {
  it("writes no number input whose min, max or step differ from the schema's", async () => {
    const { schema } = (await import(join(WIDGETS, folder, 'params.ts'))) as { schema: WidgetSchema };
    const wrong: string[] = [];
    for (const file of readdirSync(join(WIDGETS, folder)).filter((f) => f.endsWith('.astro'))) {
      const src = readFileSync(join(WIDGETS, folder, file), 'utf8');
      for (const [tag] of src.matchAll(/<input\b[^>]*\btype="(?:range|number)"[^>]*>/g)) {
        const name = tag.match(/\bid=\{(?:props\.)?id\((['"`])([^'"`]+)\1\)\}/)?.[2];
        const p = name ? schema.params[name] : undefined;
        if (!name || !p || (p.kind !== 'int' && p.kind !== 'number')) continue;
        const want = fieldLimits(schema, name);
        for (const attr of ['min', 'max', 'step'] as const) {
          const literal = tag.match(new RegExp(`\\b${attr}="([^"]*)"`))?.[1];
          if (literal !== undefined && Number(literal) !== want[attr])
            wrong.push(`${file}: ${name} ${attr}="${literal}", schema ${want[attr]}`);
          if (literal === undefined && !new RegExp(`\\b${attr}=\\{`).test(tag))
            wrong.push(`${file}: ${name} has no ${attr}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
