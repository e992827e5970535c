// Each kit widget's documentation against its declaration (params.ts): the generated props rows (the docs page at
// /widgets/<slug>/ renders exactly these), and the hand-written props table in the widget's README.md, which must
// name the same props with the same defaults. A parameter added, renamed or given a new default without its docs
// fails here. Widgets are found by folder, so a new one is covered with no change to this file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { barrelDescriptions, docsSlug, propRows, usesIn } from '../../../site/widgets/_kit/docs.ts';
import { formatValue, type WidgetSchema } from '../../../site/widgets/_kit/params.ts';

const widgetsDir = fileURLToPath(new URL('../../../site/widgets/', import.meta.url));
const folders = readdirSync(widgetsDir).filter((f) => f !== '_kit' && existsSync(join(widgetsDir, f, 'params.ts')));
const schemas = await Promise.all(
  folders.map(async (folder) => ({
    folder,
    schema: ((await import(join(widgetsDir, folder, 'params.ts'))) as { schema: WidgetSchema }).schema,
  })),
);

/**
 * The README's props table: each row's backticked prop names, the URL keys written beside them
 * ("`size` / `batch.size`"), and its backticked defaults (first and third cells).
 */
function readmeProps(readme: string): { names: string[]; urlKeys: string[]; defaults: string[] }[] {
  const ticks = (cell: string) => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1].replace(/^"(.*)"$/, '$1'));
  return readme
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => line.split('|').map((c) => c.trim()))
    .map((cells) => {
      const first = ticks(cells[1]);
      return {
        names: first.filter((t) => !t.includes('.')),
        urlKeys: first.filter((t) => t.includes('.')),
        defaults: ticks(cells[3] ?? ''),
      };
    });
}

it('finds the kit widgets', () => {
  expect(schemas.length).toBeGreaterThan(0);
});

describe.each(schemas)('$folder', ({ folder, schema }) => {
  it('has a docs row for every parameter and hideable part, with its URL key, default and hide entry', () => {
    const rows = propRows(schema);
    expect(rows.map((r) => r.name)).toEqual([...Object.keys(schema.params), ...(schema.controls ?? [])]);
    for (const [name, p] of Object.entries(schema.params)) {
      const row = rows.find((r) => r.name === name)!;
      expect(row.urlKey).toBe(`${schema.urlKey}.${name}`);
      expect(row.hide).toBe(`${schema.urlKey}.${name}`);
      expect(row.default).toBe(p.default === undefined ? '' : formatValue(p.default));
      expect(row.label).toBe(p.label);
    }
  });

  it('is described in the barrel, which the docs page quotes', () => {
    const barrel = readFileSync(join(widgetsDir, 'index.ts'), 'utf8');
    expect(
      barrelDescriptions(barrel).get(schema.name),
      `a /** … */ line above ${schema.name} in site/widgets/index.ts`,
    ).toBeTruthy();
  });

  it("its README's props table names the declared props, with the declared defaults", () => {
    const readme = readFileSync(join(widgetsDir, folder, 'README.md'), 'utf8');
    const rows = readmeProps(readme);
    const documented = rows.flatMap((r) => r.names).filter((n) => n !== 'urlKey'); // a urlKey row is optional
    expect(new Set(documented), `props in site/widgets/${folder}/README.md`).toEqual(
      new Set(Object.keys(schema.params)),
    );
    for (const { names, urlKeys } of rows) {
      for (const url of urlKeys)
        expect(
          names.map((n) => `${schema.urlKey}.${n}`),
          `URL key ${url} in site/widgets/${folder}/README.md`,
        ).toContain(url);
    }
    for (const { names, defaults } of rows) {
      if (defaults.length !== names.length) continue; // a default described in words ("nearest the predictor's threshold")
      names.forEach((name, i) => {
        const want = name === 'urlKey' ? schema.urlKey : formatValue(schema.params[name].default ?? '');
        expect(defaults[i], `default of ${name} in site/widgets/${folder}/README.md`).toBe(want);
      });
    }
  });
});

describe('docs helpers', () => {
  it('docsSlug turns a component name into its page address', () => {
    expect(docsSlug('BatchUnion')).toBe('batch-union');
    expect(docsSlug('LoraRank')).toBe('lora-rank');
    expect(docsSlug('FfnRace')).toBe('ffn-race');
  });

  it('usesIn finds each use of a widget in MDX, with its urlKey prop or the default', () => {
    const schema = schemas[0].schema;
    const mdx = `Text <${schema.name} /> more <${schema.name}X /> and\n<${schema.name} urlKey="second" size="2" />`;
    expect(usesIn(mdx, schema)).toEqual([schema.urlKey, 'second']);
  });
});
