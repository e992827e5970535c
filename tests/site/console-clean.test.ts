// Every built page, as a reader gets it (the same files `npm start` serves): after scrolling to the end so that
// every widget starts, the console holds no error and no warning. (site.test.ts checks errors on every page too;
// this adds warnings, which a first run should not print either.)
import { describe, expect, inject, test } from 'vitest';
import { expectClean, openPage, scrollToEnd } from './harness.ts';
import { builtPages } from './site-pages.ts';

describe.each(builtPages(inject('distDir')))('page %s', (path) => {
  test('logs no error and no warning, scrolled to the end', async () => {
    // As a reader gets it: with the service worker (the harness blocks it by default, and Playwright warns then).
    const opened = await openPage(path, { serviceWorkers: 'allow' });
    await scrollToEnd(opened.page);
    await opened.page.waitForLoadState('networkidle');
    expectClean(opened);
    expect(opened.consoleWarnings, 'console warnings').toEqual([]);
    await opened.close();
  });
});
