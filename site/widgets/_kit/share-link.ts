// The links a widget's "Share or embed" panel gives (share.ts): its current values and the controls ticked to hide,
// as a short, readable query (?batch.size=4&hide=batch.seed,batch.split) on the lesson's address, and the same
// view as an embed (/embed/<lesson>/<key>/). Values equal to the shell's are left out, so a link names only what
// the reader changed. Plain functions, tested in Node.
import { writeUrl, type Params, type Values, type WidgetSchema } from './params.ts';

/** The query for one widget: its changed values, then `hide=` (commas kept readable). "" when nothing is set. */
export function shareQuery<P extends Params>(
  schema: WidgetSchema<P>,
  key: string,
  values: Values<P>,
  defaults: Values<P>,
  hide: readonly string[],
): string {
  const state = writeUrl(schema, key, values, defaults, '');
  const hidden = hide.length ? `hide=${hide.map((name) => `${key}.${name}`).join(',')}` : '';
  if (!hidden) return state;
  return state ? `${state}&${hidden}` : `?${hidden}`;
}

/**
 * The lesson a page belongs to, from its path under `base`, in either edition: "/b/lessons/x/", "/b/embed/x/key/"
 * and "/b/zh/lessons/x/" → "x".
 */
export function lessonOf(pathname: string, base: string): string | undefined {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : undefined;
  return rest === undefined ? undefined : /^(?:zh\/)?(?:lessons|embed)\/([^/]+)\//.exec(rest)?.[1];
}

/** The page's own URL parameters that are not any widget's state. */
const PAGE_PARAMS = new Set(['hide', 'embed', 'theme', 'backend', 'lang']);

/**
 * Settings in `search` addressed to a widget key that is not on the page (`onPage`): "<key>.<param>" names and
 * "hide=" entries. They are ignored; the page says so. Undotted names that are not page parameters are junk, not
 * state, and are left alone.
 */
export function strayState(search: string, onPage: ReadonlySet<string>): string[] {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return [];
  }
  const stray = new Set<string>();
  const prefixOf = (name: string) => (name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined);
  for (const name of params.keys()) {
    const prefix = prefixOf(name);
    if (!PAGE_PARAMS.has(name) && prefix !== undefined && !onPage.has(prefix)) stray.add(name);
  }
  for (const raw of params.getAll('hide')) {
    for (const item of raw.split(',').map((s) => s.trim())) {
      const prefix = prefixOf(item);
      if (prefix !== undefined && !onPage.has(prefix)) stray.add(`hide=${item}`);
    }
  }
  return [...stray];
}
