// A widget's real shell in the Chinese edition, for jsdom tests (environment jsdom-ssr): rendered by Astro's
// container as a /zh/ page renders it, then its element started under <html lang="zh-Hans"> against the fake model
// worker (./worker/fake-client.ts; the test file mocks site/worker/client.ts with it). `answer` replies to the
// widget's requests in order; `shownWords` is what a reader sees outside text that is English by nature (lang="en").
import { expect } from 'vitest';
import { calls, type FakeCall } from './worker/fake-client.ts';
import { renderChinese, type Shell } from './zh-shell.ts';

export const settle = () => new Promise((r) => setTimeout(r, 20));

let answered = 0;

/** Forget the fake worker's requests (and how many were answered): call before each test that uses `answer`. */
export function forgetCalls() {
  calls.length = 0;
  answered = 0;
}

/** Waits for the widget's next unanswered request to the fake worker, checks its type, and answers it. */
export async function answer(type: string, result: (c: FakeCall) => unknown): Promise<FakeCall> {
  for (let i = 0; i < 100 && calls.length <= answered; i++) await settle();
  const c = calls[answered++];
  expect(c?.type).toBe(type);
  c.finish(result(c));
  await settle();
  return c;
}

/** Renders a shell as the Chinese page has it and starts its element (module `load`) with the page in Chinese. */
export async function mountZh(shell: Shell, load: () => Promise<unknown>, props: Record<string, unknown> = {}) {
  const html = await renderChinese(shell, props);
  forgetCalls();
  document.documentElement.lang = 'zh-Hans';
  document.body.innerHTML = html;
  await load();
  await settle();
  return document.body.firstElementChild as HTMLElement;
}

/** The page back in English and empty (use in afterEach). */
export function unmountZh() {
  document.documentElement.lang = 'en';
  document.body.replaceChildren();
}

/** The words a reader sees, without text marked English by nature (lang="en"), scripts and styles. */
export function shownWords(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const en of copy.querySelectorAll('[lang="en"], script, style')) en.remove();
  return copy.textContent ?? '';
}

/** jsdom has no matchMedia: one that prefers reduced motion, so animated steps run at once. */
export function stubMatchMedia() {
  window.matchMedia ??= ((q: string) => ({ matches: true, media: q }) as MediaQueryList) as typeof window.matchMedia;
}
