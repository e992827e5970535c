// <lora-rank>: recounts the table when the rank or the matrices change (pure arithmetic, no worker).
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { rankRows, rowCells, rankSummary } from './model.ts';
import { schema } from './params.ts';

class LoraRank extends WidgetElement<typeof schema.params> {
  schema = schema;

  start() {
    this.bind('r');
    this.bind('matrices');
    this.state = 'done';
  }

  update() {
    const { r, matrices } = this.values;
    this.find('[data-out="r"]').textContent = String(r);
    rankRows(r, matrices).forEach((x, i) => {
      const c = rowCells(x, this.lang);
      for (const [k, v] of Object.entries(c)) this.find(`tr[data-row="${i}"] [data-cell="${k}"]`).textContent = v;
    });
    this.summary(rankSummary(r, matrices, this.lang));
  }
}

defineElement(schema, LoraRank);
