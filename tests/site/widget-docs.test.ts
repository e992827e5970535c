// @vitest-environment jsdom
// The built docs pages against the declarations: every kit widget (found by its folder's params.ts) has a page at
// /widgets/<slug>/ whose props table holds exactly its declared parameters and hideable parts, with their defaults,
// URL keys and hide entries, lists the lessons whose MDX uses it, and is linked from /widgets/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { docsSlug, propRows, usesIn } from '../../site/widgets/_kit/docs.ts';
import type { WidgetSchema } from '../../site/widgets/_kit/params.ts';
import { publishedLessons } from './site-pages.ts';

// import.meta.dirname, not new URL(import.meta.url): under jsdom, URL is jsdom's.
const root = join(import.meta.dirname, '../..');
const widgetsDir = join(root, 'site/widgets');
const dist = inject('distDir');
const folders = readdirSync(widgetsDir).filter((f) => f !== '_kit' && existsSync(join(widgetsDir, f, 'params.ts')));
const schemas = await Promise.all(
  folders.map(async (f) => ((await import(join(widgetsDir, f, 'params.ts'))) as { schema: WidgetSchema }).schema),
);
const lessons = publishedLessons(root).map((l) => ({ ...l, mdx: readFileSync(join(root, l.file), 'utf8') }));

const page = (path: string) =>
  new DOMParser().parseFromString(readFileSync(join(dist, path, 'index.html'), 'utf8'), 'text/html');
const text = (el: Element | null) => (el?.textContent ?? '').trim();

describe.each(schemas.map((schema) => ({ name: schema.name, schema })))('$name', ({ schema }) => {
  const path = `widgets/${docsSlug(schema.name)}`;

  it('has a docs page whose props table is its declaration, row by row', () => {
    expect(existsSync(join(dist, path, 'index.html')), `${path}/index.html`).toBe(true);
    const doc = page(path);
    expect(text(doc.querySelector('h1'))).toBe(schema.name);
    const rows = [...doc.querySelectorAll(`table[data-props="${schema.name}"] tbody tr`)].map((tr) => ({
      name: tr.getAttribute('data-prop'),
      default: text(tr.querySelector('[data-col="default"]')).replace(/^—$/, ''),
      urlKey: text(tr.querySelector('[data-col="url"]')).replace(/^—$/, ''),
      hide: text(tr.querySelector('[data-col="hide"]'))
        .replace(/^hide=/, '')
        .replace(/^—$/, ''),
    }));
    const want = propRows(schema).map((r) => ({ name: r.name, default: r.default, urlKey: r.urlKey, hide: r.hide }));
    expect(rows).toEqual([...want, { name: 'urlKey', default: schema.urlKey, urlKey: '', hide: '' }]);
  });

  it('lists the lessons that use it, each with an iframe snippet for its embed page', () => {
    const doc = page(path);
    const using = lessons.filter((l) => usesIn(l.mdx, schema).length > 0);
    const links = [...doc.querySelectorAll('ul.uses a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(using.flatMap((l) => usesIn(l.mdx, schema).map(() => l.url)));
    for (const l of using) {
      for (const key of usesIn(l.mdx, schema)) {
        const embed = `/embed/${l.url.split('/')[2]}/${key}/`;
        expect(doc.body.innerHTML).toContain(embed);
        expect(existsSync(join(dist, embed, 'index.html')), `${embed} is built`).toBe(true);
      }
    }
  });
});

it('/widgets/ links every docs page', () => {
  const hrefs = [...page('widgets').querySelectorAll('ul.widgets a')].map((a) => a.getAttribute('href'));
  expect(hrefs).toEqual(
    [...schemas].sort((a, b) => a.name.localeCompare(b.name)).map((s) => `/widgets/${docsSlug(s.name)}/`),
  );
});
