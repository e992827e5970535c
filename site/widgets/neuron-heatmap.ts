// <neuron-heatmap>: the browser half of NeuronHeatmap.astro. When the figure nears the viewport it takes over the
// static first view (the build-time measurement of the default prompt). Editing the prompt runs it through the
// model in the page's worker (`sparsity.heatmap`); only the latest prompt is kept while one is in flight, so typing
// or pasting a whole book never queues work. Layer, column order and the selected token redraw from the last answer.
import type { ZeroPoint } from '../charts/zero-fraction-chart.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker, type ResultOf } from '../worker/client.ts';
import type { ModelName } from '../worker/models.ts';
import { chipText } from './model-playground-model.ts';
import {
  HEATMAP_TOKENS, MAX_URL_PROMPT, firedCount, heatPath, layerText, neuronColumns, readHeatmapState, rowHeight, tokenText, writeHeatmapState, zeroStats,
  type HeatmapValues,
} from './neuron-heatmap-model.ts';
import { grouped, percent } from './vecmat-scale-model.ts';

/** Characters sent to the worker at most; the rest of a huge paste never leaves the page. */
const MAX_SEND_CHARS = 50_000;

interface Shown {
  tokens: { id: number; text: string }[];
  words: number;
  bits: ArrayLike<number>[];
  zeroFraction: ArrayLike<number>[];
}

let charts: Promise<typeof import('../charts/zero-fraction-chart.ts')> | undefined;

class NeuronHeatmap extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #key = 'heat';
  #v!: HeatmapValues;
  #defaults!: HeatmapValues;
  #nFfn = 512;
  #nLayer = 4;
  #model = '';
  #frequency?: number[][];
  #shown?: Shown;
  #notes: string[] = [];
  #runNote = '';
  #pending: string | null = null;
  #running = false;
  #debounce?: ReturnType<typeof setTimeout>;
  #urlTimer?: ReturnType<typeof setTimeout>;
  #resize?: ResizeObserver;
  #lastWidth = 0;
  /** Bumped with every new answer, so the token chips are rebuilt only when the tokens change. */
  #gen = 0;

  connectedCallback() {
    if (!this.#started) this.#cancelNear = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#resize?.disconnect();
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`neuron-heatmap: missing ${sel}`);
    return el;
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    this.#key = d.key ?? 'heat';
    this.#model = d.model ?? '';
    this.#nFfn = Number(d.nffn) || 512;
    this.#nLayer = Number(d.nlayer) || 4;
    const json = JSON.parse(this.#q('script[data-json]').textContent || 'null') as { frequency: number[][]; heatmap: Shown & { prompt: string } } | null;
    this.#frequency = json?.frequency;
    if (json) this.#shown = json.heatmap;
    const prompt = json?.heatmap.prompt ?? '';
    this.#defaults = { layer: Number(d.layer), token: Number(d.token), order: d.order === 'index' ? 'index' : 'hot', prompt };
    const st = readHeatmapState(this.#key, this.#defaults, location.search);
    this.#v = { ...st.values, layer: Math.min(st.values.layer, this.#nLayer - 1) };
    if (st.values.layer > this.#nLayer - 1) st.notes.push(`${this.#key}.layer=${st.values.layer}: the model has layers 0 to ${this.#nLayer - 1}; showing layer ${this.#v.layer}.`);
    const backendNote = backendUrlNote();
    this.#notes = [...st.notes, ...(backendNote ? [backendNote] : [])];
    for (const name of st.hidden) for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;

    const text = this.#q<HTMLTextAreaElement>(`#${this.#key}-prompt`);
    const layer = this.#q<HTMLSelectElement>(`#${this.#key}-layer`);
    const order = this.#q<HTMLSelectElement>(`#${this.#key}-order`);
    const token = this.#q<HTMLInputElement>(`#${this.#key}-token`);
    text.value = this.#v.prompt;
    layer.value = String(this.#v.layer);
    order.value = this.#v.order;
    text.addEventListener('input', () => {
      this.#v.prompt = text.value;
      this.#writeUrl();
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#enqueue(text.value), 350);
    });
    layer.addEventListener('change', () => this.#set({ layer: Number(layer.value) }));
    order.addEventListener('change', () => this.#set({ order: order.value === 'index' ? 'index' : 'hot' }));
    token.addEventListener('input', () => this.#set({ token: Number(token.value) }));
    this.#q('[data-tokens]').addEventListener('click', (e) => {
      const chip = (e.target as HTMLElement).closest<HTMLElement>('[data-i]');
      if (chip) this.#set({ token: Number(chip.dataset.i) });
    });
    const map = this.#q<SVGSVGElement>('[data-map]');
    map.addEventListener('click', (e) => {
      const T = this.#shown?.tokens.length ?? 0;
      const r = map.getBoundingClientRect();
      if (T && r.height > 0) this.#set({ token: Math.min(T - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * T))) });
    });
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) el.disabled = !this.#model;

    this.#resize = new ResizeObserver(() => {
      const w = this.#q('[data-chart]').clientWidth;
      if (Math.abs(w - this.#lastWidth) > 8) void this.#drawChart();
    });
    this.#resize.observe(this.#q('[data-chart]'));
    this.dataset.ready = 'true';
    this.#renderNotes();
    if (!this.#model) return;
    if (this.#v.prompt !== prompt || !this.#shown) this.#enqueue(this.#v.prompt);
    else {
      this.dataset.state = 'done';
      this.#render();
    }
  }

  #set(change: Partial<HeatmapValues>) {
    this.#v = { ...this.#v, ...change };
    this.#writeUrl();
    this.#render();
  }

  #writeUrl() {
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => {
      try {
        const q = writeHeatmapState(this.#key, this.#v, this.#defaults, location.search);
        history.replaceState(history.state, '', `${location.pathname}${q}${location.hash}`);
      } catch {
        // the URL just stays as it was
      }
    }, 300);
  }

  /** Keep only the latest prompt; the one in flight finishes first. */
  #enqueue(prompt: string) {
    this.#pending = prompt;
    if (!this.#running) void this.#drain();
  }

  async #drain() {
    this.#running = true;
    const worker = modelWorker();
    try {
      while (this.#pending !== null) {
        const prompt = this.#pending;
        this.#pending = null;
        if (prompt.trim() === '') {
          this.#runNote = 'Type a prompt: the heatmap needs at least one token.';
          this.#renderNotes();
          continue;
        }
        this.dataset.state = 'running';
        this.#progress(`Running your prompt through ${this.#model}…`);
        try {
          const r: ResultOf<'sparsity.tracePrompt'> = await worker.request(
            'sparsity.tracePrompt',
            { model: this.#model as ModelName, text: prompt.slice(0, MAX_SEND_CHARS), maxTokens: HEATMAP_TOKENS },
            { onProgress: (p) => this.#progress(p.message) },
          );
          if (this.#pending !== null) continue; // a newer prompt is waiting; this answer is already stale
          this.#shown = r;
          this.#gen++;
          this.#runNote = this.#truncationNote(r, prompt.length);
          this.dataset.state = 'done';
          this.dataset.tokens = String(r.tokens.length);
          this.#progress(`Measured in your browser on ${this.#model} (${(await worker.ready).name} backend): ${r.tokens.length} token${r.tokens.length === 1 ? '' : 's'}.`);
          this.#renderNotes();
          this.#render();
        } catch (err) {
          this.dataset.state = 'error';
          this.#progress(`Could not run the prompt: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    } finally {
      this.#running = false;
    }
  }

  #truncationNote(r: ResultOf<'sparsity.tracePrompt'>, typedChars: number): string {
    const notes: string[] = [];
    if (typedChars > MAX_URL_PROMPT) notes.push(`A link to this page keeps prompts of up to ${MAX_URL_PROMPT} characters, so this one is not saved in the address.`);
    if (typedChars > MAX_SEND_CHARS) notes.push(`Your text has ${grouped(typedChars)} characters; only the first ${grouped(MAX_SEND_CHARS)} were tokenized.`);
    if (r.totalTokens > r.tokens.length) {
      notes.push(`The prompt is ${grouped(r.totalTokens)} tokens long; the heatmap shows the first ${r.tokens.length} (about ${grouped(r.charsShown)} characters), the model's context.`);
    }
    return notes.join(' ');
  }

  #render() {
    const s = this.#shown;
    if (!s) return;
    const T = s.tokens.length;
    const l = Math.min(this.#v.layer, this.#nLayer - 1);
    const t = Math.min(this.#v.token, T - 1);
    const F = this.#nFfn;
    const cols = neuronColumns(F, this.#v.order, this.#frequency?.[l]);
    const map = this.#q<SVGSVGElement>('[data-map]');
    map.setAttribute('viewBox', `0 0 ${F} ${T}`);
    map.style.height = `${T * rowHeight(T)}px`;
    this.#q('[data-map] .nh-bg').setAttribute('height', String(T));
    this.#q('[data-path]').setAttribute('d', heatPath(s.bits[l], s.words, T, F, cols));
    this.#q('[data-sel]').setAttribute('y', String(t));
    const z = zeroStats(s.zeroFraction[l]);
    map.setAttribute('aria-label', layerText(l, T, z));
    this.#q('.nh-axis span').textContent = `neuron ${this.#v.order === 'hot' ? '(hottest first)' : '0'}`;

    const token = this.#q<HTMLInputElement>(`#${this.#key}-token`);
    token.max = String(T - 1);
    token.value = String(t);
    this.#out('token', `${t + 1} of ${T}`);
    const chips = this.#q('[data-tokens]');
    const stamp = `${this.#gen}/${l}`;
    if (chips.dataset.stamp !== stamp) {
      chips.replaceChildren(...s.tokens.map((tok, i) => {
        const c = document.createElement('span');
        c.className = 'nh-tok';
        c.dataset.i = String(i);
        c.title = `token ${i + 1}: ${percent(s.zeroFraction[l][i])} zeros`;
        c.textContent = chipText(tok.text);
        return c;
      }));
      chips.dataset.stamp = stamp;
    }
    for (const c of chips.children) (c as HTMLElement).dataset.selected = c === chips.children[t] ? 'true' : 'false';

    const fired = firedCount(s.bits[l], s.words, t, F);
    const text = tokenText(s.tokens[t], t, l, fired, F);
    this.#out('fired', text.fired);
    this.#out('skipped', text.skipped);
    this.#out('layer', layerText(l, T, z));
    this.dataset.fired = String(fired);
    this.#q('[data-summary]').textContent = `${layerText(l, T, z)} ${text.fired} ${text.skipped}`;
    void this.#drawChart();
  }

  async #drawChart() {
    const host = this.#q('[data-chart]');
    const width = host.clientWidth;
    this.#lastWidth = width;
    const s = this.#shown;
    if (!s || width < 50 || host.closest('[hidden]')) return;
    const l = Math.min(this.#v.layer, this.#nLayer - 1);
    const data: ZeroPoint[] = Array.from(s.zeroFraction[l], (zeros, i) => ({ token: i + 1, zeros }));
    const { zeroFractionChart } = await (charts ??= import('../charts/zero-fraction-chart.ts'));
    const z = zeroStats(s.zeroFraction[l]);
    host.replaceChildren(zeroFractionChart(data, {
      width,
      selected: Math.min(this.#v.token, data.length - 1) + 1,
      ariaLabel: `Share of zero neurons per token in layer ${l}`,
      ariaDescription: layerText(l, data.length, z),
    }));
  }

  #renderNotes() {
    const notes = [...this.#notes, ...(this.#runNote ? [this.#runNote] : [])];
    this.#q('[data-notes]').replaceChildren(...notes.map((n) => {
      const p = document.createElement('p');
      p.textContent = n;
      return p;
    }));
  }

  #progress(text: string) {
    this.#q('[data-progress]').textContent = text;
  }

  #out(name: string, text: string) {
    this.#q(`[data-out="${name}"]`).textContent = text;
  }
}

if (!customElements.get('neuron-heatmap')) customElements.define('neuron-heatmap', NeuronHeatmap);
