// <batch-union>: the browser half of BatchUnion.astro. Near the viewport it asks the page's model worker to decode
// the batch (phone.batch), then draws the union against B and the dense/sparse split. The hot-share slider is pure
// arithmetic on the run (no new request); the other controls rerun it, latest settings only.
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker } from '../worker/client.ts';
import type { ModelName } from '../worker/models.ts';
import { BATCH_EXTRA_CONTROLS, BATCH_SPEC, splitAt, splitSentence, tableBatches, unionSentence, type BatchRun, type BatchValues } from './batch-union-model.ts';
import { pct } from './phone-common.ts';
import { Latest, enableControls, hideControls, onWidth, part, showNotes } from './phone-widget.ts';

let plot: Promise<[typeof import('../charts/batch-union-chart.ts'), typeof import('../charts/batch-split-chart.ts')]> | undefined;
const charts = () => (plot ??= Promise.all([import('../charts/batch-union-chart.ts'), import('../charts/batch-split-chart.ts')]));

class BatchUnion extends HTMLElement {
  #started = false;
  #cancel?: () => void;
  #url?: UrlBinding<typeof BATCH_SPEC>;
  #defaults!: BatchValues;
  #v!: BatchValues;
  #run?: BatchRun;
  #runner!: Latest<BatchValues, BatchRun>;
  #debounce?: ReturnType<typeof setTimeout>;
  #unwatch: (() => void)[] = [];

  connectedCallback() {
    if (!this.#started) this.#cancel = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancel?.();
    for (const u of this.#unwatch) u();
  }

  #input(name: string) {
    return part<HTMLInputElement>(this, `#${this.dataset.key}-${name}`);
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    this.#defaults = { batch: Number(d.batch), steps: Number(d.steps), temp: Number(d.temp), seed: Number(d.seed), hot: Number(d.hot) };
    this.#url = bindUrlState(d.key ?? 'batch', BATCH_SPEC, this.#defaults, { extraControls: BATCH_EXTRA_CONTROLS });
    this.#v = { ...this.#url.values };
    const note = backendUrlNote();
    showNotes(this, [...this.#url.notes, ...(note ? [note] : [])]);
    hideControls(this, this.#url.hidden);
    if (!d.model) return; // no trained model: the static view says so

    for (const k of ['batch', 'temp', 'hot'] as const) this.#input(k).value = String(this.#v[k]);
    for (const k of ['steps', 'seed'] as const) this.#input(k).value = String(this.#v[k]);
    this.#outputs();
    const rerun = (k: 'batch' | 'steps' | 'temp' | 'seed') => () => {
      const el = this.#input(k);
      const n = Number(el.value);
      const spec = BATCH_SPEC[k];
      const ok = el.value.trim() !== '' && Number.isFinite(n) && n >= spec.min && n <= spec.max && (!('integer' in spec) || Number.isInteger(n));
      el.setAttribute('aria-invalid', String(!ok));
      if (!ok) return;
      this.#set({ [k]: n });
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#submit(), 400);
    };
    for (const k of ['batch', 'steps', 'temp', 'seed'] as const) this.#input(k).addEventListener('input', rerun(k));
    this.#input('hot').addEventListener('input', () => {
      this.#set({ hot: Number(this.#input('hot').value) });
      this.#drawSplit();
    });
    part(this, '[data-action="run"]').addEventListener('click', () => this.#submit());
    enableControls(this);

    const worker = modelWorker();
    this.#runner = new Latest(
      (v) =>
        worker.request(
          'phone.batch',
          { model: d.model as ModelName, text: d.text ?? '', prompt: d.prompt ?? '', batch: v.batch, steps: v.steps, temp: v.temp, seed: v.seed },
          { onProgress: (p) => this.#progress(p.message) },
        ),
      (v, r) => this.#show(v, r),
      (err) => {
        this.dataset.state = 'error';
        this.#progress(`Could not compute: ${err instanceof Error ? err.message : String(err)}. Press "Run again" to retry.`);
      },
    );
    for (const name of ['union', 'split']) {
      const host = part(this, `[data-chart="${name}"]`);
      this.#unwatch.push(onWidth(host, () => void (name === 'union' ? this.#drawUnion() : this.#drawSplit())));
    }
    this.#submit();
  }

  #set(change: Partial<BatchValues>) {
    this.#v = { ...this.#v, ...change };
    this.#outputs();
    this.#url?.write(this.#v, this.#defaults);
  }

  #outputs() {
    part(this, '[data-out="batch"]').textContent = String(this.#v.batch);
    part(this, '[data-out="temp"]').textContent = this.#v.temp === 0 ? '0 (greedy)' : String(this.#v.temp);
    part(this, '[data-out="hot"]').textContent = pct(this.#v.hot, 0);
  }

  #submit() {
    clearTimeout(this.#debounce);
    this.dataset.state = 'running';
    this.#progress(`Decoding ${this.#v.batch} continuation${this.#v.batch > 1 ? 's' : ''} in the worker…`);
    this.#runner.submit({ ...this.#v });
  }

  #progress(text: string) {
    part(this, '[data-progress]').textContent = text;
  }

  #show(v: BatchValues, run: BatchRun) {
    this.#run = run;
    this.dataset.state = 'done';
    this.dataset.meanMax = String(run.mean[run.mean.length - 1]);
    this.#progress(`Measured in your browser on ${this.dataset.model}: B = 1…${v.batch}, ${v.steps} decode steps.`);
    part(this, '[data-caption="union"]').textContent = `${unionSentence(run)} Measured on our model (${this.dataset.model}).`;
    const tbody = part(this, '[data-table="union"] tbody');
    const thead = part(this, '[data-table="union"] thead tr');
    thead.replaceChildren(...['B', ...run.union[0].map((_, l) => `layer ${l}`), 'mean'].map((t) => cell('th', t, 'col')));
    tbody.replaceChildren(
      ...tableBatches(run.batchSizes).map((b) => {
        const tr = document.createElement('tr');
        const strong = document.createElement('strong');
        strong.textContent = pct(run.mean[b - 1]);
        const last = document.createElement('td');
        last.append(strong);
        tr.append(cell('th', String(b), 'row'), ...run.union[b - 1].map((u) => cell('td', pct(u))), last);
        return tr;
      }),
    );
    void this.#drawUnion();
    void this.#drawSplit();
  }

  async #drawUnion() {
    const run = this.#run;
    const host = part(this, '[data-chart="union"]');
    if (!run || host.clientWidth < 50) return;
    const [{ batchUnionChart }] = await charts();
    const data = run.batchSizes.flatMap((batch, bi) => [
      ...run.union[bi].map((union, l) => ({ batch, series: `layer ${l}`, union })),
      { batch, series: 'mean', union: run.mean[bi] },
    ]);
    host.replaceChildren(
      batchUnionChart(data, {
        width: host.clientWidth,
        ariaLabel: 'Share of FFN neurons needed per decode step against batch size, per layer and mean',
        ariaDescription: unionSentence(run),
      }),
    );
  }

  async #drawSplit() {
    const run = this.#run;
    if (!run) return;
    const rows = splitAt(run, this.#v.hot);
    const sentence = splitSentence(rows, this.#v.hot);
    part(this, '[data-caption="split"]').textContent = sentence;
    part(this, '[data-summary]').textContent = `${unionSentence(run)} ${sentence}`;
    this.dataset.denseShare = rows.map((r) => r.denseShare.toFixed(4)).join(',');
    const host = part(this, '[data-chart="split"]');
    if (host.clientWidth < 50) return;
    const [, { batchSplitChart }] = await charts();
    const data = rows.flatMap((r) => [
      { batch: r.batch, part: 'dense, needed' as const, rows: r.denseNeeded },
      { batch: r.batch, part: 'dense, not needed' as const, rows: r.dense - r.denseNeeded },
      { batch: r.batch, part: 'sparse (cold, active)' as const, rows: r.sparse },
    ]);
    host.replaceChildren(
      batchSplitChart(data, { width: host.clientWidth, ariaLabel: 'Rows computed per step by the dense and the sparse unit, per batch size', ariaDescription: sentence }),
    );
  }
}

function cell(tag: 'th' | 'td', text: string, scope?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (scope) el.setAttribute('scope', scope);
  return el;
}

if (!customElements.get('batch-union')) customElements.define('batch-union', BatchUnion);
