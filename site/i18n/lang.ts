// The site's two editions: English at today's URLs, Chinese under /zh/. One place decides which languages exist,
// how a page's path names its language, and how to reach the same page in the other edition.
import { BASE, withBase } from '../base-url.ts';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The `lang` attribute and hreflang of each edition (Simplified Chinese written as such, not as a region). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };

/** Each edition's name in its own language: what the language switch offers. */
export const LANG_NAME: Record<Lang, string> = { en: 'English', zh: '中文' };

/** A value only if it names an edition: `?lang=` and other untrusted input go through this. */
export function parseLang(value: string | null | undefined): Lang | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'en') return 'en';
  if (v === 'zh' || v.startsWith('zh-')) return 'zh';
  return undefined;
}

/** The edition a page belongs to, from its URL path (with or without the site's base): /zh/… is Chinese. */
export function langOfPath(pathname: string): Lang {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname.replace(/^\//, '');
  return rest === 'zh' || rest.startsWith('zh/') ? 'zh' : 'en';
}

/** A site path in an edition, base included: inLang('zh', '/model/') → "/zh/model/" (under the base). */
export function inLang(lang: Lang, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return withBase(lang === 'en' ? p : `/${lang}${p}`);
}

/** The same page in another edition: the path with the base, the edition prefix swapped. */
export function switchLang(pathname: string, to: Lang): string {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname.replace(/^\//, '');
  const bare = rest === 'zh' ? '' : rest.startsWith('zh/') ? rest.slice(3) : rest;
  return inLang(to, `/${bare}`);
}

/** The edition of the page this code runs in (browser): from <html lang>, which every page sets. */
export function pageLang(doc: Document = document): Lang {
  return parseLang(doc.documentElement.lang) ?? 'en';
}

/** Route params for a page in every edition: site/pages/[...lang]/x.astro is /x/ and /zh/x/. */
export const editionParams = () => LANGS.map((lang) => ({ lang: lang === 'en' ? undefined : lang }));
