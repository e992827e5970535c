// <model-playground>: the browser half of ModelPlayground.astro. Near the viewport it starts the page's model worker
// and loads the chosen model there (showing the bytes and whether they came from the browser's cache). Generate asks
// the worker for a session (generate.start) and then for a few tokens at a time (generate.next), drawing each as a
// chip as it arrives, until the count is reached or Stop.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { bytes, count, tokenChip } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import type { ResultOf } from '../../worker/client.ts';
import type { WorkerSession } from '../../worker/worker-session.ts';
import { nextTokenChart } from './chart.ts';
import type { StepToken } from './model.ts';
import { schema, type ModelName } from './params.ts';
import { text } from './text.ts';

type Info = ResultOf<'model.info'>;

interface Run {
  model: ModelName;
  stopped: boolean;
}

/** Tokens asked of the worker per generate.next: the first alone (so text appears at once), then a few at a time. */
const BATCH = 4;

class ModelPlayground extends WidgetElement<typeof schema.params> {
  schema = schema;
  #loaded = new Map<ModelName, Promise<Info>>();
  /** What each loaded model's weights weigh and where they came from, for the "Weights" line. */
  #weights = new Map<ModelName, string>();
  #run: Run | null = null;
  /** The worker's generation session (one at a time: a new run's start stops the one before). */
  #stream!: WorkerSession<'generate'>;
  #steps: StepToken[] = [];
  #promptCount = 0;
  /** Generated token whose probabilities are shown (0-based); null follows the latest. */
  #selected: number | null = null;
  #genNote = '';

  /** This page's words. */
  get #t() {
    return text[this.lang];
  }

  start() {
    const t = this.#t;
    this.#stream = this.workerSession('generate');
    // The tokens shown (the model card's sample, or the last run) were made with other settings until Generate.
    const stale = () => markStale(this, t.stale);
    for (const k of ['prompt', 'temperature', 'topk', 'seed', 'tokens'] as const) this.bind(k, stale);
    this.bind('name', (name) => {
      this.#out('weights', this.#weights.get(name) ?? t.notLoaded);
      void this.#load(name).catch(() => undefined);
      stale();
    });
    for (const k of ['topk', 'seed', 'tokens'] as const) {
      // On leaving a box, show the value in use again (a bad entry was marked and not applied).
      const input = this.control(k);
      this.listen(input, 'change', () => {
        input.removeAttribute('aria-invalid');
        input.value = String(this.values[k]);
      });
    }
    const prompt = this.control<HTMLTextAreaElement>('prompt');
    this.listen(prompt, 'keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.#generate();
      }
    });
    this.listen(this, 'keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.#run && !this.#run.stopped) {
        e.preventDefault();
        this.#stop();
      }
    });
    this.listen(this.find('[data-action="generate"]'), 'click', () => void this.#generate());
    this.listen(this.find('[data-action="stop"]'), 'click', () => this.#stop());
    const chips = this.find('[data-tokens]');
    this.listen(chips, 'click', (e: MouseEvent) => {
      const chip = (e.target as Element).closest<HTMLElement>('button[data-step]');
      if (chip) this.#select(Number(chip.dataset.step), false);
    });
    this.listen(chips, 'keydown', (e: KeyboardEvent) => {
      const chip = (e.target as Element).closest<HTMLElement>('button[data-step]');
      if (!chip || !this.#steps.length) return;
      const i = Number(chip.dataset.step);
      const last = this.#steps.length - 1;
      const to = { ArrowLeft: i - 1, ArrowUp: i - 1, ArrowRight: i + 1, ArrowDown: i + 1, Home: 0, End: last }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      this.#select(Math.max(0, Math.min(last, to)), true);
    });
    this.enableControls();
    this.find<HTMLButtonElement>('[data-action="stop"]').disabled = true;
    this.onStop(() => {
      if (this.#run) this.#run.stopped = true;
    });
    this.chart('probs', (width) => {
      const i = this.#selected ?? this.#steps.length - 1;
      const step = this.#steps[i];
      if (!step) return undefined;
      const summary = t.stepSummary(i + 1, step);
      this.find('[data-step-summary]').textContent = summary;
      const bars = step.alternatives.map((a) => ({ id: a.id, label: tokenChip(a.text), p: a.p }));
      return nextTokenChart(bars, step.id, {
        width,
        label: t.chartLabel(i + 1),
        description: summary,
        axis: t.probability,
      });
    });

    const worker = this.worker();
    worker.ready.then(
      (b) => {
        this.#out('backend', b.name);
        this.#out('backend-reason', b.reason ?? t.firstBackend);
        this.dataset.backend = b.name;
        const skipped = b.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
        this.find('[data-out="backend"]').title = skipped ? t.passedOver(skipped) : '';
      },
      () => undefined, // reported by the request that needed it
    );
    const d = this.defaults;
    if (this.values.prompt !== d.prompt || this.values.name !== d.name) this.#clearStaticSample();
    void this.#load(this.values.name).catch(() => undefined);
  }

  /** The build-time sample belongs to the default prompt and model; a link that sets others must not show it. */
  #clearStaticSample() {
    this.find('[data-tokens]').replaceChildren();
    this.#out('count', '–');
    this.find('[data-caption]').textContent = this.#t.linkPrompt(this.values.name);
    this.#fullText(this.#t.promptLabel, this.values.prompt);
  }

  /** The screen-reader line under the chips: a label in the page's words, then the English text itself. */
  #fullText(label: string, english: string) {
    const span = document.createElement('span');
    span.lang = 'en';
    span.textContent = english;
    this.find('[data-fulltext]').replaceChildren(label, span);
  }

  update() {
    this.#out('temperature', this.#t.temperature(this.values.temperature));
  }

  /** Load `name` in the worker (once), showing progress, the weights' size and whether they came from the cache. */
  #load(name: ModelName): Promise<Info> {
    let p = this.#loaded.get(name);
    if (p) return p;
    const t = this.#t;
    const bar = this.find<HTMLProgressElement>('[data-load]');
    let fromCache = false;
    const busy = () => this.#run && !this.#run.stopped;
    if (!busy()) this.dataset.state = 'loading';
    this.progress(t.loading(name));
    this.#out('weights', t.weightsLoading);
    delete bar.dataset.idle;
    bar.value = 0;
    p = this.worker()
      .request(
        'model.info',
        { model: name },
        {
          onProgress: (pr) => {
            if (/from cache/.test(pr.message)) fromCache = true;
            if (pr.fraction !== undefined) bar.value = pr.fraction;
            this.progress(pr.message);
          },
        },
      )
      .then(
        (info) => {
          bar.dataset.idle = '';
          const where = fromCache ? t.fromCache : t.downloaded;
          this.#weights.set(name, t.weightsLine(name, bytes(info.parameters * 4), where));
          if (this.values.name === name) {
            this.dataset.weights = fromCache ? 'cache' : 'network';
            this.#out('weights', this.#weights.get(name)!);
          }
          if (!busy()) {
            this.state = 'ready';
            this.progress(t.ready(name, count(info.parameters), where));
          }
          return info;
        },
        (err) => {
          this.#loaded.delete(name); // retried by the next Generate
          bar.dataset.idle = '';
          this.#out('weights', t.notLoaded);
          if (!busy()) this.fail(err, t.couldNotLoad(name));
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
    this.progress(this.#t.stopping);
  }

  #setGenNote(text: string) {
    const old = this.#genNote;
    this.#genNote = text;
    this.clearNotes((n) => n !== old);
    if (text) this.note(text);
  }

  async #generate() {
    const v = { ...this.values };
    const t = this.#t;
    if (v.prompt.length === 0) {
      this.#setGenNote(t.typePrompt);
      return;
    }
    if (this.#run) this.#run.stopped = true; // a newer run replaces it; its start frees the old session
    const run: Run = { model: v.name, stopped: false };
    this.#run = run;
    this.#steps = [];
    this.#selected = null;
    const max = schema.params.prompt.maxLength;
    this.#setGenNote(v.prompt.length > max ? t.tooLongForLink(max) : '');
    this.state = 'running';
    clearStale(this);
    this.find<HTMLButtonElement>('[data-action="stop"]').disabled = false;
    this.find('[data-caption]').textContent = t.runCaption(v.name, t.temperature(v.temperature), v.topk, v.seed);
    this.find('[data-tokens]').replaceChildren();
    this.find('[data-chart="probs"]').replaceChildren();
    this.find('[data-step-summary]').textContent = t.firstToken;
    try {
      await this.#load(v.name);
      if (run !== this.#run) return;
      this.progress(t.readingPrompt);
      const start = await this.#stream.start({
        model: v.name,
        prompt: v.prompt,
        temperature: v.temperature,
        topK: v.topk,
        seed: v.seed,
      });
      if (run !== this.#run) return;
      if (start.note) this.note(start.note);
      this.#showPrompt(start.promptTokens, Boolean(start.note));
      while (!run.stopped && this.#steps.length < v.tokens) {
        const n = this.#steps.length === 0 ? 1 : Math.min(BATCH, v.tokens - this.#steps.length);
        const got = await this.#stream.next({ count: n });
        if (run !== this.#run) return;
        for (const token of got) this.#append(token);
        this.progress(t.generating(v.name, this.#steps.length, v.tokens));
      }
      this.#finish(run);
    } catch (err) {
      if (run === this.#run) {
        this.fail(err, t.couldNotGenerate, t.tryAgain);
        this.summary(this.find('[data-progress]').textContent ?? '');
      }
    } finally {
      // A newer run's start stopped this one's session already; the current one's is freed once it ends.
      if (run === this.#run) void this.#stream.stop().catch(() => undefined);
      if (run === this.#run) this.find<HTMLButtonElement>('[data-action="stop"]').disabled = true;
    }
  }

  #finish(run: Run) {
    const stopped = run.stopped;
    run.stopped = true;
    this.state = 'done';
    const summary = this.#t.runSummary(this.#steps, { stopped, model: run.model });
    this.progress(summary);
    this.summary(summary);
    const text = [...this.find('[data-tokens]').querySelectorAll<HTMLElement>('[data-text]')]
      .map((c) => c.dataset.text)
      .join('');
    this.#fullText(this.#t.textLabel, text);
  }

  #showPrompt(tokens: { id: number; text: string; partial?: boolean }[], cut: boolean) {
    const chips: HTMLElement[] = [];
    if (cut) {
      const more = document.createElement('span');
      more.className = 'kit-chip mp-tok';
      more.dataset.kind = 'cut';
      more.textContent = '…';
      more.title = this.#t.cutTitle;
      chips.push(more);
    }
    for (const token of tokens) {
      const chip = document.createElement('span');
      chip.className = 'kit-chip mp-tok';
      chip.lang = 'en';
      chip.dataset.kind = 'prompt';
      chip.dataset.id = String(token.id);
      chip.dataset.text = token.partial ? '' : token.text; // hex bytes stay out of the "Text:" line
      chip.title = this.#t.promptTokenTitle(token.id);
      chip.textContent = tokenChip(token.text);
      chips.push(chip);
    }
    this.find('[data-tokens]').replaceChildren(...chips);
    this.#promptCount = tokens.length;
    this.#out('count', this.#t.counts(this.#promptCount, 0));
  }

  #append(t: StepToken) {
    const i = this.#steps.length;
    this.#steps.push(t);
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'kit-chip mp-tok';
    chip.dataset.kind = 'gen';
    chip.dataset.step = String(i);
    chip.dataset.id = String(t.id);
    chip.dataset.text = t.partial ? '' : t.text;
    chip.textContent = tokenChip(t.text);
    chip.title = this.#t.generatedTitle(t.id, t.p);
    chip.setAttribute('aria-label', this.#t.generatedLabel(i + 1, t.text, t.p));
    chip.setAttribute('aria-pressed', 'false');
    chip.tabIndex = -1;
    this.find('[data-tokens]').append(chip);
    this.#out('count', this.#t.counts(this.#promptCount, this.#steps.length));
    this.#markSelected();
  }

  #select(i: number, focus: boolean) {
    this.#selected = i === this.#steps.length - 1 && this.#run && !this.#run.stopped ? null : i;
    this.#markSelected();
    if (focus) this.querySelector<HTMLButtonElement>(`button[data-step="${i}"]`)?.focus();
  }

  /** Mark the shown step's chip (the only one in the Tab order) and redraw its chart. */
  #markSelected() {
    const shown = this.#selected ?? this.#steps.length - 1;
    for (const chip of this.querySelectorAll<HTMLButtonElement>('button[data-step]')) {
      const on = Number(chip.dataset.step) === shown;
      chip.setAttribute('aria-pressed', String(on));
      chip.tabIndex = on ? 0 : -1;
    }
    this.redraw('probs');
  }

  #out(name: string, text: string) {
    this.find(`[data-out="${name}"]`).textContent = text;
  }
}

defineElement(schema, ModelPlayground);
