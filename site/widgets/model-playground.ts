// <model-playground>: the browser half of ModelPlayground.astro. Near the viewport it applies the URL state
// (?model.prompt=…), starts the page's model worker and loads the chosen model there (showing the bytes and
// whether they came from the browser's cache). Generate asks the worker for a session (generate.start) and then for a
// few tokens at a time (generate.next), drawing each as a chip as it arrives, until the count is reached or Stop.
import { nextTokenChart } from '../charts/next-token-chart.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker, type ResultOf } from '../worker/client.ts';
import {
  MAX_URL_PROMPT,
  PLAYGROUND_SPEC,
  chipText,
  formatP,
  quoteToken,
  readPlaygroundState,
  runSummary,
  stepSummary,
  writePlaygroundState,
  type PlaygroundValues,
  type StepToken,
} from './model-playground-model.ts';

type ModelName = PlaygroundValues['model'];
type Info = ResultOf<'model.info'>;

interface Run {
  model: ModelName;
  stopped: boolean;
  session?: number;
}

/** Tokens asked of the worker per generate.next: the first alone (so text appears at once), then a few at a time. */
const BATCH = 4;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;

class ModelPlayground extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #key = 'model';
  #defaults!: PlaygroundValues;
  #v!: PlaygroundValues;
  #hidden = new Set<string>();
  #urlNotes: string[] = [];
  #inputNote = '';
  #linkNote = '';
  #genNote = '';
  #urlTimer?: ReturnType<typeof setTimeout>;
  #loaded = new Map<ModelName, Promise<Info>>();
  /** What the Weights row says for each loaded model. */
  #weightsText = new Map<ModelName, string>();
  #run: Run | null = null;
  #steps: StepToken[] = [];
  #promptCount = 0;
  /** Generated token whose probabilities are shown (0-based); null follows the latest. */
  #selected: number | null = null;
  #frame = 0;
  #resize?: ResizeObserver;
  #lastWidth = 0;

  connectedCallback() {
    if (!this.#started) this.#cancelNear = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#resize?.disconnect();
    if (this.#run) this.#run.stopped = true;
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`model-playground: missing ${sel}`);
    return el;
  }
  #input<T extends HTMLElement = HTMLInputElement>(name: string): T {
    return this.#q<T>(`#${this.#key}-${name}`);
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    this.#key = d.key ?? 'model';
    this.#defaults = {
      model: (d.model as ModelName) ?? 'target-v1',
      prompt: d.prompt ?? 'Call me Ishmael.',
      temperature: Number(d.temperature),
      topk: Number(d.topk),
      seed: Number(d.seed),
      tokens: Number(d.tokens),
    };
    const state = readPlaygroundState(this.#key, this.#defaults, location.search);
    this.#v = { ...state.values };
    this.#hidden = state.hidden;
    const backendNote = backendUrlNote();
    this.#urlNotes = [...state.notes, ...(backendNote ? [backendNote] : [])];
    for (const name of this.#hidden) {
      for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
    }
    this.#showValues();
    if (this.#v.prompt !== this.#defaults.prompt || this.#v.model !== this.#defaults.model) this.#clearStaticSample();
    this.#wire();
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button, select, textarea')) {
      el.disabled = false;
    }
    this.#q<HTMLButtonElement>('[data-action="stop"]').disabled = true;
    this.#resize = new ResizeObserver(() => {
      const w = this.#q('[data-chart]').clientWidth;
      if (Math.abs(w - this.#lastWidth) > 8) this.#drawChart();
    });
    this.#resize.observe(this.#q('[data-chart]'));
    this.#renderNotes();

    const worker = modelWorker();
    let backendKnown = false;
    worker.onStatus((s) => {
      if (!backendKnown) this.#status(s.message); // "Loading TensorFlow.js…", until a backend runs
    });
    worker.ready.then(
      (b) => {
        backendKnown = true;
        this.#out('backend', b.name);
        this.#out('backend-reason', b.reason ?? 'the first backend that started');
        this.dataset.backend = b.name;
        const skipped = b.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
        this.#q('[data-out="backend"]').title = skipped ? `Passed over ${skipped}` : '';
      },
      () => undefined, // reported by the request that needed it
    );
    void this.#load(this.#v.model).catch(() => undefined);
  }

  /** The build-time sample belongs to the default prompt and model; a link that sets others must not show it. */
  #clearStaticSample() {
    this.#q('[data-tokens]').replaceChildren();
    this.#out('count', '–');
    this.#q('[data-caption]').textContent = `The link sets the prompt above for ${this.#v.model}. Press Generate to see the model continue it.`;
    this.#q('[data-fulltext]').textContent = `Prompt: ${this.#v.prompt}`;
  }

  #showValues() {
    const v = this.#v;
    this.#input<HTMLTextAreaElement>('prompt').value = v.prompt;
    this.#input<HTMLSelectElement>('model').value = v.model;
    this.#input('temperature').value = String(v.temperature);
    this.#input('topk').value = String(v.topk);
    this.#input('seed').value = String(v.seed);
    this.#input('tokens').value = String(v.tokens);
    this.#out('temperature', v.temperature === 0 ? '0 (greedy)' : String(v.temperature));
  }

  #wire() {
    const prompt = this.#input<HTMLTextAreaElement>('prompt');
    prompt.addEventListener('input', () => {
      this.#v.prompt = prompt.value;
      this.#linkNote = '';
    });
    prompt.addEventListener('change', () => this.#writeUrl());
    prompt.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.#generate();
      }
    });
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.#run && !this.#run.stopped) {
        e.preventDefault();
        this.#stop();
      }
    });

    const model = this.#input<HTMLSelectElement>('model');
    model.addEventListener('change', () => {
      this.#set({ model: model.value as ModelName });
      void this.#load(this.#v.model).catch(() => undefined);
    });
    const temp = this.#input('temperature');
    temp.addEventListener('input', () => {
      this.#set({ temperature: Number(temp.value) });
      this.#out('temperature', this.#v.temperature === 0 ? '0 (greedy)' : String(this.#v.temperature));
    });
    const whole = (name: 'topk' | 'seed' | 'tokens', label: string) => {
      const input = this.#input(name);
      const { min, max } = PLAYGROUND_SPEC[name];
      input.addEventListener('input', () => {
        const v = Number(input.value);
        const ok = input.value.trim() !== '' && Number.isInteger(v) && v >= min && v <= max;
        input.setAttribute('aria-invalid', String(!ok));
        this.#inputNote = ok ? '' : `${label} must be a whole number from ${min} to ${max}; keeping ${this.#v[name]}.`;
        if (ok) this.#set({ [name]: v });
        this.#renderNotes();
      });
      input.addEventListener('change', () => {
        input.removeAttribute('aria-invalid');
        input.value = String(this.#v[name]);
        this.#inputNote = '';
        this.#renderNotes();
      });
    };
    whole('topk', 'Top-k');
    whole('seed', 'The seed');
    whole('tokens', 'New tokens');

    this.#q('[data-action="generate"]').addEventListener('click', () => void this.#generate());
    this.#q('[data-action="stop"]').addEventListener('click', () => this.#stop());

    const chips = this.#q('[data-tokens]');
    chips.addEventListener('click', (e) => {
      const chip = (e.target as Element).closest<HTMLElement>('button[data-step]');
      if (chip) this.#select(Number(chip.dataset.step), false);
    });
    chips.addEventListener('keydown', (e) => {
      const chip = (e.target as Element).closest<HTMLElement>('button[data-step]');
      if (!chip || !this.#steps.length) return;
      const i = Number(chip.dataset.step);
      const last = this.#steps.length - 1;
      const to = { ArrowLeft: i - 1, ArrowUp: i - 1, ArrowRight: i + 1, ArrowDown: i + 1, Home: 0, End: last }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      this.#select(Math.max(0, Math.min(last, to)), true);
    });
  }

  #set(change: Partial<PlaygroundValues>) {
    this.#v = { ...this.#v, ...change };
    this.#writeUrl();
  }

  #writeUrl() {
    if (this.#v.prompt.length > MAX_URL_PROMPT) {
      this.#linkNote = `The link to this page keeps only the last ${MAX_URL_PROMPT} characters of the prompt, the end that the model reads.`;
      this.#renderNotes();
    }
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => {
      try {
        const query = writePlaygroundState(this.#key, this.#v, this.#defaults, location.search);
        const url = `${location.pathname}${query}${location.hash}`;
        if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
      } catch {
        // Some browsers throw after too many replaceState calls; the URL just stays as it was.
      }
    }, 250);
  }

  /** Load `name` in the worker (once), showing progress, the weights' size and whether they came from the cache. */
  #load(name: ModelName): Promise<Info> {
    let p = this.#loaded.get(name);
    if (p) {
      // Already loaded (or loading): show its weights again, since the row may still name another model.
      const shown = this.#weightsText.get(name);
      if (shown) this.#out('weights', shown);
      return p;
    }
    const bar = this.#q<HTMLProgressElement>('[data-load]');
    let fromCache = false;
    const busy = () => this.#run && !this.#run.stopped;
    if (!busy()) this.dataset.state = 'loading';
    this.#status(`Loading ${name}…`);
    this.#out('weights', 'loading…');
    bar.hidden = false;
    bar.value = 0;
    p = modelWorker()
      .request('model.info', { model: name }, {
        onProgress: (pr) => {
          if (/from cache/.test(pr.message)) fromCache = true;
          if (pr.fraction !== undefined) bar.value = pr.fraction;
          this.#status(pr.message);
        },
      })
      .then(
        (info) => {
          bar.hidden = true;
          const where = fromCache ? 'from cache' : 'downloaded';
          this.dataset.weights = fromCache ? 'cache' : 'network';
          const weights = `${name}: ${mb(info.parameters * 4)} ${where}`;
          this.#weightsText.set(name, weights);
          if (this.#v.model === name) this.#out('weights', weights);
          if (!busy()) {
            this.dataset.state = 'ready';
            this.#status(`${name} is ready (${info.parameters.toLocaleString('en-US')} parameters, ${where}). Press Generate.`);
          }
          return info;
        },
        (err) => {
          this.#loaded.delete(name); // retried by the next Generate
          bar.hidden = true;
          this.#out('weights', 'not loaded');
          if (!busy()) this.#fail(`Could not load ${name}: ${message(err)}`);
          throw err;
        },
      );
    this.#loaded.set(name, p);
    return p;
  }

  #stop() {
    const run = this.#run;
    if (!run || run.stopped) return;
    run.stopped = true;
    this.#status('Stopping…');
  }

  async #generate() {
    const v = { ...this.#v };
    if (v.prompt.length === 0) {
      this.#inputNote = 'Type a prompt first: the model needs at least one token to continue.';
      this.#renderNotes();
      return;
    }
    if (this.#inputNote) {
      this.#inputNote = '';
      this.#showValues();
    }
    this.#writeUrl();
    if (this.#run) this.#run.stopped = true; // a newer run replaces it; its loop frees its session
    const run: Run = { model: v.model, stopped: false };
    this.#run = run;
    this.#steps = [];
    this.#selected = null;
    this.#genNote = '';
    this.#renderNotes();
    this.dataset.state = 'running';
    this.#q<HTMLButtonElement>('[data-action="stop"]').disabled = false;
    this.#q('[data-caption]').textContent = `${v.model}, temperature ${v.temperature === 0 ? '0 (greedy)' : v.temperature}, top-k ${v.topk || 'all'}, seed ${v.seed}. Prompt tokens are dashed; "·" is a space; pick a new token to see its probabilities.`;
    this.#q('[data-tokens]').replaceChildren();
    this.#q('[data-chart]').replaceChildren();
    this.#q('[data-step-summary]').textContent = 'The first token is on its way.';
    const worker = modelWorker();
    try {
      await this.#load(v.model);
      if (run !== this.#run) return;
      this.#status('Reading the prompt…');
      const start = await worker.request('generate.start', {
        model: v.model,
        prompt: v.prompt,
        temperature: v.temperature,
        topK: v.topk,
        seed: v.seed,
      });
      run.session = start.session;
      if (run !== this.#run) return;
      this.#genNote = start.note ?? '';
      this.#renderNotes();
      this.#showPrompt(start.promptTokens, Boolean(start.note));
      while (!run.stopped && this.#steps.length < v.tokens) {
        const count = this.#steps.length === 0 ? 1 : Math.min(BATCH, v.tokens - this.#steps.length);
        const got = await worker.request('generate.next', { session: start.session, count });
        if (run !== this.#run) return;
        for (const t of got) this.#append(t);
        this.#status(`Generating with ${v.model}… ${this.#steps.length} of ${v.tokens} tokens.`);
      }
      this.#finish(run);
    } catch (err) {
      if (run === this.#run) this.#fail(`Could not generate: ${message(err)}. Press Generate to try again.`);
    } finally {
      if (run.session !== undefined) void worker.request('generate.stop', { session: run.session }).catch(() => undefined);
      if (run === this.#run) this.#q<HTMLButtonElement>('[data-action="stop"]').disabled = true;
    }
  }

  #finish(run: Run) {
    const stopped = run.stopped;
    run.stopped = true;
    this.dataset.state = 'done';
    const summary = runSummary(this.#steps, { stopped, model: run.model });
    this.#status(summary);
    this.#q('[data-summary]').textContent = summary;
    const text = [...this.#q('[data-tokens]').querySelectorAll<HTMLElement>('[data-text]')].map((c) => c.dataset.text).join('');
    this.#q('[data-fulltext]').textContent = `Text: ${text}`;
  }

  #fail(text: string) {
    this.dataset.state = 'error';
    this.#status(text);
    this.#q('[data-summary]').textContent = text;
  }

  #showPrompt(tokens: { id: number; text: string }[], cut: boolean) {
    const host = this.#q('[data-tokens]');
    const chips: HTMLElement[] = [];
    if (cut) {
      const more = document.createElement('span');
      more.className = 'mp-tok';
      more.dataset.kind = 'cut';
      more.textContent = '…';
      more.title = 'The start of the prompt was cut; the model sees only these tokens.';
      chips.push(more);
    }
    for (const t of tokens) {
      const chip = document.createElement('span');
      chip.className = 'mp-tok';
      chip.dataset.kind = 'prompt';
      chip.dataset.id = String(t.id);
      chip.dataset.text = t.text;
      chip.title = `prompt token ${t.id}`;
      chip.textContent = chipText(t.text);
      chips.push(chip);
    }
    host.replaceChildren(...chips);
    this.#promptCount = tokens.length;
    this.#out('count', `${this.#promptCount} prompt + 0 new`);
  }

  #append(t: StepToken) {
    const i = this.#steps.length;
    this.#steps.push(t);
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'mp-tok';
    chip.dataset.kind = 'gen';
    chip.dataset.step = String(i);
    chip.dataset.id = String(t.id);
    chip.dataset.text = t.text;
    chip.textContent = chipText(t.text);
    chip.title = `token ${t.id}, probability ${formatP(t.p)}`;
    chip.setAttribute('aria-label', `Token ${i + 1}: ${quoteToken(t.text)}, probability ${formatP(t.p)}`);
    chip.setAttribute('aria-pressed', 'false');
    chip.tabIndex = -1;
    this.#q('[data-tokens]').append(chip);
    this.#out('count', `${this.#promptCount} prompt + ${this.#steps.length} new`);
    this.#markSelected();
  }

  #select(i: number, focus: boolean) {
    this.#selected = i === this.#steps.length - 1 && this.#run && !this.#run.stopped ? null : i;
    this.#markSelected();
    if (focus) this.#chip(i)?.focus();
  }

  #chip(i: number) {
    return this.querySelector<HTMLButtonElement>(`button[data-step="${i}"]`);
  }

  /** Mark the shown step's chip (the only one in the Tab order) and redraw its chart on the next frame. */
  #markSelected() {
    const shown = this.#selected ?? this.#steps.length - 1;
    for (const chip of this.querySelectorAll<HTMLButtonElement>('button[data-step]')) {
      const on = Number(chip.dataset.step) === shown;
      chip.setAttribute('aria-pressed', String(on));
      chip.tabIndex = on ? 0 : -1;
    }
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#drawChart();
      });
    }
  }

  #drawChart() {
    const host = this.#q('[data-chart]');
    const width = host.clientWidth;
    this.#lastWidth = width;
    const i = this.#selected ?? this.#steps.length - 1;
    const t = this.#steps[i];
    if (!t || width < 50) return;
    const text = stepSummary(i + 1, t);
    this.#q('[data-step-summary]').textContent = text;
    const fig = nextTokenChart(
      t.alternatives.map((a) => ({ id: a.id, label: chipText(a.text), p: a.p })),
      { width, chosen: t.id, ariaLabel: `The five most likely tokens at token ${i + 1}`, ariaDescription: text },
    );
    host.replaceChildren(fig);
  }

  #renderNotes() {
    const notes = [...this.#urlNotes, this.#inputNote, this.#linkNote, this.#genNote].filter(Boolean);
    this.#q('[data-notes]').replaceChildren(
      ...notes.map((n) => {
        const p = document.createElement('p');
        p.textContent = n;
        return p;
      }),
    );
  }

  #status(text: string) {
    this.#q('[data-status]').textContent = text;
  }

  #out(name: string, text: string) {
    this.#q(`[data-out="${name}"]`).textContent = text;
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');

if (!customElements.get('model-playground')) customElements.define('model-playground', ModelPlayground);
