// The harness itself: every page check that says "no request to another origin" relies on the browser recording
// such a request and failing it (the proxy launch() sets), never reaching the network.
import { expect, test } from 'vitest';
import { openPage } from './harness.ts';

test('a request to another origin is recorded and fails; the site’s own requests succeed', async () => {
  const opened = await openPage('/');
  try {
    const results = await opened.page.evaluate(() =>
      Promise.all(
        ['https://example.com/x.js', 'http://93.184.216.34/y', '/sw.js'].map((url) =>
          fetch(url).then(
            (r) => r.status,
            () => 'failed',
          ),
        ),
      ),
    );
    expect(results).toEqual(['failed', 'failed', 200]);
    expect(opened.foreignRequests).toEqual(['https://example.com/x.js', 'http://93.184.216.34/y']);
  } finally {
    await opened.close();
  }
});
