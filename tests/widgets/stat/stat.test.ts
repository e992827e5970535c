// @vitest-environment jsdom-ssr
// <Stat> in both editions: the same number and unit on an English and a Chinese page, the badge in the page's words,
// the citation link unchanged.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import Stat from '../../../site/widgets/stat/Stat.astro';
import { text } from '../../../site/widgets/stat/text.ts';

const render = async (props: Record<string, unknown>, path: string) => {
  const html = await (await AstroContainer.create()).renderToString(Stat, {
    props,
    request: new Request(`http://localhost${path}`),
  });
  const box = document.createElement('div');
  box.innerHTML = html;
  return box.querySelector('.stat')!;
};

describe('<Stat> in both editions', () => {
  const cases = [
    { value: 0.61734, unit: 'share', source: 'measured' },
    { value: 26, unit: 'percent', source: 'paper', cite: '2312.12456 Fig. 4' },
    { value: 12345.6, unit: 'GB/s', source: 'modelled', cite: '2303.06865 Table 2' },
  ] as const;
  for (const props of cases)
    it(`${props.source}: the number is the same, the badge is the page's (${props.value} ${props.unit})`, async () => {
      const en = await render(props, '/lessons/x/');
      const zh = await render(props, '/zh/lessons/x/');
      expect(zh.querySelector('.stat-value')!.textContent).toBe(en.querySelector('.stat-value')!.textContent);
      const badgeEn = en.querySelector('.stat-badge')!.textContent!;
      const badgeZh = zh.querySelector('.stat-badge')!.textContent!;
      expect(badgeEn).toContain(text.en.badge[props.source]);
      expect(badgeZh).toContain(text.zh.badge[props.source]);
      expect(badgeZh).not.toMatch(/measured|paper|modelled/);
      if ('cite' in props) {
        expect(badgeEn).toContain(`, ${props.cite}`);
        expect(badgeZh).toContain(`，${props.cite}`);
        expect(zh.querySelector('a')!.getAttribute('href')).toBe(en.querySelector('a')!.getAttribute('href'));
      }
      expect(zh.getAttribute('title')).toContain(text.zh.badge[props.source]);
    });
});
