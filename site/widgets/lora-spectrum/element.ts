// <lora-spectrum>: asks the worker for the singular values and the Eq. 4 similarity (lora.analyze) whenever the
// adapters or the matrix change, and draws both charts.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { heatmapChart, singularChart } from './chart.ts';
import { spectrumSummary, targetName, type SpectrumData } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

class LoraSpectrum extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: SpectrumData;
  #names: [string, string] = ['r2', 'r8'];

  start() {
    const lang = this.lang;
    const t = text[lang];
    const w = this.worker();
    const runs = this.jobs(
      (v: { a: string; b: string; target: string }) =>
        w.request('lora.analyze', v, { onProgress: (p) => this.progress(p.message) }),
      (v, r) => {
        if (JSON.stringify(v) === JSON.stringify(this.#request())) clearStale(this);
        this.#data = r;
        this.#names = [t.adapter(v.a), t.adapter(v.b)];
        this.progress(t.inBrowser(this.#names[0], this.#names[1], v.target));
        this.summary(spectrumSummary(r, v.a, v.b, lang));
        this.redraw();
      },
      (err) => this.fail(err, t.couldNot),
    );
    const submit = () => {
      markStale(this, t.analysing);
      runs.submit(this.#request());
    };
    for (const name of ['a', 'b', 'layer', 'matrix'] as const) this.bind(name, submit);
    this.chart('chart', (width) => (this.#data ? singularChart(this.#data, this.#names, { width, lang }) : null));
    this.chart('heatmap', (width) => (this.#data ? heatmapChart(this.#data, this.#names, { width, lang }) : null));
    submit();
  }

  #request() {
    return { a: this.values.a, b: this.values.b, target: targetName(this.values.layer, this.values.matrix) };
  }
}

defineElement(schema, LoraSpectrum);
