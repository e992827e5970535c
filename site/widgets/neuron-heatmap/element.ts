// <neuron-heatmap>: the browser half of NeuronHeatmap.astro. When the figure nears the viewport it takes over the
// static first view (the build-time measurement of the default prompt). Editing the prompt runs it through the model
// in the page's worker (`sparsity.tracePrompt`); only the latest prompt is kept while one is in flight, so typing or
// pasting a whole book never queues work. Layer, column order and the selected token redraw from the last answer.
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { count, percent, tokenChip } from '../_kit/format.ts';
import type { ResultOf } from '../../worker/client.ts';
import type { ModelName } from '../../worker/models.ts';
import { zeroChart } from './chart.ts';
import { firedCount, heatPath, layerText, neuronColumns, rowHeight, tokenText, zeroStats } from './model.ts';
import { HEATMAP_TOKENS, schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

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
    const data = (this.#data = this.json<Shipped>());
    if (!data || !this.dataset.model) return;
    this.#shown = data.heatmap;
    if (this.values.layer > data.nLayer - 1) {
      this.note(
        `${this.key}.layer=${this.values.layer}: the model has layers 0 to ${data.nLayer - 1}; showing layer ${data.nLayer - 1}.`,
      );
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
      (err) => this.fail(err, 'Could not run the prompt'),
    );
    this.bind('prompt', (prompt) => {
      // The heatmap is the previous prompt's until this one has run: marked as such through the debounce and the run.
      markStale(this, `Running your prompt through ${this.dataset.model}…`);
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
      return s && zeroChart(s.zeroFraction[l], l, Math.min(this.values.token, s.tokens.length - 1), { width });
    });
    if (this.values.prompt !== data.heatmap.prompt) this.#submit(this.values.prompt ?? '');
    else this.state = 'done';
  }

  #submit(prompt: string) {
    if (prompt.trim() === '') {
      this.#setRunNote('Type a prompt: the heatmap needs at least one token.');
      return;
    }
    markStale(this, `Running your prompt through ${this.dataset.model}…`);
    this.#runs?.submit(prompt);
  }

  async #answer(prompt: string, r: ResultOf<'sparsity.tracePrompt'>) {
    if (prompt === this.values.prompt) clearStale(this);
    this.#shown = r;
    this.#gen++;
    this.dataset.tokens = String(r.tokens.length);
    this.#setRunNote(this.#truncationNote(r, prompt.length));
    const backend = await this.worker().ready;
    this.progress(
      `Measured in your browser on ${this.dataset.model} (${backend.name} backend): ${r.tokens.length} token${r.tokens.length === 1 ? '' : 's'}.`,
    );
    this.update();
  }

  #setRunNote(text: string) {
    const old = this.#runNote;
    this.#runNote = text;
    this.clearNotes((n) => n !== old);
    if (text) this.note(text);
  }

  #truncationNote(r: ResultOf<'sparsity.tracePrompt'>, typedChars: number): string {
    const max = schema.params.prompt.maxLength;
    const notes: string[] = [];
    if (typedChars > max)
      notes.push(
        `A link to this page keeps prompts of up to ${max} characters, so this one is not saved in the address.`,
      );
    if (typedChars > MAX_SEND_CHARS)
      notes.push(
        `Your text has ${count(typedChars)} characters; only the first ${count(MAX_SEND_CHARS)} were tokenized.`,
      );
    if (r.totalTokens > r.tokens.length) {
      notes.push(
        `The prompt is ${count(r.totalTokens)} tokens long; the heatmap shows the first ${r.tokens.length} (about ${count(r.charsShown)} characters), the model's context.`,
      );
    }
    return notes.join(' ');
  }

  update() {
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
    map.setAttribute('aria-label', layerText(l, T, z));
    this.find('.nh-axis span').textContent = `neuron ${this.values.order === 'hot' ? '(hottest first)' : '0'}`;

    const token = this.control('token');
    token.max = String(T - 1);
    token.value = String(t);
    this.find('[data-out="token"]').textContent = `${t} of 0–${T - 1}`;
    const chips = this.find('[data-tokens]');
    const stamp = `${this.#gen}/${l}`;
    if (chips.dataset.stamp !== stamp) {
      chips.replaceChildren(
        ...s.tokens.map((tok, i) => {
          const c = document.createElement('span');
          c.className = 'kit-chip nh-tok';
          c.dataset.i = String(i);
          c.title = `token ${i}: ${percent(s.zeroFraction[l][i])} zeros`;
          c.textContent = tokenChip(tok.text);
          return c;
        }),
      );
      chips.dataset.stamp = stamp;
    }
    for (const c of chips.children) (c as HTMLElement).dataset.selected = c === chips.children[t] ? 'true' : 'false';

    const fired = firedCount(s.bits[l], s.words, t, F);
    const text = tokenText(s.tokens[t], t, l, fired, F);
    this.find('[data-out="fired"]').textContent = text.fired;
    this.find('[data-out="skipped"]').textContent = text.skipped;
    this.find('[data-out="layer"]').textContent = layerText(l, T, z);
    this.dataset.fired = String(fired);
    this.summary(`${layerText(l, T, z)} ${text.fired} ${text.skipped}`);
    this.redraw('chart');
  }
}

defineElement(schema, NeuronHeatmap);
