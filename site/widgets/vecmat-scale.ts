// <vecmat-scale>: the browser half of VecMatScale.astro. When the figure nears the viewport it starts (or joins)
// the page's model worker, runs the dense-vs-gather comparison there, and shows the answer, the backend and a
// chart. Changing n, m or the zeros re-runs it; only the latest request is kept while one is in flight.
import type { Method, TimingPoint } from '../charts/timing-chart.ts';
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker, type ResultOf } from '../worker/client.ts';
import {
  MAX_DIM,
  SWEEP,
  VECSCALE_EXTRA_CONTROLS,
  VECSCALE_SPEC,
  formatBytes,
  formatMs,
  grouped,
  percent,
  planText,
  scalePlan,
  type VecscaleValues,
} from './vecmat-scale-model.ts';

type Result = ResultOf<'vecmat.compare'>;

/** Plot is loaded with the first result, not with the page. */
let charts: Promise<typeof import('../charts/timing-chart.ts')> | undefined;
type Job = VecscaleValues;

/** "2.5× faster" / "3.1× slower" / "no faster" for a change from `before` ms to `after` ms. */
function ratio(before: number, after: number): string {
  if (!(before > 0 && after > 0)) return 'too fast to time at this size';
  const r = before / after;
  if (Math.abs(r - 1) < 0.05) return 'no faster';
  return r > 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
}

class VecMatScale extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #url?: UrlBinding<typeof VECSCALE_SPEC>;
  #defaults!: VecscaleValues;
  #v!: VecscaleValues;
  #notes: string[] = [];
  #inputNote = '';
  #queue: Job[] = [];
  #running = false;
  #backendKnown = false;
  /** Median timings measured so far for the current n × m, by zero fraction. */
  #points = new Map<number, Record<Method, number>>();
  #shape = '';
  #resize?: ResizeObserver;
  #debounce?: ReturnType<typeof setTimeout>;
  #lastWidth = 0;

  connectedCallback() {
    if (!this.#started) this.#cancelNear = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#resize?.disconnect();
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`vecmat-scale: missing ${sel}`);
    return el;
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    const key = d.key ?? 'vecscale';
    this.#defaults = {
      n: Number(d.n),
      m: Number(d.m),
      zeros: Number(d.zeros),
      seed: Number(d.seed),
      repeats: Number(d.repeats),
    };
    this.#url = bindUrlState(key, VECSCALE_SPEC, this.#defaults, { extraControls: VECSCALE_EXTRA_CONTROLS });
    this.#v = { ...this.#url.values };
    const backendNote = backendUrlNote();
    this.#notes = [...this.#url.notes, ...(backendNote ? [backendNote] : [])];
    for (const name of this.#url.hidden) {
      for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
    }

    const nIn = this.#q<HTMLInputElement>(`#${key}-n`);
    const mIn = this.#q<HTMLInputElement>(`#${key}-m`);
    const zIn = this.#q<HTMLInputElement>(`#${key}-zeros`);
    nIn.value = String(this.#v.n);
    mIn.value = String(this.#v.m);
    zIn.value = String(this.#v.zeros);
    const dim = (input: HTMLInputElement, name: 'n' | 'm') => () => {
      const v = Number(input.value);
      const ok = input.value.trim() !== '' && Number.isInteger(v) && v >= 1 && v <= MAX_DIM;
      input.setAttribute('aria-invalid', String(!ok));
      this.#inputNote = ok ? '' : `${name} must be a whole number from 1 to ${MAX_DIM}; keeping ${this.#v[name]}.`;
      if (ok) this.#set({ [name]: v });
      else this.#renderNotes();
    };
    nIn.addEventListener('input', dim(nIn, 'n'));
    mIn.addEventListener('input', dim(mIn, 'm'));
    for (const input of [nIn, mIn]) {
      input.addEventListener('change', () => {
        input.removeAttribute('aria-invalid');
        input.value = String(this.#v[input === nIn ? 'n' : 'm']);
        this.#inputNote = '';
        this.#renderNotes();
      });
    }
    zIn.addEventListener('input', () => this.#set({ zeros: Number(zIn.value) }));
    this.#q('[data-action="run"]').addEventListener('click', () => this.#enqueue([{ ...this.#v }]));
    this.#q('[data-action="sweep"]').addEventListener('click', () =>
      this.#enqueue(SWEEP.map((zeros) => ({ ...this.#v, zeros }))),
    );
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) el.disabled = false;

    const worker = modelWorker();
    worker.onStatus((s) => {
      if (!this.#backendKnown && this.#running) this.#progress(s.message); // "Loading TensorFlow.js…"
    });
    this.#resize = new ResizeObserver(() => {
      const w = this.#q('[data-chart]').clientWidth;
      if (Math.abs(w - this.#lastWidth) > 8) void this.#drawChart();
    });
    this.#resize.observe(this.#q('[data-chart]'));

    this.#renderNotes();
    this.#renderPlan();
    this.#enqueue([{ ...this.#v }]);
    if (!this.#backendKnown) this.#progress('Starting the worker…');
  }

  #set(change: Partial<VecscaleValues>) {
    this.#v = { ...this.#v, ...change };
    this.#renderPlan();
    this.#url?.write(this.#v, this.#defaults);
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#enqueue([{ ...this.#v }]), 500);
  }

  /** Replace whatever is waiting with `jobs`; the run in flight finishes first. */
  #enqueue(jobs: Job[]) {
    clearTimeout(this.#debounce);
    this.#queue = jobs;
    if (!this.#running) void this.#drain();
  }

  async #drain() {
    this.#running = true;
    const worker = modelWorker();
    try {
      while (this.#queue.length) {
        const job = this.#queue.shift()!;
        this.dataset.state = 'running';
        this.#progress(`Computing ${grouped(job.n)} × ${grouped(job.m)} at ${percent(job.zeros)} zeros…`);
        try {
          const backend = await worker.ready;
          this.#backendKnown = true;
          this.#out('backend', backend.name);
          const r = await worker.request(
            'vecmat.compare',
            { n: job.n, m: job.m, zeroFraction: job.zeros, seed: job.seed, repeats: job.repeats },
            { onProgress: (p) => this.#progress(`Computing… ${p.message}`) },
          );
          this.#show(job, r);
        } catch (err) {
          this.dataset.state = 'error';
          this.#queue = [];
          this.#progress(`Could not compute: ${err instanceof Error ? err.message : String(err)}. Press "Run again" to retry.`);
          return;
        }
      }
      this.dataset.state = 'done';
    } finally {
      this.#running = false;
    }
  }

  #show(job: Job, r: Result) {
    const shape = `${job.n}x${job.m}`;
    if (shape !== this.#shape) {
      this.#shape = shape;
      this.#points.clear();
    }
    this.#points.set(job.zeros, { dense: r.denseMs, gather: r.gatherMs, loopDense: r.loopDenseMs, loopSkip: r.loopSkipMs });
    this.#out('backend', r.backend);
    this.#out('dense', formatMs(r.denseMs));
    this.#out('gather', formatMs(r.gatherMs));
    this.#out('loopDense', formatMs(r.loopDenseMs));
    this.#out('loopSkip', formatMs(r.loopSkipMs));
    this.#out('rows', `${grouped(r.rowsRead)} of ${grouped(r.n)}`);
    const diff = Math.max(r.maxAbsDiff, r.loopMaxAbsDiff);
    this.#out('diff', diff === 0 ? '0' : diff.toExponential(1));
    this.dataset.maxAbsDiff = String(r.maxAbsDiff);
    this.dataset.backend = r.backend;
    this.#progress(
      `Done on ${r.backend}, ${grouped(r.n)} × ${grouped(r.m)} at ${percent(job.zeros)} zeros (median of ${job.repeats}): ` +
        `skipping zero rows made the JS loop ${ratio(r.loopDenseMs, r.loopSkipMs)}; tf.gather made TensorFlow.js ${ratio(r.denseMs, r.gatherMs)}.`,
    );
    this.#q('[data-summary]').textContent =
      `Backend ${r.backend}. At ${percent(job.zeros)} zeros, reading ${grouped(r.rowsRead)} of ${grouped(r.n)} rows: ` +
      `TensorFlow.js dense ${formatMs(r.denseMs)}, gather ${formatMs(r.gatherMs)}; JS loop over all rows ${formatMs(r.loopDenseMs)}, ` +
      `over non-zero rows ${formatMs(r.loopSkipMs)}. All answers agree to ${this.#q('[data-out="diff"]').textContent}.`;
    void this.#drawChart();
  }

  async #drawChart() {
    const host = this.#q('[data-chart]');
    const width = host.clientWidth;
    this.#lastWidth = width;
    if (!this.#points.size || width < 50) return;
    const data: TimingPoint[] = [...this.#points].flatMap(([zeros, t]) =>
      (Object.keys(t) as Method[]).map((method) => ({ zeros, method, ms: t[method] })),
    );
    const { timingChart } = await (charts ??= import('../charts/timing-chart.ts'));
    const fig = timingChart(data, {
      width,
      ariaLabel: 'Median time of y = xW by method against the fraction of zeros in x',
      ariaDescription: [...this.#points]
        .sort((a, b) => a[0] - b[0])
        .map(
          ([z, t]) =>
            `${percent(z)} zeros: tfjs dense ${formatMs(t.dense)}, tfjs gather ${formatMs(t.gather)}, ` +
            `JS loop all rows ${formatMs(t.loopDense)}, non-zero rows ${formatMs(t.loopSkip)}`,
        )
        .join('; '),
    });
    host.replaceChildren(fig);
  }

  #renderPlan() {
    const plan = planText(scalePlan(this.#v.n, this.#v.m, this.#v.zeros));
    this.#q('[data-plan-setup]').textContent = plan.setup;
    this.#q('[data-plan-dense]').textContent = plan.dense;
    this.#q('[data-plan-gather]').textContent = plan.gather;
    this.#out('zeros', `${Math.round(this.#v.zeros * 100)}%`);
    const weights = this.#v.n * this.#v.m;
    this.#q('[data-action="run"]').title = `W holds ${formatBytes(weights * 4)} of fp32 weights`;
  }

  #renderNotes() {
    const notes = [...this.#notes, ...(this.#inputNote ? [this.#inputNote] : [])];
    this.#q('[data-notes]').replaceChildren(
      ...notes.map((n) => {
        const p = document.createElement('p');
        p.textContent = n;
        return p;
      }),
    );
  }

  #progress(text: string) {
    this.#q('[data-progress]').textContent = text;
  }

  #out(name: string, text: string) {
    this.#q(`[data-out="${name}"]`).textContent = text;
  }
}

if (!customElements.get('vecmat-scale')) customElements.define('vecmat-scale', VecMatScale);
