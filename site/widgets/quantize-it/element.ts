// <quantize-it>: each change of bits, group size or method quantizes target-v1 in the model worker (quant.evaluate),
// latest settings only, and adds a row to the runs table. The defaults' result ships with the page.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import type { ExperimentResult, Fp32Result } from '../../../lib/quant/experiment.ts';
import type { MethodName } from '../../../lib/quant/settings.ts';
import { resultSentence, row } from './model.ts';
import { schema } from './params.ts';

interface Data {
  texts: { calibration: string[]; evaluation: string };
  fp32: Fp32Result;
  first: ExperimentResult;
  tokens: number;
}
type Settings = { bits: string; group: string; method: MethodName };

class QuantizeIt extends WidgetElement<typeof schema.params> {
  schema = schema;

  start() {
    const data = this.json<Data>();
    if (!data) return;
    let worker: ReturnType<typeof this.worker> | undefined; // started only when a setting must be computed
    const seen = new Set<string>([`${data.first.bits}/${data.first.groupSize}/${data.first.method}`]);
    const show = (r: ExperimentResult, fp32: Fp32Result, tokens: number) => {
      this.find('[data-out="result"]').textContent = resultSentence(r, fp32, tokens);
      this.find('[data-out="sample"]').textContent = r.sample;
      this.summary(resultSentence(r, fp32, tokens));
      const k = `${r.bits}/${r.groupSize}/${r.method}`;
      if (!seen.has(k)) {
        seen.add(k);
        const tr = document.createElement('tr');
        for (const [i, cell] of row(r, fp32).entries())
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
          { ...data.texts, bits: Number(s.bits), groupSize: Number(s.group), method: s.method },
          { onProgress: (p) => this.progress(p.message) },
        ),
      (_s, r: { fp32: Fp32Result; result: ExperimentResult; tokens: number }) => {
        show(r.result, r.fp32, r.tokens);
        this.progress(`Done on the worker's backend.`);
        this.state = 'done';
      },
    );
    const run = () => {
      const { bits, group, method } = this.values;
      if (`${bits}/${group}/${method}` === `${data.first.bits}/${data.first.groupSize}/${data.first.method}`) {
        show(data.first, data.fp32, data.tokens);
        this.state = 'done';
        return;
      }
      this.state = 'running';
      this.find('[data-out="result"]').textContent = 'Quantizing…';
      runs.submit({ bits, group, method });
    };
    this.bind('bits', run);
    this.bind('group', run);
    this.bind('method', run);
    run();
  }
}

defineElement(schema, QuantizeIt);
