// A widget's documentation, derived from its declaration (params.ts) so that it is never written twice: the docs
// page /widgets/<slug>/ (site/pages/widgets/[slug].astro) renders these rows, and tests compare them with the schema
// and with the widget's own README. Plain data only (no DOM, no Astro).
import type { Lang } from '../../i18n/lang.ts';
import { describeParam, formatValue, paramText, type Param, type WidgetSchema } from './params.ts';

/** One row of a widget's props table. */
export interface PropRow {
  /** The prop as authors write it; for a hide-only part, its name. */
  name: string;
  /** What the control is called on the page. */
  label: string;
  /** Allowed values in words, with the declaration's `doc`. */
  allowed: string;
  /** The default as it is written in a prop or a URL ("" when optional). */
  default: string;
  /** The URL parameter under the default key, e.g. "batch.size"; "" for a part that is only hideable. */
  urlKey: string;
  /** The ?hide= entry that hides it. */
  hide: string;
  /** Old URL names still read from shared links. */
  aliases: string[];
}

/** "BatchUnion" → "batch-union": the docs page's address, /widgets/<slug>/. */
export const docsSlug = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The site path of a widget's docs page (without the base). */
export const docsPath = (name: string) => `/widgets/${docsSlug(name)}/`;

const aliasNames = (p: Param) => (p.aliases ?? []).map((a) => (typeof a === 'string' ? a : `${a.name} (×${a.scale})`));

/** Every parameter, then every hide-only part, in declaration order, in the words of edition `lang`. */
export function propRows(schema: WidgetSchema, lang: Lang = 'en'): PropRow[] {
  const key = schema.urlKey;
  const params = Object.entries(schema.params).map(([name, p]) => {
    const { label, doc } = paramText(p, lang);
    const allowed = describeParam(p, lang);
    return {
      name,
      label,
      allowed: doc ? `${allowed}${lang === 'zh' ? '：' : ': '}${doc}` : allowed,
      default: p.default === undefined ? '' : formatValue(p.default),
      urlKey: `${key}.${name}`,
      hide: `${key}.${name}`,
      aliases: aliasNames(p),
    };
  });
  const parts = (schema.controls ?? []).map((name) => ({
    name,
    label: name.charAt(0).toUpperCase() + name.slice(1),
    allowed: lang === 'zh' ? '图的一部分（只能隐藏）' : 'a part of the figure (hide only)',
    default: '',
    urlKey: '',
    hide: `${key}.${name}`,
    aliases: [],
  }));
  return [...params, ...parts];
}

/** The smallest usage: the component with no props (every default), as an author writes it. */
export const usageSnippet = (schema: WidgetSchema) =>
  `import { ${schema.name} } from '../site/widgets/index.ts';\n\n<${schema.name} />`;

/** Where a lesson's MDX uses the widget: each use's urlKey (the prop, or the schema's default). */
export function usesIn(mdx: string, schema: WidgetSchema): string[] {
  const keys: string[] = [];
  for (const m of mdx.matchAll(new RegExp(`<${schema.name}\\b([^>]*)>`, 'g'))) {
    keys.push(/\burlKey="([a-z][a-z0-9-]*)"/.exec(m[1])?.[1] ?? schema.urlKey);
  }
  return keys;
}

/** The one-line descriptions in the barrel (site/widgets/index.ts), by component name. */
export function barrelDescriptions(barrel: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of barrel.matchAll(/\/\*\*\s*([\s\S]*?)\s*\*\/\s*export \{ default as (\w+) \}/g))
    out.set(m[2], m[1].replace(/\s+/g, ' '));
  return out;
}

/** An iframe snippet for slides or a course platform. */
/** An iframe embedding a widget, sized to it (the share panel measures the widget; pages without one say 600 × 400). */
export const iframeSnippet = (src: string, title: string, size = { width: 600, height: 400 }) =>
  `<iframe src="${src}" width="${size.width}" height="${size.height}" title="${title.replace(/"/g, '&quot;')}" style="border:0" loading="lazy"></iframe>`;

/**
 * The iframe size that shows a widget whole: its measured box without the share panel, plus the embed page's margin,
 * in whole pixels (a widget 1,420 px tall gets an iframe 1,420 px tall, not 400).
 */
export function embedSize(widget: { width: number; height: number }, sharePanel = 0, margin = 32) {
  return {
    width: Math.max(320, Math.ceil(widget.width) + margin),
    height: Math.max(200, Math.ceil(widget.height - sharePanel) + margin),
  };
}
