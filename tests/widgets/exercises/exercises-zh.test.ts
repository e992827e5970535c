// @vitest-environment jsdom-ssr
// The exercises in the Chinese edition: <Exercises> and <Problem> rendered for a /zh/ page (Astro's container API),
// then exercises.ts run on them under <html lang="zh-Hans">. Every word the reader meets is Chinese where the
// English edition's is English: labels, buttons, the tolerance line, feedback, progress, hints and the reset.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterEach, describe, expect, it } from 'vitest';
import Exercises from '../../../site/components/exercises/Exercises.astro';
import Problem from '../../../site/components/exercises/Problem.astro';
import { startExercises } from '../../../site/components/exercises/exercises.ts';

const HAN = /\p{Script=Han}/u;

async function render(path: string) {
  const container = await AstroContainer.create();
  const request = new Request(`http://localhost${path}`);
  const problem = await container.renderToString(Problem, {
    props: { id: 'bytes', title: 'Bytes', kind: 'number', answer: 4096, tolerance: 0.02, unit: 'B' },
    slots: { default: '<p>How many?</p>', 'hint-1': '<p>h1</p>', 'hint-2': '<p>h2</p>', solution: '<p>4096.</p>' },
    request,
  });
  const html = await container.renderToString(Exercises, { slots: { default: problem }, request });
  document.body.innerHTML = html;
  const root = document.querySelector<HTMLElement>('[data-exercises]')!;
  return { root, p: root.querySelector<HTMLElement>('[data-problem]')! };
}

/** Types an answer, checks it, and returns what the feedback and status say. */
function answer(p: HTMLElement, value: string) {
  p.querySelector<HTMLInputElement>('[data-input]')!.value = value;
  p.querySelector<HTMLButtonElement>('[data-check-answer]')!.click();
  return {
    feedback: p.querySelector('[data-feedback]')!.textContent,
    status: p.querySelector('[data-status]')!.textContent,
  };
}

describe('exercises in both editions', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
    localStorage.clear();
  });

  it('the English page reads as before', async () => {
    document.documentElement.lang = 'en';
    const { root, p } = await render('/lessons/x/');
    startExercises(root);
    expect(p.querySelector('label')!.textContent).toBe('Your answer (B)');
    expect(p.querySelector('.ex-how')!.textContent).toBe('Checked to within ±2% of the answer.');
    expect(answer(p, '9000')).toEqual({ feedback: 'Not yet: that is too high.', status: '✗ not yet' });
    expect(root.querySelector('[data-ex-progress]')!.textContent).toBe('0 of 1 answered right.');
  });

  it('the Chinese page shows Chinese where the English page has English', async () => {
    document.documentElement.lang = 'zh-Hans';
    const { root, p } = await render('/zh/lessons/x/');
    expect(root.getAttribute('aria-label')).toBe('练习');
    expect(root.querySelector('[data-ex-progress]')!.textContent).toBe('核对答案需要 JavaScript。');
    startExercises(root);
    expect(p.querySelector('.ex-kind')!.textContent).toBe('计算');
    expect(p.querySelector('label')!.textContent).toBe('你的答案（B）');
    expect(p.querySelector('.ex-how')!.textContent).toBe('与答案相差不超过 ±2% 即算正确。');
    expect(p.querySelector('[data-show-hint]')!.textContent).toBe('显示提示 1/2');
    expect(answer(p, '9000')).toEqual({ feedback: '还不对：偏大了。', status: '✗ 还不对' });
    expect(answer(p, '4 MiB').feedback).toMatch(/^请只输入数字/);
    expect(answer(p, '4096')).toEqual({ feedback: '正确。', status: '✓ 正确' });
    expect(root.querySelector('[data-ex-progress]')!.textContent).toBe('1 题中答对 1 题。');
    p.querySelector<HTMLButtonElement>('[data-show-hint]')!.click();
    expect(p.querySelector('[data-show-hint]')!.textContent).toBe('显示提示 2/2');
    expect(p.querySelector('[data-answer-text]')!.textContent).toBe('答案：4096 B');
    expect(root.querySelector('[data-answer-sheet] h4')!.textContent).toBe('计算：Bytes');
    root.querySelector<HTMLButtonElement>('[data-reset]')!.click();
    expect(root.querySelector('[data-ex-progress]')!.textContent).toBe('1 题中答对 0 题。本页的答案已清除。');
    // Every button and label the reader sees is in Chinese.
    for (const el of root.querySelectorAll('button, label, .ex-label, .ex-intro'))
      expect(el.textContent, el.outerHTML).toMatch(HAN);
  });
});
