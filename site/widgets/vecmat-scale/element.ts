// <vecmat-scale>: the browser half of VecMatScale.astro. When the figure nears the viewport it starts (or joins) the
// page's model worker, runs the dense-vs-gather comparison there, and shows the answer, the backend and a chart.
// Changing n, m or the zeros re-runs it (latest only); "Sweep" times a row of zero shares and ends on the slider's
// own, so what the controls say is what the table shows.
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { duration, percent } from '../_kit/format.ts';
import type { ResultOf } from '../../worker/client.ts';
import { timingChart, type Method } from './chart.ts';
import { SWEEP, scalePlan } from './model.ts';
import { schema, type VecscaleValues } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

type Result = ResultOf<'vecmat.compare'>;

class VecMatScale extends WidgetElement<typeof schema.params> {
  schema = schema;
  #runs?: Jobs<VecscaleValues[]>;
  #generation = 0;
  #debounce?: ReturnType<typeof setTimeout>;
  /** Median timings measured so far for the current n × m, by share of zeros. */
  #points = new Map<number, Record<Method, number>>();
  #shape = '';

  start() {
    const t = text[this.lang];
    const rerun = () => {
      markStale(this, t.timing);
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#submit([{ ...this.values }]), 500);
    };
    for (const k of ['n', 'm', 'zeros'] as const) this.bind(k, rerun);
    for (const k of ['n', 'm'] as const) {
      // On leaving a box, show the value in use again (a bad entry was marked and not applied).
      const input = this.control(k);
      this.listen(input, 'change', () => {
        input.removeAttribute('aria-invalid');
        input.value = String(this.values[k]);
      });
    }
    this.onStop(() => clearTimeout(this.#debounce));
    this.listen(this.find('[data-action="run"]'), 'click', () => this.#submit([{ ...this.values }]));
    this.listen(this.find('[data-action="sweep"]'), 'click', () =>
      this.#submit(
        [...SWEEP.filter((z) => z !== this.values.zeros), this.values.zeros].map((zeros) => ({
          ...this.values,
          zeros,
        })),
      ),
    );
    this.enableControls();
    const worker = this.worker();
    this.#runs = this.jobs(
      async (jobs: VecscaleValues[]) => {
        const mine = this.#generation;
        const backend = await worker.ready;
        this.find('[data-out="backend"]').textContent = backend.name;
        for (const job of jobs) {
          if (mine !== this.#generation || !this.alive) break;
          this.progress(t.computing(job));
          const r = await worker.request(
            'vecmat.compare',
            { n: job.n, m: job.m, zeroFraction: job.zeros, seed: job.seed, repeats: job.repeats },
            { onProgress: (p) => this.progress(t.computingStep(p.message)) },
          );
          if (mine === this.#generation && this.alive) this.#show(job, r);
        }
      },
      () => undefined,
      (err) => this.fail(err, undefined, t.retry),
    );
    this.chart('chart', (width) => {
      if (!this.#points.size) return undefined;
      const data = [...this.#points].flatMap(([zeros, t]) =>
        (Object.keys(t) as Method[]).map((method) => ({ zeros, method, ms: t[method] })),
      );
      return timingChart(data, { width }, this.lang);
    });
    this.#submit([{ ...this.values }]);
  }

  #submit(jobs: VecscaleValues[]) {
    clearTimeout(this.#debounce);
    this.#generation++;
    this.#runs?.submit(jobs);
  }

  update() {
    const t = text[this.lang];
    const v = this.values;
    const plan = t.plan(scalePlan(v.n, v.m, v.zeros));
    this.find('[data-plan-setup]').textContent = plan.setup;
    this.find('[data-plan-dense]').textContent = plan.dense;
    this.find('[data-plan-gather]').textContent = plan.gather;
    this.find('[data-out="zeros"]').textContent = percent(v.zeros, 0);
    this.find('[data-action="run"]').title = t.weightsTitle(scalePlan(v.n, v.m, v.zeros).denseBytes);
  }

  #show(job: VecscaleValues, r: Result) {
    const t = text[this.lang];
    const shape = `${job.n}x${job.m}`;
    if (shape !== this.#shape) {
      this.#shape = shape;
      this.#points.clear();
    }
    this.#points.set(job.zeros, {
      dense: r.denseMs,
      gather: r.gatherMs,
      loopDense: r.loopDenseMs,
      loopSkip: r.loopSkipMs,
    });
    this.dataset.points = String(this.#points.size * 4); // one marker per method and share of zeros in the chart
    const out = (name: string, text: string) => (this.find(`[data-out="${name}"]`).textContent = text);
    out('backend', r.backend);
    out('dense', duration(r.denseMs));
    out('gather', duration(r.gatherMs));
    out('loopDense', duration(r.loopDenseMs));
    out('loopSkip', duration(r.loopSkipMs));
    out('rows', t.rowsOf(r.rowsRead, r.n));
    const diff = Math.max(r.maxAbsDiff, r.loopMaxAbsDiff);
    const agree = diff === 0 ? '0' : diff.toExponential(1);
    out('diff', agree);
    this.dataset.maxAbsDiff = String(r.maxAbsDiff);
    this.dataset.backend = r.backend;
    const run = { ...r, m: job.m, zeros: job.zeros, repeats: job.repeats, agree };
    this.progress(t.done(run));
    this.summary(t.summary(run));
    const key = (v: VecscaleValues) => JSON.stringify([v.n, v.m, v.zeros, v.seed, v.repeats]);
    if (key(job) === key(this.values)) clearStale(this);
    this.redraw('chart');
  }
}

defineElement(schema, VecMatScale);
