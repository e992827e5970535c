// <spec-passes>: the browser half of SpecPasses.astro. The numbers ship with the page; the select filters the chart.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { passesChart } from './chart.ts';
import { summaryText, type PassesData } from './model.ts';
import { schema } from './params.ts';

class SpecPasses extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: PassesData;

  start() {
    this.#data = this.json<PassesData>();
    const d = this.#data;
    if (!d) return;
    this.bind('decoding');
    this.chart('chart', (width) => passesChart(d.rows, this.values.decoding, { width, lang: this.lang }));
    this.state = 'done';
  }

  update() {
    if (!this.#data) return;
    this.summary(summaryText(this.#data.rows, this.values.decoding, this.lang));
    this.redraw('chart');
  }
}

defineElement(schema, SpecPasses);
