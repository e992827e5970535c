// The page pass over the English lessons and their embeds (the checks, and what the pass records, are described in
// page-suite.ts); pages-more.test.ts and pages-zh.test.ts take the rest of the site, so the three can run side by side.
import { expect, test } from 'vitest';
import { describePages, lessonsOfBothEditions, passedPages } from './page-suite.ts';

const pages = passedPages();

test('the build has the home page and one page per published lesson', () => {
  expect(pages).toContain('/');
  expect(lessonsOfBothEditions().length).toBeGreaterThan(0);
  for (const lesson of lessonsOfBothEditions()) expect(pages).toContain(lesson.url);
});

describePages(pages.filter((p) => /^\/(lessons|embed)\//.test(p)));
