// The site's own pages in the Chinese edition (site/i18n/pages.ts): every widget listed on /widgets/ has a Chinese
// description, and every English word of the pages' table has Chinese beside it (the built pages are checked in
// tests/site/editions.test.ts; this is the table they are made from).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGES, WIDGET_DESCRIPTIONS_ZH } from '../../site/i18n/pages.ts';
import { barrelDescriptions } from '../../site/widgets/_kit/docs.ts';

const HAN = /\p{Script=Han}/u;
/** What the Chinese edition writes as the English does: names and unit symbols. */
const KEPT = new Set(['URL', 'fp32 ms', 'int4 ms', 'the Origin Private File System']);
const barrel = readFileSync(new URL('../../site/widgets/index.ts', import.meta.url), 'utf8');

describe('the widgets pages in Chinese', () => {
  it('describes exactly the widgets the barrel describes, in Chinese', () => {
    const english = barrelDescriptions(barrel);
    expect(Object.keys(WIDGET_DESCRIPTIONS_ZH).sort()).toEqual([...english.keys()].sort());
    for (const [name, zh] of Object.entries(WIDGET_DESCRIPTIONS_ZH)) expect(zh, name).toMatch(HAN);
  });

  it('has a Chinese word wherever the English page has one', () => {
    const walk = (en: unknown, zh: unknown, path: string) => {
      if (typeof en === 'string') {
        // Words, not the names and unit symbols both editions write alike; Chinese punctuation alone counts ("。").
        if (/[A-Za-z]{2}/.test(en) && !KEPT.has(en))
          expect(zh, path).toMatch(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u);
      } else if (typeof en === 'object' && en) {
        for (const k of Object.keys(en)) walk((en as never)[k], (zh as never)[k], `${path}.${k}`);
      }
    };
    walk(PAGES.en, PAGES.zh, 'PAGES');
  });
});
