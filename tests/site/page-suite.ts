// The per-page checks of the page pass (page-pass.ts), as one suite over a list of built pages: pages.test.ts,
// pages-more.test.ts and pages-zh.test.ts each take a share of the site, so the three run side by side.
//
// Every page the site builds (found in the build output, so a new page is covered without a new test), opened in
// each of its setups (setupsFor: a desktop in the light theme, served with a deploy's headers, CSP included; a 375 px phone in the dark
// theme with garbage in its address, on the build deployed under a sub-path), scrolled to the end so every widget
// starts, and checked after every widget has settled: no console error, warning or uncaught exception, no request
// to another origin, no failed request, none outside the base, no horizontal page scroll on the phone, no serious
// axe finding (all rules) and no WCAG A/AA one, CLS under 0.1; lesson pages also carry their table of contents,
// sources, previous/next links and fork link. (This merges what a11y, console-clean, site and sub-path tests did
// in nine page loads.) The Chinese edition's pages (/zh/…) are opened in the phone setup (its
// fonts, line breaking at 375 px and dark theme are what differ); its embed pages are copies of its lesson pages,
// checked as HTML by editions.test.ts.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { sourceUrl } from '../../site/site-config.ts';
import { EXTRA_CHECKS, type PassResult, SETUPS, type Setup, passPage } from './page-pass.ts';
import { builtPages, publishedLessons } from './site-pages.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const editions = [publishedLessons(root), publishedLessons(root, 'zh')];

/** The setups a page is opened in: both, but the Chinese edition's pages, which are opened on the phone. */
const setupsFor = (path: string): Setup[] => (path.startsWith('/zh/') ? [SETUPS.phone] : Object.values(SETUPS));

/** Every page the pass opens: the built pages but the Chinese embeds (copies of Chinese lesson pages). */
export const passedPages = () => builtPages(inject('distDir')).filter((p) => !p.startsWith('/zh/embed/'));

/** The lessons of both editions, for the check that each has its page. */
export const lessonsOfBothEditions = () => editions.flat();

/** The checks, for each page of `pages`. */
export const describePages = (pages: string[]) =>
  describe.each(pages)('page %s', (path) => {
    const setups = setupsFor(path);
    const zh = path.startsWith('/zh/');
    const seen = new Map<string, PassResult>();
    const pass = (setup: (typeof setups)[number]) => {
      const result = seen.get(setup.name);
      if (!result) throw new Error(`the ${setup.name} pass over ${path} did not finish (see the beforeAll error)`);
      return result;
    };
    beforeAll(async () => {
      for (const setup of setups) seen.set(setup.name, await passPage(path, setup));
    }, 800_000); // two setups, each pass at most 180 s and taken at most twice (page-pass.ts)

    test.each(setups)('$name: no console error or uncaught exception, no request to another origin', (setup) => {
      const { consoleErrors, foreignRequests } = pass(setup);
      expect(consoleErrors, 'console errors').toEqual([]);
      expect(foreignRequests, 'requests to other origins').toEqual([]);
    });

    test.each(setups)(
      '$name: every request to the site succeeds and stays under its base, as do its links',
      (setup) => {
        const { failedRequests, outsideBase } = pass(setup);
        expect(failedRequests, 'failed requests').toEqual([]);
        expect(outsideBase, 'requests or links outside the base').toEqual([]);
      },
    );

    if (setups.includes(SETUPS.desktop))
      test(`${SETUPS.desktop.name}, with the service worker and a deploy's headers: no console warning, no CSP violation`, () => {
        expect(pass(SETUPS.desktop).consoleWarnings, 'console warnings').toEqual([]);
        expect(pass(SETUPS.desktop).cspViolations, 'Content-Security-Policy violations').toEqual([]);
      });

    if (setups.includes(SETUPS.phone))
      test(`${SETUPS.phone.name}: no horizontal page scroll after every widget has drawn`, () => {
        expect(pass(SETUPS.phone).overflowPx).toBeLessThanOrEqual(0);
      });

    test.each(setups)('$name: no serious axe finding and no WCAG A/AA one; CLS under 0.1', async (setup) => {
      const { axe, cls } = pass(setup);
      expect(axe).toEqual([]);
      // On CI's two busy cores an embed has twice shown a 0.3 shift whose nodes were already gone by the time it was
      // read, and never again on the next load: a page over the limit is opened once more, and fails only if it shifts
      // again (both measurements are in the message).
      const again = cls.value < 0.1 ? cls : (await passPage(path, setup)).cls;
      expect(
        again.value,
        `layout shifts: ${again.worst.join(' | ')} (first load: ${cls.value.toFixed(3)}: ${cls.worst.join(' | ')})`,
      ).toBeLessThan(0.1);
    });

    if (EXTRA_CHECKS.length) {
      test.each(setups)(`$name: ${EXTRA_CHECKS.map((c) => c.name).join(', ')}`, (setup) => {
        expect(pass(setup).extra).toEqual([]);
      });
    }

    const lessons = editions[zh ? 1 : 0];
    const index = lessons.findIndex((l) => l.url === path);
    if (index < 0) return;
    const main = zh ? SETUPS.phone : SETUPS.desktop; // the setup a lesson's chrome is read from
    const { file, sources } = lessons[index];
    const [prev, next] = [lessons[index - 1], lessons[index + 1]];

    test('lesson: a table of contents whose links all land on headings', () => {
      const { toc } = pass(main);
      expect(toc.length).toBeGreaterThan(0);
      for (const { href, targets } of toc) {
        expect(href).toMatch(/^#/);
        expect(targets, href).toBe(1);
      }
    });

    test('lesson: each frontmatter source is listed as an arXiv abstract link', () => {
      const links = pass(main).sources;
      expect(links).toHaveLength(sources);
      for (const href of links) expect(href).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}(v\d+)?$/);
    });

    test('lesson: links to the previous and next lessons in order', () => {
      expect(pass(main).prev).toEqual(prev ? [prev.url] : []);
      expect(pass(main).next).toEqual(next ? [next.url] : []);
    });

    test("lesson: links to its own source file under 'Fork this lesson'", () => {
      expect(pass(main).fork).toBe(sourceUrl(file));
    });
  });
