// @vitest-environment jsdom-ssr
// "Storage used by this site" (/model/) in both editions: the component rendered for a /zh/ page has its heading,
// status line and button in Chinese, and the store list site-storage.ts writes is in the page's language.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterEach, expect, it } from 'vitest';
import SiteStorage from '../../site/components/SiteStorage.astro';
import { siteStorage } from '../../site/components/site-storage.ts';

afterEach(() => localStorage.clear());

it('renders its words in the page’s edition', async () => {
  const container = await AstroContainer.create();
  const render = async (path: string) => {
    document.body.innerHTML = await container.renderToString(SiteStorage, {
      request: new Request(`http://localhost${path}`),
    });
    return [...document.body.querySelectorAll('h2, [data-storage-line], button')].map((el) => el.textContent);
  };
  expect(await render('/model/')).toEqual([
    'Storage used by this site',
    'Not measured yet: this needs JavaScript.',
    'Clear everything this site stored',
  ]);
  expect(await render('/zh/model/')).toEqual([
    '本站使用的存储空间',
    '尚未测量：这需要 JavaScript。',
    '清除本站存储的全部内容',
  ]);
});

it('lists the stores in the page’s language, with the same counts', async () => {
  localStorage.setItem('a', '1');
  localStorage.setItem('b', '2');
  expect((await siteStorage(String)).items).toEqual(['localStorage: 2 remembered settings']);
  expect((await siteStorage(String, 'zh')).items).toEqual(['localStorage：2 项记住的设置']);
  localStorage.removeItem('b');
  expect((await siteStorage(String)).items).toEqual(['localStorage: 1 remembered setting']);
});
