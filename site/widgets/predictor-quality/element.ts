// <predictor-quality>: the browser half of PredictorQuality.astro. The numbers are the predictor card's (shipped in
// the page); the slider selects a threshold, and the text, table and chart follow.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { recallChart } from './chart.ts';
import type { PredictorData } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class PredictorQuality extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: PredictorData;

  start() {
    this.#data = this.json<PredictorData>();
    const d = this.#data;
    if (!d) return; // no predictor trained: the static view says so
    const last = d.sweep.length - 1;
    if ((this.values.step ?? 0) > last) {
      this.note(text[this.lang].pastSweep(this.values.step ?? 0, last));
      this.values = { ...this.values, step: last };
    }
    this.bind('step');
    this.chart('chart', (width) => recallChart(d, d.sweep[this.values.step ?? 0].threshold, { width }, this.lang));
    this.state = 'done';
  }

  update() {
    const d = this.#data;
    if (!d) return;
    const step = this.values.step ?? 0;
    const p = d.sweep[step];
    const say = text[this.lang];
    const t = say.point(p, d.nFfn);
    this.find('[data-out="threshold"]').textContent = String(p.threshold);
    this.find('[data-out="recall"]').textContent = t.recall;
    this.find('[data-out="computed"]').textContent = t.computed;
    this.find('[data-out="loss"]').textContent = t.loss;
    for (const row of this.querySelectorAll<HTMLElement>('tr[data-i]'))
      row.dataset.selected = String(row.dataset.i === String(step));
    this.summary(say.summary(p, d.nFfn));
    this.redraw('chart');
  }
}

defineElement(schema, PredictorQuality);
