// Every page the site builds (found in the build output, so a new page is covered without a new test), opened once
// per setup (a desktop in the light theme, served with a deploy's headers, CSP included; a 375 px phone in the dark
// theme with garbage in its address), scrolled to the end so every widget starts, and checked after every widget
// has settled: no console error, warning or uncaught exception, no request to another origin, no horizontal page
// scroll on the phone, no serious axe finding (all rules) and no WCAG A/AA one, CLS under 0.1; lesson pages also
// carry their table of contents, sources, previous/next links and fork link. (This merges what a11y, console-clean
// and site tests did in seven page loads.) The Chinese edition's pages (/zh/…) are opened in the phone setup (its
// fonts, line breaking at 375 px and dark theme are what differ); its embed pages are copies of its lesson pages,
// checked as HTML by editions.test.ts.
import { expect, test } from 'vitest';
import { describePages, lessonsOfBothEditions, passedPages } from './page-suite.ts';

// This file: the English lessons and their embeds (page-suite.ts has the checks).
const pages = passedPages();

test('the build has the home page and one page per published lesson', () => {
  expect(pages).toContain('/');
  expect(lessonsOfBothEditions().length).toBeGreaterThan(0);
  for (const lesson of lessonsOfBothEditions()) expect(pages).toContain(lesson.url);
});

describePages(pages.filter((p) => /^\/(lessons|embed)\//.test(p)));
