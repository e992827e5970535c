// <neuron-heatmap>: the browser half of NeuronHeatmap.astro. When the figure nears the viewport it takes over the
// static first view (the build-time measurement of the default prompt). Editing the prompt runs it through the model
// in the page's worker (`sparsity.tracePrompt`); only the latest prompt is kept while one is in flight, so typing or
// pasting a whole book never queues work. Layer, column order and the selected token redraw from the last answer.
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { tokenChip } from '../_kit/format.ts';
import type { ResultOf } from '../../worker/client.ts';
import type { ModelName } from '../../worker/models.ts';
import { zeroChart } from './chart.ts';
import { firedCount, heatPath, neuronColumns, rowHeight, zeroStats } from './model.ts';
import { HEATMAP_TOKENS, schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

/** Characters sent to the worker at most; the rest of a huge paste never leaves the page. */
const MAX_SEND_CHARS = 50_000;

interface Shown {
  tokens: { id: number; text: string }[];
  words: number;
  bits: ArrayLike<number>[];
  zeroFraction: ArrayLike<number>[];
}
interface Shipped {
  frequency: number[][];
  heatmap: Shown & { prompt: string };
  nFfn: number;
  nLayer: number;
}

class NeuronHeatmap extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: Shipped;
  #shown?: Shown;
  #runs?: Jobs<string>;
  #debounce?: ReturnType<typeof setTimeout>;
  /** Bumped with every new answer, so the token chips are rebuilt only when the tokens change. */
  #gen = 0;
  #runNote = '';

  start() {
    const say = text[this.lang];
    const data = (this.#data = this.json<Shipped>());
    if (!data || !this.dataset.model) return;
    this.#shown = data.heatmap;
    if (this.values.layer > data.nLayer - 1) {
      this.note(say.layerClamped(this.key, this.values.layer, data.nLayer - 1));
      this.values = { ...this.values, layer: data.nLayer - 1 };
    }
    const worker = this.worker();
    this.#runs = this.jobs(
      (prompt: string) =>
        worker.request(
          'sparsity.tracePrompt',
          { model: this.dataset.model as ModelName, text: prompt.slice(0, MAX_SEND_CHARS), maxTokens: HEATMAP_TOKENS },
          { onProgress: (p) => this.progress(p.message) },
        ),
      (prompt, r) => void this.#answer(prompt, r),
      (err) => this.fail(err, say.couldNotRun),
    );
    this.bind('prompt', (prompt) => {
      // The heatmap is the previous prompt's until this one has run: marked as such through the debounce and the run.
      markStale(this, say.running(this.dataset.model ?? ''));
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#submit(prompt ?? ''), 350);
    });
    this.onStop(() => clearTimeout(this.#debounce));
    this.bind('layer');
    this.bind('order');
    this.bind('token');
    this.listen(this.find('[data-tokens]'), 'click', (e: MouseEvent) => {
      const chip = (e.target as HTMLElement).closest<HTMLElement>('[data-i]');
      if (chip) this.set({ token: Number(chip.dataset.i) });
    });
    const map = this.find<SVGSVGElement>('[data-map]');
    this.listen(map, 'click', (e: MouseEvent) => {
      const T = this.#shown?.tokens.length ?? 0;
      const r = map.getBoundingClientRect();
      if (T && r.height > 0)
        this.set({ token: Math.min(T - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * T))) });
    });
    this.chart('chart', (width) => {
      const s = this.#shown;
      const l = this.values.layer;
      return (
        s && zeroChart(s.zeroFraction[l], l, Math.min(this.values.token, s.tokens.length - 1), { width }, this.lang)
      );
    });
    if (this.values.prompt !== data.heatmap.prompt) this.#submit(this.values.prompt ?? '');
    else this.state = 'done';
  }

  #submit(prompt: string) {
    const say = text[this.lang];
    if (prompt.trim() === '') {
      this.#setRunNote(say.emptyPrompt);
      return;
    }
    markStale(this, say.running(this.dataset.model ?? ''));
    this.#runs?.submit(prompt);
  }

  async #answer(prompt: string, r: ResultOf<'sparsity.tracePrompt'>) {
    if (prompt === this.values.prompt) clearStale(this);
    this.#shown = r;
    this.#gen++;
    this.dataset.tokens = String(r.tokens.length);
    this.#setRunNote(this.#truncationNote(r, prompt.length));
    const backend = await this.worker().ready;
    this.progress(text[this.lang].measured(this.dataset.model ?? '', backend.name, r.tokens.length));
    this.update();
  }

  #setRunNote(text: string) {
    const old = this.#runNote;
    this.#runNote = text;
    this.clearNotes((n) => n !== old);
    if (text) this.note(text);
  }

  #truncationNote(r: ResultOf<'sparsity.tracePrompt'>, typedChars: number): string {
    const say = text[this.lang];
    const max = schema.params.prompt.maxLength;
    const notes: string[] = [];
    if (typedChars > max) notes.push(say.notSaved(max));
    if (typedChars > MAX_SEND_CHARS) notes.push(say.sentOnly(typedChars, MAX_SEND_CHARS));
    if (r.totalTokens > r.tokens.length) notes.push(say.cutToContext(r.totalTokens, r.tokens.length, r.charsShown));
    return notes.join(this.lang === 'zh' ? '' : ' ');
  }

  update() {
    const say = text[this.lang];
    const s = this.#shown;
    const data = this.#data;
    if (!s || !data) return;
    const T = s.tokens.length;
    const F = data.nFfn;
    const l = Math.min(this.values.layer, data.nLayer - 1);
    const t = Math.min(this.values.token, T - 1);
    const map = this.find<SVGSVGElement>('[data-map]');
    map.setAttribute('viewBox', `0 0 ${F} ${T}`);
    map.style.height = `${T * rowHeight(T)}px`;
    this.find('[data-map] .nh-bg').setAttribute('height', String(T));
    this.find('[data-path]').setAttribute(
      'd',
      heatPath(s.bits[l], s.words, T, F, neuronColumns(F, this.values.order, data.frequency[l])),
    );
    this.find('[data-sel]').setAttribute('y', String(t));
    const z = zeroStats(s.zeroFraction[l]);
    map.setAttribute('aria-label', say.layer(l, T, z));
    this.find('.nh-axis span').textContent = say.axis(this.values.order === 'hot');

    const token = this.control('token');
    token.max = String(T - 1);
    token.value = String(t);
    this.find('[data-out="token"]').textContent = say.tokenOut(t, T - 1);
    const chips = this.find('[data-tokens]');
    const stamp = `${this.#gen}/${l}`;
    if (chips.dataset.stamp !== stamp) {
      chips.replaceChildren(
        ...s.tokens.map((tok, i) => {
          const c = document.createElement('span');
          c.className = 'kit-chip nh-tok';
          c.dataset.i = String(i);
          c.title = say.chipTitle(i, s.zeroFraction[l][i]);
          const word = c.appendChild(document.createElement('span'));
          word.lang = 'en'; // a token of the prompt: English in both editions
          word.textContent = tokenChip(tok.text);
          return c;
        }),
      );
      chips.dataset.stamp = stamp;
    }
    for (const c of chips.children) (c as HTMLElement).dataset.selected = c === chips.children[t] ? 'true' : 'false';

    const fired = firedCount(s.bits[l], s.words, t, F);
    const sel = say.token(s.tokens[t], t, l, fired, F);
    this.find('[data-out="fired"]').textContent = sel.fired;
    this.find('[data-out="skipped"]').textContent = sel.skipped;
    this.find('[data-out="layer"]').textContent = say.layer(l, T, z);
    this.dataset.fired = String(fired);
    this.summary(say.summary(say.layer(l, T, z), sel.fired, sel.skipped));
    this.redraw('chart');
  }
}

defineElement(schema, NeuronHeatmap);
