// The share panel's embed snippet is sized to the widget it embeds, not a fixed 600 × 400.
import { describe, expect, it } from 'vitest';
import { embedSize, iframeSnippet } from '../../../site/widgets/_kit/docs.ts';

describe('embedSize and iframeSnippet', () => {
  it('a tall widget gets a tall iframe: its height without the share panel, plus the margin', () => {
    expect(embedSize({ width: 720, height: 1460.4 }, 60)).toEqual({ width: 752, height: 1433 });
    const html = iframeSnippet('https://x/embed/a/b/', 'A "quoted" title', embedSize({ width: 720, height: 1400 }));
    expect(html).toMatch(/width="752" height="1432"/);
    expect(html).toMatch(/title="A &quot;quoted&quot; title"/);
  });
  it('never smaller than a phone-width, 200 px tall frame (a widget not laid out yet measures 0)', () => {
    expect(embedSize({ width: 0, height: 0 })).toEqual({ width: 320, height: 200 });
  });
});
