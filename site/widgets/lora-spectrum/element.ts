// <lora-spectrum>: asks the worker for the singular values and the Eq. 4 similarity (lora.analyze) whenever the
// adapters or the matrix change, and draws both charts.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { heatmapChart, singularChart } from './chart.ts';
import { spectrumSummary, targetName, type SpectrumData } from './model.ts';
import { schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

class LoraSpectrum extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: SpectrumData;
  #names: [string, string] = ['r2', 'r8'];

  start() {
    const w = this.worker();
    const runs = this.jobs(
      (v: { a: string; b: string; target: string }) =>
        w.request('lora.analyze', v, { onProgress: (p) => this.progress(p.message) }),
      (v, r) => {
        if (JSON.stringify(v) === JSON.stringify(this.#request())) clearStale(this);
        this.#data = r;
        this.#names = [v.a, v.b];
        this.progress(`Measured in your browser: ${v.a} against ${v.b}, ${v.target}.`);
        this.summary(spectrumSummary(r, v.a, v.b));
        this.redraw();
      },
      (err) => this.fail(err, 'Could not analyse'),
    );
    const submit = () => {
      markStale(this, 'Analysing these adapters in the worker…');
      runs.submit(this.#request());
    };
    for (const name of ['a', 'b', 'layer', 'matrix'] as const) this.bind(name, submit);
    this.chart('chart', (width) => (this.#data ? singularChart(this.#data, this.#names, { width }) : null));
    this.chart('heatmap', (width) => (this.#data ? heatmapChart(this.#data, this.#names, { width }) : null));
    submit();
  }

  #request() {
    return { a: this.values.a, b: this.values.b, target: targetName(this.values.layer, this.values.matrix) };
  }
}

defineElement(schema, LoraSpectrum);
