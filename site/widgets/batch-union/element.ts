// <batch-union>: the browser half of BatchUnion.astro. Near the viewport it asks the page's model worker to decode
// the batch (batch.measure), then draws the union against B and the dense/sparse split. The hot-share slider is pure
// arithmetic on the run (no new request); the other controls rerun it, latest settings only.
import { splitAt, type BatchRun } from '../../../lib/sparsity/batch-split.ts';
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { numberValue, percent } from '../_kit/format.ts';
import type { ModelName } from '../../worker/models.ts';
import { splitChart, unionChart } from './chart.ts';
import { tableBatches } from './model.ts';
import { schema, settingsOf, type BatchValues } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

class BatchUnion extends WidgetElement<typeof schema.params> {
  schema = schema;
  #run?: BatchRun;
  #runs?: Jobs<BatchValues>;
  #debounce?: ReturnType<typeof setTimeout>;

  start() {
    const t = text[this.lang];
    const d = this.dataset;
    if (!d.model) return; // no trained model: the static view says so
    const worker = this.worker();
    this.#runs = this.jobs(
      (v: BatchValues) =>
        worker.request(
          'batch.measure',
          { model: d.model as ModelName, text: d.text ?? '', prompt: v.prompt, ...settingsOf(v) },
          { onProgress: (p) => this.progress(p.message) },
        ),
      (v, run) => this.#show(v, run),
      (err) => this.fail(err, undefined, t.pressRun),
    );
    const rerun = () => {
      markStale(this, t.measuring);
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#submit(), 400);
    };
    for (const k of ['size', 'steps', 'temperature', 'seed'] as const) this.bind(k, rerun);
    this.bind('hot');
    this.listen(this.find('[data-action="run"]'), 'click', () => this.#submit());
    this.onStop(() => clearTimeout(this.#debounce));
    this.enableControls();
    this.chart('union', (width) => this.#run && unionChart(this.#run, { width, lang: this.lang }));
    this.chart(
      'split',
      (width) =>
        this.#run && splitChart(splitAt(this.#run, this.values.hot), this.values.hot, { width, lang: this.lang }),
    );
    this.#submit();
  }

  update() {
    const t = text[this.lang];
    const v = this.values;
    this.find('[data-out="prompt"]').textContent = v.prompt;
    this.find('[data-out="size"]').textContent = String(v.size);
    this.find('[data-out="temperature"]').textContent = t.temperature(v.temperature);
    this.find('[data-out="hot"]').textContent = percent(v.hot, 0);
    const run = this.#run;
    if (!run) return;
    const rows = splitAt(run, v.hot);
    const sentence = t.splitSentence(rows, v.hot);
    this.find('[data-caption="split"]').textContent = sentence;
    this.summary(`${t.unionSentence(run)} ${sentence}`);
    this.dataset.denseShare = rows.map((r) => numberValue(r.denseShare, 4)).join(',');
    this.redraw('split');
  }

  #submit() {
    clearTimeout(this.#debounce);
    this.progress(text[this.lang].decoding(this.values.size));
    this.#runs?.submit({ ...this.values });
  }

  #show(v: BatchValues, run: BatchRun) {
    const t = text[this.lang];
    this.#run = run;
    const current = (x: BatchValues) => JSON.stringify([x.prompt, settingsOf(x)]);
    if (current(v) === current(this.values)) clearStale(this);
    this.dataset.meanMax = String(run.mean[run.mean.length - 1]);
    this.progress(t.measuredHere(this.dataset.model ?? '', v.size, v.steps));
    this.find('[data-caption="union"]').textContent = t.unionSentence(run);
    const cell = (tag: 'th' | 'td', text: string, scope?: string) => {
      const el = document.createElement(tag);
      el.textContent = text;
      if (scope) el.setAttribute('scope', scope);
      return el;
    };
    this.find('[data-table="union"] thead tr').replaceChildren(
      ...['B', ...run.union[0].map((_, l) => t.layer(l)), t.mean].map((t) => cell('th', t, 'col')),
    );
    this.find('[data-table="union"] tbody').replaceChildren(
      ...tableBatches(run.batchSizes).map((b) => {
        const tr = document.createElement('tr');
        const mean = cell('td', '');
        mean.append(Object.assign(document.createElement('strong'), { textContent: percent(run.mean[b - 1]) }));
        tr.append(cell('th', String(b), 'row'), ...run.union[b - 1].map((u) => cell('td', percent(u))), mean);
        return tr;
      }),
    );
    this.redraw('union');
    this.update();
  }
}

defineElement(schema, BatchUnion);
