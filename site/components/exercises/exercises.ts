// The browser half of <Exercises> and <Problem>: answer checks, hints one at a time, the solution on request,
// progress in localStorage (one entry per lesson page), reset, the printable sheet, and ?solutions=hide.
import { pageLang } from '../../i18n/lang.ts';
import { compareNumber, compareSetting, readNumber, type Setting, type Verdict } from './check.ts';
import { text } from './text.ts';

interface Check {
  kind: 'number' | 'experiment' | 'explain';
  answer?: Setting;
  tolerance: number;
  widget?: string;
  param?: string;
  given: Record<string, string | number>;
}

/** What is kept per problem: the last text typed, the last verdict, how much was revealed. */
interface Saved {
  value?: string;
  status?: 'right' | 'wrong';
  hints?: number;
  solution?: boolean;
}

/** One key per lesson page, so progress in one lesson never touches another's. */
export const storageKey = (path: string) => `llmp-exercises:${path.replace(/\/index\.html$/, '/')}`;

function load(key: string): Record<string, Saved> {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {}; // unreadable (edited by hand, or storage refused): start afresh
  }
}

function save(key: string, all: Record<string, Saved>) {
  try {
    if (Object.keys(all).length) localStorage.setItem(key, JSON.stringify(all));
    else localStorage.removeItem(key);
  } catch {
    // private mode or a full quota: the page still works, progress is just not kept
  }
}

type Words = (typeof text)['en'];

const feedbackFor = (t: Words): Record<Exclude<Verdict, 'right'>, string> => ({
  high: t.tooHigh,
  low: t.tooLow,
  wrong: t.notIt,
  unreadable: t.unreadable,
});

/** The widget element with URL key `key` on this page, with its current values once it has started. */
function widgetValues(key: string): Record<string, unknown> | undefined | null {
  const host = document.querySelector(`.kit[data-key="${CSS.escape(key)}"]`) as
    | (Element & { values?: Record<string, unknown> })
    | null;
  if (!host) return null;
  return host.values;
}

export function startExercises(root: HTMLElement) {
  const t = text[pageLang()];
  const FEEDBACK = feedbackFor(t);
  const key = storageKey(location.pathname);
  const hideSolutions = new URLSearchParams(location.search).get('solutions') === 'hide';
  let all = load(key);
  const problems = [...root.querySelectorAll<HTMLElement>('[data-problem]')];
  const progress = root.querySelector<HTMLElement>('[data-ex-progress]')!;
  const sheet = root.querySelector<HTMLElement>('[data-answer-sheet]')!;
  const resets: (() => void)[] = [];

  const showProgress = () => {
    const right = problems.filter((p) => all[p.dataset.problem!]?.status === 'right').length;
    progress.textContent = t.progress(right, problems.length);
  };
  const store = (id: string, change: Partial<Saved>) => {
    all = { ...all, [id]: { ...all[id], ...change } };
    save(key, all);
    showProgress();
  };

  for (const p of problems) {
    const id = p.dataset.problem!;
    const check: Check = JSON.parse(p.dataset.check!);
    const input = p.querySelector<HTMLInputElement | HTMLTextAreaElement>('[data-input]');
    const checkButton = p.querySelector<HTMLButtonElement>('[data-check-answer]');
    const feedback = p.querySelector<HTMLElement>('[data-feedback]')!;
    const status = p.querySelector<HTMLElement>('[data-status]')!;
    const hints = [...p.querySelectorAll<HTMLElement>('[data-hint]')];
    const hintButton = p.querySelector<HTMLButtonElement>('[data-show-hint]');
    const solution = p.querySelector<HTMLElement>('[data-solution]')!;
    const solutionButton = p.querySelector<HTMLButtonElement>('[data-show-solution]')!;
    const self = p.querySelector<HTMLElement>('[data-self]');
    let asked = false; // the solution was asked for once before any attempt

    const showStatus = () => {
      const s = all[id]?.status;
      status.textContent = s === 'right' ? t.statusRight : s === 'wrong' ? t.statusWrong : '';
      p.dataset.status = s ?? '';
    };
    const showHints = () => {
      const n = all[id]?.hints ?? 0;
      hints.forEach((h, i) => {
        h.hidden = i >= n;
      });
      if (hintButton) {
        hintButton.hidden = n >= hints.length;
        hintButton.textContent = t.showHint(Math.min(n + 1, hints.length), hints.length);
      }
    };
    const showSolution = () => {
      const shown = !!all[id]?.solution;
      solution.hidden = !shown;
      solutionButton.hidden = shown;
      if (self) self.hidden = !shown;
    };
    const attempted = () => all[id]?.status !== undefined || (check.kind === 'explain' && !!input?.value.trim());

    const grade = (verdict: Verdict, text: string) => {
      feedback.textContent = text;
      feedback.dataset.verdict = verdict;
      if (verdict !== 'unreadable') store(id, { status: verdict === 'right' ? 'right' : 'wrong' });
      showStatus();
    };

    if (input) {
      input.value = all[id]?.value ?? '';
      input.disabled = false;
      input.addEventListener('input', () => store(id, { value: input.value }));
      if (check.kind === 'number')
        input.addEventListener('keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Enter') checkButton?.click();
        });
    }
    if (checkButton) {
      checkButton.disabled = false;
      checkButton.addEventListener('click', () => {
        if (check.kind === 'number') {
          const v = compareNumber(readNumber(input!.value), check.answer as number, check.tolerance);
          grade(v, v === 'right' ? t.right : FEEDBACK[v]);
          return;
        }
        const values = widgetValues(check.widget!);
        if (values === null) return grade('unreadable', t.noWidget(check.widget!));
        if (values === undefined) return grade('unreadable', t.notStarted);
        const off = Object.entries(check.given).filter(([k, v]) => String(values[k]) !== String(v));
        if (off.length)
          return grade(
            'wrong',
            t.givenOff(
              off.map(([k, v]) => `${k} = ${v}`).join(t.listSeparator),
              off.map(([k]) => `${k} = ${String(values[k])}`).join(t.listSeparator),
            ),
          );
        const now = String(values[check.param!]);
        const v = compareSetting(values[check.param!], check.answer!, check.tolerance);
        grade(v, v === 'right' ? t.settingRight(check.param!, now) : t.settingWrong(check.param!, now, FEEDBACK[v]));
      });
    }
    if (self)
      for (const b of self.querySelectorAll<HTMLButtonElement>('[data-self-grade]'))
        b.addEventListener('click', () => {
          const right = b.dataset.selfGrade === 'right';
          grade(right ? 'right' : 'wrong', right ? t.markedRight : t.markedWrong);
        });
    if (hintButton) {
      hintButton.disabled = false;
      hintButton.addEventListener('click', () => {
        store(id, { hints: Math.min(hints.length, (all[id]?.hints ?? 0) + 1) });
        showHints();
        hints[(all[id]?.hints ?? 1) - 1]?.focus();
      });
    }
    for (const h of hints) h.tabIndex = -1;
    solution.tabIndex = -1;
    solutionButton.disabled = false;
    solutionButton.addEventListener('click', () => {
      if (!attempted() && !asked) {
        asked = true;
        feedback.textContent = t.notTried;
        solutionButton.textContent = t.anyway(solutionButton.textContent ?? '');
        return;
      }
      store(id, { solution: true });
      showSolution();
      solution.focus();
    });
    if (hideSolutions) {
      hintButton?.remove();
      solutionButton.remove();
      solution.remove();
      self?.remove();
      for (const h of hints) h.remove();
    }
    resets.push(() => {
      if (input) input.value = '';
      feedback.textContent = '';
      delete feedback.dataset.verdict;
      asked = false;
      solutionButton.textContent = check.kind === 'explain' ? t.showModelAnswer : t.showSolution;
      showStatus();
      if (!hideSolutions) {
        showHints();
        showSolution();
      }
    });
    showStatus();
    if (!hideSolutions) {
      showHints();
      showSolution();
      // The printed answer sheet: each solution again, on a page of its own.
      const entry = document.createElement('div');
      entry.className = 'ex-sheet-entry';
      const title = document.createElement('h4');
      title.textContent = p.dataset.title ?? id;
      entry.append(title, ...[...solution.children].slice(1).map((c) => c.cloneNode(true)));
      sheet.append(entry);
    }
  }

  root.querySelector<HTMLElement>('[data-solutions-note]')!.hidden = !hideSolutions;
  const reset = root.querySelector<HTMLButtonElement>('[data-reset]')!;
  reset.disabled = false;
  reset.addEventListener('click', () => {
    all = {};
    save(key, all);
    for (const r of resets) r();
    showProgress();
    progress.textContent += t.cleared;
  });
  const print = root.querySelector<HTMLButtonElement>('[data-print]')!;
  print.disabled = false;
  print.addEventListener('click', () => {
    document.documentElement.classList.add('ex-printing');
    addEventListener('afterprint', () => document.documentElement.classList.remove('ex-printing'), { once: true });
    window.print();
  });
  sheet.hidden = hideSolutions; // on screen the sheet stays out of sight (CSS); in print it is the last page
  showProgress();
}
