// <quantize-it>: each change of model, bits, group size or method quantizes that model in the model worker
// (quant.evaluate), latest settings only, and adds a row to the runs table with its paired interval against fp32;
// the sentence below compares the run with the previous one. The defaults' result ships with the page.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import type { ExperimentResult, Fp32Result } from '../../../lib/quant/experiment.ts';
import type { MethodName, QuantModelName } from '../../../lib/quant/settings.ts';
import { comparisonSentence, resultSentence, row, type Run } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

interface Data {
  texts: { calibration: string[]; evaluation: string };
  fp32: Fp32Result;
  first: ExperimentResult;
  tokens: number;
}
type Settings = { model: QuantModelName; bits: string; group: string; method: MethodName };
const FIRST_MODEL: QuantModelName = 'target-v1'; // the build computes the defaults on the trained model

class QuantizeIt extends WidgetElement<typeof schema.params> {
  schema = schema;

  start() {
    const data = this.json<Data>();
    if (!data) return;
    const lang = this.lang;
    const t = text[lang];
    let worker: ReturnType<typeof this.worker> | undefined; // started only when a setting must be computed
    const keyOf = (model: string, bits: number | string, group: number | string, method: string) =>
      `${model}/${bits}/${group}/${method}`;
    const firstKey = keyOf(FIRST_MODEL, data.first.bits, data.first.groupSize, data.first.method);
    const seen = new Set<string>([firstKey]);
    let previous: Run | undefined;
    const show = (model: QuantModelName, r: ExperimentResult, fp32: Fp32Result, tokens: number) => {
      const sentence = resultSentence(r, fp32, tokens, model, lang);
      const now: Run = { model, result: r, fp32 };
      const k = keyOf(model, r.bits, r.groupSize, r.method);
      const before =
        previous && keyOf(previous.model, previous.result.bits, previous.result.groupSize, previous.result.method) !== k
          ? previous
          : undefined;
      this.find('[data-out="result"]').textContent = sentence;
      this.find('[data-out="compare"]').textContent = comparisonSentence(now, before, lang);
      this.find('[data-out="fp32-sample"]').textContent = fp32.sample;
      this.find('[data-out="sample"]').textContent = r.sample;
      this.summary(sentence);
      previous = now;
      if (!seen.has(k)) {
        seen.add(k);
        const tr = document.createElement('tr');
        for (const [i, cell] of row(r, fp32, model, lang).entries())
          tr.append(
            Object.assign(document.createElement(i === 0 ? 'th' : 'td'), {
              textContent: cell,
              ...(i === 0 ? { scope: 'row' } : {}),
            }),
          );
        this.find('[data-runs]').append(tr);
      }
    };
    const runs = this.jobs(
      (s: Settings) =>
        (worker ??= this.worker()).request(
          'quant.evaluate',
          { ...data.texts, model: s.model, bits: Number(s.bits), groupSize: Number(s.group), method: s.method },
          { onProgress: (p) => this.progress(p.message) },
        ),
      (s, r: { fp32: Fp32Result; result: ExperimentResult; tokens: number }) => {
        show(s.model, r.result, r.fp32, r.tokens);
        this.progress(t.done);
        this.state = 'done';
      },
    );
    const run = () => {
      const { model, bits, group, method } = this.values;
      if (keyOf(model, bits, group, method) === firstKey) {
        show(model, data.first, data.fp32, data.tokens);
        this.state = 'done';
        return;
      }
      this.state = 'running';
      // Nothing shown may come from other settings than these: clear until the worker answers.
      this.find('[data-out="result"]').textContent = t.quantizing;
      this.find('[data-out="compare"]').textContent = '';
      this.find('[data-out="sample"]').textContent = '';
      runs.submit({ model, bits, group, method });
    };
    this.bind('model', run);
    this.bind('bits', run);
    this.bind('group', run);
    this.bind('method', run);
    run();
  }
}

defineElement(schema, QuantizeIt);
