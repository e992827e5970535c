// @vitest-environment jsdom-ssr
// ModelPlayground in the Chinese edition: its real shell rendered for a /zh/ page (Astro's container API), then its
// element run on it under <html lang="zh-Hans"> against a fake model worker. Labels, buttons, the facts, captions,
// progress and the run's summary are Chinese where the English edition's are English; the tokens stay English.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import ModelPlayground from '../../site/widgets/model-playground/ModelPlayground.astro';
import { calls } from './worker/fake-client.ts';

vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);

const settle = () => new Promise((r) => setTimeout(r, 30));
const HAN = /\p{Script=Han}/u;

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
  document.documentElement.lang = 'zh-Hans';
});
afterAll(() => {
  document.documentElement.lang = 'en';
});

it('renders and runs in Chinese', async () => {
  const container = await AstroContainer.create();
  document.body.innerHTML = await container.renderToString(ModelPlayground, {
    props: { tokens: '2' },
    request: new Request('http://localhost/zh/model/'),
  });
  const el = document.querySelector<HTMLElement>('model-playground')!;
  const text = (sel: string) => el.querySelector(sel)!.textContent!.trim();
  // The shell, as built for /zh/.
  expect(text('[data-action="generate"]')).toBe('生成');
  expect([...el.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['后端', '为何选此后端', '权重', '词元']);
  for (const label of el.querySelectorAll('label')) expect(label.textContent).toMatch(HAN);
  expect(text('[data-caption]')).toMatch(/^按下“生成”之前：这是 target-v1 模型卡片中的贪心样本/);
  expect(el.querySelector('textarea')!.lang).toBe('en'); // the prompt is English by nature
  // The element, started under <html lang="zh-Hans">.
  await import('../../site/widgets/model-playground/element.ts');
  await settle();
  expect(calls[0].type).toBe('model.info');
  calls[0].finish({ parameters: 1000 });
  await settle();
  expect(text('[data-progress]')).toBe('target-v1 已就绪（1,000 个参数，已下载）。请按“生成”。');
  el.querySelector<HTMLButtonElement>('[data-action="generate"]')!.click();
  await settle();
  const start = calls.find((c) => c.type === 'generate.start')!;
  start.finish({ session: 1, promptTokens: [{ id: 0, text: 'Call', partial: false }], engine: 'lean' });
  await settle();
  expect(text('[data-out="count"]')).toBe('提示词 1 + 新生成 0');
  const token = (id: number, t: string) => ({ id, text: t, p: 0.5, alternatives: [{ id, text: t, p: 0.5 }] });
  calls.find((c) => c.type === 'generate.next')!.finish([token(1, ' me')]);
  await settle();
  calls.filter((c) => c.type === 'generate.next')[1].finish([token(2, ' Ishmael')]);
  await settle();
  expect(text('[data-progress]')).toBe("已用 target-v1 生成了 2 个词元；最后一个词元是 ' Ishmael'，概率 0.50。");
  expect(text('[data-out="count"]')).toBe('提示词 1 + 新生成 2');
  const chip = el.querySelector('button[data-step="0"]')!;
  expect(chip.getAttribute('aria-label')).toBe("第 1 个词元：' me'，概率 0.50");
  expect(text('[data-fulltext]')).toBe('文本：Call me Ishmael');
  expect(el.querySelector('[data-fulltext] span')!.getAttribute('lang')).toBe('en');
});
