// <ffn-race>: the browser half of FfnRace.astro. Near the viewport it asks the page's model worker to race the
// dense FFN against the sparse one (`sparsity.race`, both kernels of lib/sparsity/race.ts) and shows the times,
// the backend and the largest difference. Changing the layer or sparsity re-runs it (only the latest is kept);
// "Sweep" times a row of sparsities for the chart.
import type { SpeedupPoint } from '../charts/speedup-chart.ts';
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker, type ResultOf } from '../worker/client.ts';
import type { ModelName } from '../worker/models.ts';
import { RACE_EXTRA_CONTROLS, RACE_SPEC, RACE_SWEEP, diff, planText, raceSummary, times, type RaceValues } from './ffn-race-model.ts';
import { formatMs, grouped, percent } from './vecmat-scale-model.ts';

type Job = { layer: number; sparsity?: number; repeats: number };
let charts: Promise<typeof import('../charts/speedup-chart.ts')> | undefined;

class FfnRace extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #url?: UrlBinding<typeof RACE_SPEC>;
  #defaults!: RaceValues;
  #v!: RaceValues;
  #queue: Job[] = [];
  #running = false;
  #debounce?: ReturnType<typeof setTimeout>;
  #nFfn = 512;
  #active: number[] = [];
  /** Speed-ups timed so far for the current layer, by sparsity. */
  #points = new Map<number, { js: number; tfjs: number; ideal: number; tfName: string }>();
  #pointsLayer = -1;
  #resize?: ResizeObserver;
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
    if (!el) throw new Error(`ffn-race: missing ${sel}`);
    return el;
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    const key = d.key ?? 'race';
    const nLayer = Number(d.nlayer) || 4;
    this.#nFfn = Number(d.nffn) || 512;
    this.#active = JSON.parse(d.active ?? '[]');
    this.#defaults = { layer: Number(d.layer), sparsity: Number(d.sparsity), exact: d.exact !== 'false', repeats: Number(d.repeats) };
    this.#url = bindUrlState(key, RACE_SPEC, this.#defaults, { extraControls: RACE_EXTRA_CONTROLS });
    this.#v = { ...this.#url.values };
    const notes = [...this.#url.notes];
    if (this.#v.layer > nLayer - 1) {
      notes.push(`${key}.layer=${this.#v.layer}: the model has layers 0 to ${nLayer - 1}; racing layer ${nLayer - 1}.`);
      this.#v.layer = nLayer - 1;
    }
    const backendNote = backendUrlNote();
    if (backendNote) notes.push(backendNote);
    this.#q('[data-notes]').replaceChildren(...notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
    for (const name of this.#url.hidden) for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
    this.dataset.ready = 'true';
    if (!d.model) return;

    const layer = this.#q<HTMLSelectElement>(`#${key}-layer`);
    const exact = this.#q<HTMLInputElement>(`#${key}-exact`);
    const sparsity = this.#q<HTMLInputElement>(`#${key}-sparsity`);
    layer.value = String(this.#v.layer);
    exact.checked = this.#v.exact;
    sparsity.value = String(this.#v.sparsity);
    layer.addEventListener('change', () => this.#set({ layer: Number(layer.value) }));
    exact.addEventListener('change', () => this.#set({ exact: exact.checked }));
    sparsity.addEventListener('input', () => this.#set({ sparsity: Number(sparsity.value), exact: false }));
    this.#q('[data-action="run"]').addEventListener('click', () => this.#enqueue([this.#job()]));
    this.#q('[data-action="sweep"]').addEventListener('click', () =>
      this.#enqueue(RACE_SWEEP.map((s) => ({ layer: this.#v.layer, sparsity: s, repeats: this.#v.repeats }))),
    );
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')) el.disabled = false;
    this.#resize = new ResizeObserver(() => {
      const w = this.#q('[data-chart]').clientWidth;
      if (Math.abs(w - this.#lastWidth) > 8) void this.#drawChart();
    });
    this.#resize.observe(this.#q('[data-chart]'));
    this.#renderControls();
    this.#enqueue([this.#job()]);
  }

  #job(): Job {
    return { layer: this.#v.layer, sparsity: this.#v.exact ? undefined : this.#v.sparsity, repeats: this.#v.repeats };
  }

  #set(change: Partial<RaceValues>) {
    this.#v = { ...this.#v, ...change };
    this.#url?.write(this.#v, this.#defaults);
    this.#renderControls();
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#enqueue([this.#job()]), 400);
  }

  #renderControls() {
    const key = this.dataset.key ?? 'race';
    this.#q<HTMLInputElement>(`#${key}-exact`).checked = this.#v.exact;
    this.#q<HTMLSelectElement>(`#${key}-layer`).value = String(this.#v.layer);
    this.#q('[data-out="sparsity"]').textContent = this.#v.exact ? 'exact set' : `${Math.round(this.#v.sparsity * 100)}%`;
    const a = this.#active[this.#v.layer];
    if (a !== undefined) this.#q('[data-plan]').textContent = planText(this.#v.layer, a, this.#nFfn);
  }

  #enqueue(jobs: Job[]) {
    clearTimeout(this.#debounce);
    this.#queue = jobs;
    if (!this.#running) void this.#drain();
  }

  async #drain() {
    this.#running = true;
    const worker = modelWorker();
    const buttons = this.querySelectorAll<HTMLButtonElement>('button');
    try {
      while (this.#queue.length) {
        const job = this.#queue.shift()!;
        this.dataset.state = 'running';
        for (const b of buttons) b.disabled = true;
        this.#progress(`Racing layer ${job.layer}${job.sparsity === undefined ? ' on the neurons that fire' : ` at ${percent(job.sparsity)} skipped`}…`);
        try {
          const backend = await worker.ready;
          this.#out('backend', backend.name);
          const r: ResultOf<'sparsity.race'> = await worker.request(
            'sparsity.race',
            { model: this.dataset.model as ModelName, layer: job.layer, sparsity: job.sparsity, repeats: job.repeats },
            { onProgress: (p) => this.#progress(p.message) },
          );
          this.#show(job, r);
        } catch (err) {
          this.dataset.state = 'error';
          this.#queue = [];
          this.#progress(`Could not race: ${err instanceof Error ? err.message : String(err)}. Press "Run again" to retry.`);
          return;
        }
      }
      this.dataset.state = 'done';
    } finally {
      this.#running = false;
      for (const b of buttons) b.disabled = false;
    }
  }

  #show(job: Job, r: ResultOf<'sparsity.race'>) {
    const row = (kernel: string, side: typeof r.js) => {
      const tr = this.#q(`tr[data-kernel="${kernel}"]`);
      const cell = (name: string, text: string) => ((tr.querySelector(`[data-cell="${name}"]`) as HTMLElement).textContent = text);
      cell('dense', formatMs(side.denseMs));
      cell('sparse', formatMs(side.sparseMs));
      cell('speedup', times(side.speedup));
      cell('diff', diff(side.maxAbsDiff));
    };
    row('js', r.js);
    row('tfjs', r.tfjs);
    this.#out('tfname', `TensorFlow.js (${r.tfjs.backend}), gather`);
    this.#out('backend', r.tfjs.backend);
    this.#out('computed', `${grouped(r.js.activeCount)} of ${grouped(this.#nFfn)} (${percent(r.js.sparsity)} skipped)`);
    this.#out('ideal', times(r.js.idealSpeedup));
    this.dataset.backend = r.tfjs.backend;
    this.dataset.maxAbsDiff = String(Math.max(r.js.maxAbsDiff, r.tfjs.maxAbsDiff));
    const missed = job.sparsity !== undefined && Math.max(r.js.maxAbsDiff, r.tfjs.maxAbsDiff) > 1e-4;
    this.#progress(`Done on ${r.tfjs.backend}.${missed ? ` Skipping ${percent(r.js.sparsity)} drops some of the ${grouped(r.js.trueActiveCount)} neurons that really fire, so the answer moves away from dense (max |diff| above).` : ' The sparse answer matches dense up to rounding.'}`);
    this.#q('[data-summary]').textContent = raceSummary(r.js, r.tfjs, this.#nFfn);
    if (job.layer !== this.#pointsLayer) {
      this.#points.clear();
      this.#pointsLayer = job.layer;
    }
    this.#points.set(r.js.sparsity, { js: r.js.speedup, tfjs: r.tfjs.speedup, ideal: r.js.idealSpeedup, tfName: `TensorFlow.js (${r.tfjs.backend})` });
    void this.#drawChart();
  }

  async #drawChart() {
    const host = this.#q('[data-chart]');
    const width = host.clientWidth;
    this.#lastWidth = width;
    if (!this.#points.size || width < 50 || host.closest('[hidden]')) return;
    const data: SpeedupPoint[] = [...this.#points].flatMap(([s, p]) => [
      { sparsity: s, kernel: 'plain JS', speedup: p.js },
      { sparsity: s, kernel: p.tfName, speedup: p.tfjs },
      { sparsity: s, kernel: 'ideal', speedup: p.ideal },
    ]);
    const { speedupChart } = await (charts ??= import('../charts/speedup-chart.ts'));
    host.replaceChildren(speedupChart(data, {
      width,
      ariaLabel: 'Speed-up of the sparse FFN over dense against the share of neurons skipped',
      ariaDescription: [...this.#points].sort((a, b) => a[0] - b[0]).map(([s, p]) => `${percent(s)} skipped: plain JS ${times(p.js)}, ${p.tfName} ${times(p.tfjs)}, ideal ${times(p.ideal)}`).join('; '),
    }));
  }

  #progress(text: string) {
    this.#q('[data-progress]').textContent = text;
  }

  #out(name: string, text: string) {
    this.#q(`[data-out="${name}"]`).textContent = text;
  }
}

if (!customElements.get('ffn-race')) customElements.define('ffn-race', FfnRace);
