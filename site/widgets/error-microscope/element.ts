// <error-microscope>: the example group redraws on the page as s, bits or the seed change (tiny arithmetic); the
// 10,000-group Monte Carlo runs in the model worker (quant.monteCarlo), latest settings only.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { sig } from '../_kit/format.ts';
import type { MonteCarlo } from '../../../lib/quant/microscope.ts';
import { lineChart } from './chart.ts';
import { groupScaling, groupSentence, monteCarloSentence, outOfRangeNote } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import { paramText } from '../_kit/params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

class ErrorMicroscope extends WidgetElement<typeof schema.params> {
  schema = schema;
  #runs?: { submit(v: { s: number; bits: number; seed: number }): void };

  start() {
    const lang = this.lang;
    const worker = this.worker();
    this.#runs = this.jobs(
      (v: { s: number; bits: number; seed: number }) => worker.request('quant.monteCarlo', { ...v, groupSize: 128 }),
      (v, m: MonteCarlo) => {
        const now = this.values;
        if (v.s === now.s && v.bits === now.bits && v.seed === now.seed) clearStale(this);
        this.find('[data-out="mc"]').textContent = monteCarloSentence(m, v.s, lang);
        this.progress('');
        this.state = 'done';
      },
    );
    const run = () => {
      this.state = 'running';
      // Until the worker answers, the Monte Carlo sentence is the previous settings': marked as such.
      markStale(this, text[lang].running);
      this.#runs!.submit({ s: this.values.s, bits: this.values.bits, seed: this.values.seed });
    };
    for (const name of ['s', 'bits', 'seed'] as const) {
      const box = this.bind(name, run);
      // A value outside the schema's range is not applied (the kit); say so instead of ignoring it silently.
      const p = this.schema.params[name];
      let shown: string | null = null;
      this.listen(box, 'input', () => {
        const note = outOfRangeNote(paramText(p, lang).label, box.value, p, lang);
        if (shown && shown !== note) this.clearNotes((n) => n !== shown);
        if (note) this.note(note);
        shown = note;
      });
    }
    this.chart('line', (width) =>
      lineChart(groupScaling(this.values.seed, this.values.s, this.values.bits), this.values.s, this.values.bits, {
        width,
        lang,
      }),
    );
    run();
  }

  update() {
    const { s, bits, seed } = this.values;
    const g = groupScaling(seed, s, bits);
    this.find('[data-out="s"]').textContent = sig(s, 3).toString();
    const sentence = groupSentence(g, s, this.lang);
    this.find('[data-out="group"]').textContent = sentence;
    this.summary(sentence);
    this.redraw('line');
  }
}

defineElement(schema, ErrorMicroscope);
