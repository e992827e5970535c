// <vecmat-views>: the browser half of VecMatViews.astro. It applies the URL state over the props, enables the
// controls, and from then on redraws the figure from model.ts on every change, keeping the URL in step. W is the
// seeded matrix for the current seed unless the reader (or the URL) edited it; only an edited W goes into the URL.
import type { ViewName } from '../../../lib/vecmat.ts';
import { WidgetElement, defineElement, prefersReducedMotion } from '../_kit/element.ts';
import { KATEX_OPTIONS, LIMIT, M, N, baseMatrix, frame, sub, toRows, totalSteps, type VecMatState } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import { numberValue } from '../_kit/format.ts';

type Katex = typeof import('katex').default;

const PLAY_MS: Record<ViewName, number> = { elements: 450, rows: 1100, columns: 800 };
const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

class VecMatViews extends WidgetElement<typeof schema.params> {
  schema = schema;
  #katex?: Katex;
  #state!: VecMatState;
  #inputNote = '';
  #timer?: ReturnType<typeof setInterval>;
  #summaryTimer?: ReturnType<typeof setTimeout>;

  /** The seeded W for `seed`, or the props' W when the seed is the props' seed. */
  #base(seed: number) {
    const w = this.defaults.w;
    return baseMatrix(seed, this.defaults.seed, w && toRows(w));
  }

  async start() {
    const v = this.values;
    const W = this.fromUrl.has('w') && v.w ? toRows(v.w) : this.#base(v.seed);
    // Copies: editing the state must never change the defaults that URL writing compares against.
    this.#state = { x: [...v.x], W, view: v.view, skip: v.skip.map((j) => j - 1), pos: totalSteps(v.view) };
    try {
      this.#katex = (await import('katex')).default;
    } catch {
      this.note(text[this.lang].noKatex);
    }
    this.enableControls();
    this.#wire();
    for (const name of ['x', 'w'] as const)
      if (this.hiddenParams.has(name))
        for (const input of this.querySelectorAll<HTMLInputElement>(`input[data-${name}]`)) input.readOnly = true;
    this.onStop(() => {
      this.#pause();
      clearTimeout(this.#summaryTimer);
    });
  }

  #wire() {
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-x]')) {
      const i = Number(input.dataset.x);
      this.listen(input, 'input', () => this.#numberInput(input, `x${sub(i)}`, (v) => (this.#state.x[i] = v)));
      this.listen(input, 'change', () => this.#settle(input));
    }
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-w]')) {
      const [i, j] = input.dataset.w!.split(',').map(Number);
      this.listen(input, 'input', () =>
        this.#numberInput(input, text[this.lang].weightName(i, j), (v) => (this.#state.W[i][j] = v)),
      );
      this.listen(input, 'change', () => this.#settle(input));
    }
    for (const radio of this.querySelectorAll<HTMLInputElement>(`input[name="${this.key}-view"]`)) {
      this.listen(radio, 'change', () => {
        if (!radio.checked) return;
        this.#pause();
        this.#state.view = radio.value as ViewName;
        this.#state.pos = totalSteps(this.#state.view);
        this.#changed();
      });
    }
    for (const box of this.querySelectorAll<HTMLInputElement>('input[data-skip]')) {
      this.listen(box, 'change', () => {
        const j = Number(box.dataset.skip);
        const s = new Set(this.#state.skip);
        if (box.checked) s.add(j);
        else s.delete(j);
        this.#state.skip = [...s].sort((a, b) => a - b);
        this.#changed();
      });
    }
    const seedInput = this.control('seed');
    this.listen(seedInput, 'input', () => {
      const v = Number(seedInput.value);
      const ok = seedInput.value.trim() !== '' && Number.isInteger(v) && v >= 0 && v <= 99999;
      seedInput.setAttribute('aria-invalid', String(!ok));
      this.#setInputNote(ok ? '' : text[this.lang].badSeed);
      if (ok) this.#setSeed(v);
    });
    this.listen(seedInput, 'change', () => this.#settle(seedInput));
    this.listen(this.find('[data-action="randomize"]'), 'click', () => this.#setSeed((this.values.seed + 1) % 100000));
    this.listen(this.find('[data-action="step"]'), 'click', () => {
      this.#pause();
      const total = totalSteps(this.#state.view);
      this.#state.pos = this.#state.pos >= total ? 1 : this.#state.pos + 1;
      this.update();
    });
    this.listen(this.find('[data-action="play"]'), 'click', () => (this.#timer ? this.#pause() : this.#play()));
    this.listen(this.find('[data-action="reset"]'), 'click', () => {
      this.#pause();
      this.#state.pos = 0;
      this.update();
    });
  }

  #setInputNote(text: string) {
    const old = this.#inputNote;
    this.#inputNote = text;
    this.clearNotes((n) => n !== old);
    if (text) this.note(text);
  }

  #numberInput(input: HTMLInputElement, name: string, set: (v: number) => void) {
    const raw = input.value.trim();
    const v = Number(raw);
    const ok = raw !== '' && Number.isFinite(v) && v >= -LIMIT && v <= LIMIT;
    input.setAttribute('aria-invalid', String(!ok));
    this.#setInputNote(ok ? '' : text[this.lang].badNumber(name, LIMIT));
    if (ok) {
      set(Math.round(v * 100) / 100 + 0);
      this.#pause();
      this.#state.pos = totalSteps(this.#state.view);
      this.#changed();
    }
  }

  /** On leaving an input, show the value actually in use and drop any complaint about it. */
  #settle(input: HTMLInputElement) {
    input.removeAttribute('aria-invalid');
    this.#setInputNote('');
    this.update();
  }

  #setSeed(seed: number) {
    this.#state.W = this.#base(seed);
    this.values = { ...this.values, seed };
    this.#pause();
    this.#state.pos = totalSteps(this.#state.view);
    this.#changed();
  }

  #play() {
    const total = totalSteps(this.#state.view);
    if (prefersReducedMotion()) {
      // No animation: show the finished product; Step still walks through it one step at a time.
      this.#state.pos = total;
      this.#render(text[this.lang].reducedMotion);
      return;
    }
    if (this.#state.pos >= total) this.#state.pos = 0;
    const play = this.find('[data-action="play"]');
    play.textContent = text[this.lang].pause;
    play.setAttribute('aria-pressed', 'true');
    const tick = () => {
      this.#state.pos += 1;
      this.update();
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
      play.textContent = text[this.lang].play;
      play.setAttribute('aria-pressed', 'false');
    }
  }

  /** Something the URL records changed: set the values (W only when edited away from the seed's), then redraw. */
  #changed() {
    const s = this.#state;
    const w = s.W.flat();
    this.#render(); // at once: the figure answers in the same frame as the key press (set() redraws again next frame)
    this.set({
      x: [...s.x],
      w: same(w, this.#base(this.values.seed).flat()) ? undefined : w,
      view: s.view,
      skip: s.skip.map((j) => j + 1),
    });
  }

  update() {
    this.#render();
  }

  #render(extraStepText?: string) {
    const s = this.#state;
    if (!s) return;
    const f = frame(s, this.lang);
    const active = document.activeElement;

    this.find('.vm-grid-wrap').dataset.view = s.view;
    for (const radio of this.querySelectorAll<HTMLInputElement>(`input[name="${this.key}-view"]`))
      radio.checked = radio.value === s.view;
    const seedInput = this.control('seed');
    if (seedInput !== active) seedInput.value = String(this.values.seed);

    for (let i = 0; i < N; i++) {
      const xi = this.find<HTMLInputElement>(`input[data-x="${i}"]`);
      if (xi !== active) xi.value = numberValue(s.x[i]);
      this.find(`tr[data-row="${i}"]`).dataset.state = f.rows[i];
      for (let j = 0; j < M; j++) {
        const td = this.find(`td[data-cell="${i},${j}"]`);
        td.dataset.state = f.cells[i][j];
        const w = td.querySelector('input')!;
        if (w !== active) w.value = numberValue(s.W[i][j]);
        const shown = s.view === 'elements' && (f.cells[i][j] === 'done' || f.cells[i][j] === 'active');
        td.querySelector('.vm-prod')!.textContent = shown ? numberValue(f.products[i][j]) : '';
      }
    }
    for (let j = 0; j < M; j++) {
      const td = this.find(`td[data-y="${j}"]`);
      td.dataset.state = f.cols[j];
      td.querySelector('output')!.textContent = f.y[j] === null ? '·' : numberValue(f.y[j]!);
      this.find<HTMLInputElement>(`input[data-skip="${j}"]`).checked = s.skip.includes(j);
    }
    this.find('tr.vm-known').hidden = s.view !== 'columns' || this.hiddenParams.has('skip');

    const eq = this.find('[data-eq]');
    if (this.#katex) this.#katex.render(f.tex, eq, KATEX_OPTIONS);
    else eq.textContent = f.tex;
    this.find('[data-step-text]').textContent = extraStepText ?? f.stepText;
    this.find('[data-cost]').textContent = f.costText;
    const warn = this.find('[data-warn]');
    warn.textContent = f.warnings.join(' ');
    warn.hidden = f.warnings.length === 0;

    // Announce a short summary once the reader pauses, not on every keystroke or animation frame.
    clearTimeout(this.#summaryTimer);
    this.#summaryTimer = setTimeout(() => this.summary(f.summary), this.#timer ? 1500 : 400);
  }
}

defineElement(schema, VecMatViews);
