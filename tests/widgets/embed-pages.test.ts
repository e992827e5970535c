// An embed page is its lesson cut down to one widget at build time (site/embed/embed-pages.mjs): the widget's element
// and the module scripts it needs stay, the rest of the prose and the other widgets' scripts go, and every byte
// outside the prose is as built (the deploy's CSP hashes the inline scripts there).
import { describe, expect, it } from 'vitest';
import { oneWidget, widgetKeys } from '../../site/embed/embed-pages.mjs';

const script = (name: string) =>
  `<script type="module" src="/_astro/${name}.astro_astro_type_script_index_0_lang.X1.js"></script>`;
const head = `<!DOCTYPE html><html lang="en"><head><script>/* theme */</script></head><body><article class="lesson"><header><h1>T</h1></header>`;
const toc = '<nav class="toc"><ol><li><a href="#a">A</a></li></ol></nav>';
const tail = `</article><script>/* embed mode */</script>${script('BaseLayout')}</body></html>`;
// Astro writes a component's script once, after its first element: two race widgets share one script.
const lesson = [
  head,
  toc,
  '<div class="prose"><h2 id="a">A</h2><p>Prose with <span class="katex">x</span>.</p>',
  '<ffn-race class="kit fr" data-key="race"><p>first race</p></ffn-race>',
  script('FfnRace'),
  '<figure><vecmat-views class="kit" data-key="vecmat"><lesson-stat>1</lesson-stat></vecmat-views>',
  script('VecMatViews'),
  '</figure><p>More prose.</p>',
  '<ffn-race class="kit fr" data-key="race2"><p>second race</p></ffn-race>',
  '<section class="ex">exercises</section>',
  script('Exercises'),
  '</div>',
  tail,
].join('');

const prose = (html: string) => html.slice(html.indexOf('<div class="prose">'), html.indexOf('</div>') + 6);

describe('oneWidget: a lesson cut down to one widget', () => {
  const cut = oneWidget(lesson);

  it('finds every widget of the lesson', () => {
    expect(widgetKeys(lesson)).toEqual(['race', 'vecmat', 'race2']);
  });

  it("keeps the widget alone in the prose, with its own script and the lesson's other scripts but other widgets'", () => {
    expect(prose(cut('vecmat'))).toBe(
      `<div class="prose"><vecmat-views class="kit" data-key="vecmat"><lesson-stat>1</lesson-stat></vecmat-views>${script('VecMatViews')}${script('Exercises')}</div>`,
    );
    expect(prose(cut('race'))).toBe(
      `<div class="prose"><ffn-race class="kit fr" data-key="race"><p>first race</p></ffn-race>${script('FfnRace')}${script('Exercises')}</div>`,
    );
  });

  it('keeps the script of a widget whose kind is written after an earlier instance', () => {
    expect(prose(cut('race2'))).toBe(
      `<div class="prose"><ffn-race class="kit fr" data-key="race2"><p>second race</p></ffn-race>${script('FfnRace')}${script('Exercises')}</div>`,
    );
  });

  it('leaves every byte outside the prose as built, but the table of contents (its headings are gone)', () => {
    for (const key of widgetKeys(lesson)) {
      const page = cut(key);
      expect(page.startsWith(`${head}<div class="prose">`)).toBe(true);
      expect(page.endsWith(`</div>${tail}`)).toBe(true);
    }
  });

  it('returns the page whole for a key that is no widget of its prose', () => {
    expect(cut('missing')).toBe(lesson);
    expect(oneWidget('<html><body><p>no lesson</p></body></html>')('race')).toBe(
      '<html><body><p>no lesson</p></body></html>',
    );
  });
});
