// <offload-compression>: picks the measured row for the chosen widths and redraws.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { bytes } from '../_kit/format.ts';
import { compressionChart } from './chart.ts';
import { lossChange, memory, pick, type CompressionData } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class CompressionLoss extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: CompressionData;

  start() {
    this.#data = this.json<CompressionData>();
    this.bind('weights');
    this.bind('cache');
    this.chart('chart', (width) => {
      const d = this.#data;
      if (!d) return null;
      return compressionChart(
        d.rows,
        pick(d, this.values.weights, this.values.cache),
        text[this.lang].summaryText(d, this.values.weights, this.values.cache),
        { width, lang: this.lang },
      );
    });
    this.state = 'done';
  }

  update() {
    const d = this.#data;
    if (!d) return;
    const { weights, cache } = this.values;
    const r = pick(d, weights, cache);
    const m = memory(d, weights, cache);
    this.find('[data-out="delta"]').textContent = r ? lossChange(r.delta) : '–';
    this.find('[data-out="ppl"]').textContent = r ? String(r.perplexity) : '–';
    this.find('[data-out="weights"]').textContent = bytes(m.weights);
    this.find('[data-out="kv"]').textContent = bytes(m.kvPerToken);
    this.summary(text[this.lang].summaryText(d, weights, cache));
    this.redraw('chart');
  }
}

defineElement(schema, CompressionLoss);
