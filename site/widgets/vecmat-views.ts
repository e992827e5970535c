// <vecmat-views>: the browser half of VecMatViews.astro. When the figure nears the viewport it reads its props
// from data-* attributes, applies the URL state (?<key>.x=…), enables the controls, and from then on redraws the
// figure from vecmat-views-model.ts on every change, keeping the URL in step.
import type { ViewName } from '../../lib/vecmat.ts';
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { prefersReducedMotion, whenNear } from '../lib-client/when-near.ts';
import {
  KATEX_OPTIONS,
  LIMIT,
  M,
  N,
  VECMAT_EXTRA_CONTROLS,
  VECMAT_SPEC,
  baseMatrix,
  fmt,
  frame,
  sub,
  toRows,
  totalSteps,
  type VecMatState,
  type VecmatValues,
} from './vecmat-views-model.ts';

type Katex = typeof import('katex').default;

const PLAY_MS: Record<ViewName, number> = { elements: 450, rows: 1100, columns: 800 };
const numberList = (s: string | undefined) => (s ? s.split(',').map(Number) : []);

class VecMatViews extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #katex?: Katex;
  #url?: UrlBinding<typeof VECMAT_SPEC>;
  #key = 'vecmat';
  #prop!: { x: number[]; seed: number; view: ViewName; w?: number[]; skip: number[] };
  #state!: VecMatState;
  #seed = 1;
  #urlNotes: string[] = [];
  #inputNote = '';
  #timer?: ReturnType<typeof setInterval>;
  #summaryTimer?: ReturnType<typeof setTimeout>;

  connectedCallback() {
    if (!this.#started) this.#cancelNear = whenNear(this, () => void this.#start());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#pause();
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`vecmat-views: missing ${sel}`);
    return el;
  }
  #qa<T extends Element = HTMLInputElement>(sel: string): T[] {
    return [...this.querySelectorAll<T>(sel)];
  }

  async #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    this.#key = d.key ?? 'vecmat';
    this.#prop = {
      x: numberList(d.x),
      seed: Number(d.seed ?? 1),
      view: (d.view as ViewName) ?? 'rows',
      w: d.w ? numberList(d.w) : undefined,
      skip: numberList(d.skip),
    };
    const defaults = this.#defaults(this.#prop.seed);
    this.#url = bindUrlState(this.#key, VECMAT_SPEC, defaults, { extraControls: VECMAT_EXTRA_CONTROLS });
    const v = this.#url.values;
    this.#seed = v.seed;
    const W = this.#url.fromUrl.has('w') ? toRows(v.w) : this.#base(v.seed);
    // Copies: editing the state must never change the defaults that URL writing compares against.
    this.#state = { x: [...v.x], W, view: v.view, skip: v.skip.map((j) => j - 1), pos: totalSteps(v.view) };
    this.#urlNotes = this.#url.notes;

    try {
      this.#katex = (await import('katex')).default;
    } catch {
      this.#urlNotes = [...this.#urlNotes, 'The equation renderer failed to load; equations are shown as plain text.'];
    }
    this.#wire();
    this.#applyHidden(this.#url.hidden);
    this.#render();
    this.dataset.ready = 'true';
  }

  #base(seed: number) {
    return baseMatrix(seed, this.#prop.seed, this.#prop.w && toRows(this.#prop.w));
  }

  /** The values that are left out of the URL: the props, with the W that the current seed stands for. */
  #defaults(seed: number): VecmatValues {
    return {
      x: this.#prop.x,
      w: this.#base(seed).flat(),
      seed: this.#prop.seed,
      view: this.#prop.view,
      skip: this.#prop.skip,
    };
  }

  #wire() {
    for (const el of this.#qa<HTMLInputElement | HTMLButtonElement>('input, button')) el.disabled = false;

    for (const input of this.#qa('input[data-x]')) {
      const i = Number(input.dataset.x);
      input.addEventListener('input', () => this.#numberInput(input, `x${sub(i)}`, (v) => (this.#state.x[i] = v)));
      input.addEventListener('change', () => this.#settle(input));
    }
    for (const input of this.#qa('input[data-w]')) {
      const [i, j] = input.dataset.w!.split(',').map(Number);
      input.addEventListener('input', () =>
        this.#numberInput(input, `W row ${i + 1}, column ${j + 1}`, (v) => (this.#state.W[i][j] = v)),
      );
      input.addEventListener('change', () => this.#settle(input));
    }
    for (const radio of this.#qa(`input[name="${this.#key}-view"]`)) {
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        this.#pause();
        this.#state.view = radio.value as ViewName;
        this.#state.pos = totalSteps(this.#state.view);
        this.#changed();
      });
    }
    for (const box of this.#qa('input[data-skip]')) {
      box.addEventListener('change', () => {
        const j = Number(box.dataset.skip);
        const s = new Set(this.#state.skip);
        if (box.checked) s.add(j);
        else s.delete(j);
        this.#state.skip = [...s].sort((a, b) => a - b);
        this.#changed();
      });
    }
    const seedInput = this.#q<HTMLInputElement>(`#${this.#key}-seed`);
    seedInput.addEventListener('input', () => {
      const v = Number(seedInput.value);
      const ok = seedInput.value.trim() !== '' && Number.isInteger(v) && v >= 0 && v <= 99999;
      seedInput.setAttribute('aria-invalid', String(!ok));
      this.#inputNote = ok ? '' : 'The seed must be a whole number from 0 to 99999.';
      if (ok) this.#setSeed(v);
      else this.#renderNotes();
    });
    seedInput.addEventListener('change', () => this.#settle(seedInput));
    this.#q('[data-action="randomize"]').addEventListener('click', () => this.#setSeed((this.#seed + 1) % 100000));
    this.#q('[data-action="step"]').addEventListener('click', () => {
      this.#pause();
      const total = totalSteps(this.#state.view);
      this.#state.pos = this.#state.pos >= total ? 1 : this.#state.pos + 1;
      this.#render();
    });
    this.#q('[data-action="play"]').addEventListener('click', () => (this.#timer ? this.#pause() : this.#play()));
    this.#q('[data-action="reset"]').addEventListener('click', () => {
      this.#pause();
      this.#state.pos = 0;
      this.#render();
    });
  }

  #numberInput(input: HTMLInputElement, name: string, set: (v: number) => void) {
    const raw = input.value.trim();
    const v = Number(raw);
    const ok = raw !== '' && Number.isFinite(v) && v >= -LIMIT && v <= LIMIT;
    input.setAttribute('aria-invalid', String(!ok));
    this.#inputNote = ok ? '' : `${name} must be a number from −${LIMIT} to ${LIMIT}; keeping ${name} as it was.`;
    if (ok) {
      set(Math.round(v * 100) / 100 + 0);
      this.#pause();
      this.#state.pos = totalSteps(this.#state.view);
      this.#changed();
    } else this.#renderNotes();
  }

  /** On leaving an input, show the value actually in use and drop any complaint about it. */
  #settle(input: HTMLInputElement) {
    input.removeAttribute('aria-invalid');
    this.#inputNote = '';
    this.#render();
  }

  #setSeed(seed: number) {
    this.#seed = seed;
    this.#state.W = this.#base(seed);
    this.#pause();
    this.#state.pos = totalSteps(this.#state.view);
    this.#changed();
  }

  #play() {
    const total = totalSteps(this.#state.view);
    if (prefersReducedMotion()) {
      // No animation: show the finished product; Step still walks through it one step at a time.
      this.#state.pos = total;
      this.#render('Reduced motion is on, so Play shows the result at once; use Step to go one step at a time.');
      return;
    }
    if (this.#state.pos >= total) this.#state.pos = 0;
    const play = this.#q('[data-action="play"]');
    play.textContent = 'Pause';
    play.setAttribute('aria-pressed', 'true');
    const tick = () => {
      this.#state.pos += 1;
      this.#render();
      if (this.#state.pos >= totalSteps(this.#state.view)) this.#pause();
    };
    tick();
    this.#timer = setInterval(tick, PLAY_MS[this.#state.view]);
  }

  #pause() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    const play = this.querySelector('[data-action="play"]');
    if (play) {
      play.textContent = 'Play';
      play.setAttribute('aria-pressed', 'false');
    }
  }

  /** Something the URL records changed: redraw and write the URL. */
  #changed() {
    this.#render();
    const s = this.#state;
    const values: VecmatValues = { x: s.x, w: s.W.flat(), seed: this.#seed, view: s.view, skip: s.skip.map((j) => j + 1) };
    this.#url?.write(values, this.#defaults(this.#seed));
  }

  #applyHidden(hidden: Set<string>) {
    for (const name of hidden) {
      if (name === 'x' || name === 'w') {
        for (const input of this.#qa(`input[data-${name}]`)) input.readOnly = true;
      } else {
        for (const el of this.#qa<HTMLElement>(`[data-control="${name}"]`)) {
          el.hidden = true;
          el.dataset.hiddenByUrl = 'true';
        }
      }
    }
  }

  #renderNotes() {
    const box = this.#q('[data-notes]');
    const notes = [...this.#urlNotes, ...(this.#inputNote ? [this.#inputNote] : [])];
    box.replaceChildren(
      ...notes.map((n) => {
        const p = document.createElement('p');
        p.textContent = n;
        return p;
      }),
    );
  }

  #render(extraStepText?: string) {
    const s = this.#state;
    const f = frame(s);
    const active = document.activeElement;

    this.#q('.vm-grid-wrap').dataset.view = s.view;
    for (const radio of this.#qa(`input[name="${this.#key}-view"]`)) radio.checked = radio.value === s.view;
    const seedInput = this.#q<HTMLInputElement>(`#${this.#key}-seed`);
    if (seedInput !== active) seedInput.value = String(this.#seed);

    for (let i = 0; i < N; i++) {
      const xi = this.#q<HTMLInputElement>(`input[data-x="${i}"]`);
      if (xi !== active) xi.value = fmt(s.x[i]);
      this.#q(`tr[data-row="${i}"]`).dataset.state = f.rows[i];
      for (let j = 0; j < M; j++) {
        const td = this.#q(`td[data-cell="${i},${j}"]`);
        td.dataset.state = f.cells[i][j];
        const w = td.querySelector('input')!;
        if (w !== active) w.value = fmt(s.W[i][j]);
        const shown = s.view === 'elements' && (f.cells[i][j] === 'done' || f.cells[i][j] === 'active');
        td.querySelector('.vm-prod')!.textContent = shown ? fmt(f.products[i][j]) : '';
      }
    }
    for (let j = 0; j < M; j++) {
      const td = this.#q(`td[data-y="${j}"]`);
      td.dataset.state = f.cols[j];
      td.querySelector('output')!.textContent = f.y[j] === null ? '·' : fmt(f.y[j]!);
      this.#q<HTMLInputElement>(`input[data-skip="${j}"]`).checked = s.skip.includes(j);
    }
    const known = this.#q('tr.vm-known');
    known.hidden = s.view !== 'columns' || known.dataset.hiddenByUrl === 'true';

    const eq = this.#q('[data-eq]');
    if (this.#katex) this.#katex.render(f.tex, eq, KATEX_OPTIONS);
    else eq.textContent = f.tex;
    this.#q('[data-step-text]').textContent = extraStepText ?? f.stepText;
    this.#q('[data-cost]').textContent = f.costText;
    const warn = this.#q('[data-warn]');
    warn.textContent = f.warnings.join(' ');
    warn.hidden = f.warnings.length === 0;
    this.#renderNotes();

    // Announce a short summary once the reader pauses, not on every keystroke or animation frame.
    clearTimeout(this.#summaryTimer);
    this.#summaryTimer = setTimeout(() => (this.#q('[data-summary]').textContent = f.summary), this.#timer ? 1500 : 400);
  }
}

if (!customElements.get('vecmat-views')) customElements.define('vecmat-views', VecMatViews);
