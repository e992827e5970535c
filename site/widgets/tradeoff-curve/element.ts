// <offload-tradeoff>: draws the frontier of the chosen model from the data shipped with the page.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { tradeoffChart } from './chart.ts';
import { curve, type Frontiers } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class TradeoffCurve extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: Frontiers;

  start() {
    this.#data = this.json<Frontiers>();
    this.bind('model');
    this.chart('chart', (width) => {
      if (!this.#data) return null;
      const { lines, paper } = curve(this.#data, this.values.model);
      return tradeoffChart(lines, paper, text[this.lang].summaryText(this.#data, this.values.model), {
        width,
        lang: this.lang,
      });
    });
    this.state = 'done';
  }

  update() {
    if (!this.#data) return;
    this.summary(text[this.lang].summaryText(this.#data, this.values.model));
    this.redraw('chart');
  }
}

defineElement(schema, TradeoffCurve);
