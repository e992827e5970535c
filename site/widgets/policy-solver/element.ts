// <offload-policy>: the browser half of PolicySolver.astro. Every change sends the settings to the model worker
// (`offload.solve`, latest only) and redraws the bars and the decode costs from the answer.
import { tokensPerSecond } from '../schedule-animator/rate.ts';
import type { SolveAnswer } from '../../../lib/offload/solve-request.ts';
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { duration } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { GiB } from '../../../lib/hardware/offload-machine.ts';
import { termChart, tierChart } from './chart.ts';
import { bars, requestOf, terms } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class PolicySolver extends WidgetElement<typeof schema.params> {
  schema = schema;
  #answer?: SolveAnswer;
  /** The note on the last answer when no policy fits (replaced by the next answer). */
  #infeasible?: string;

  start() {
    const t = text[this.lang];
    this.#answer = this.json<SolveAnswer>();
    const worker = this.worker();
    const runs = this.jobs(
      (v: typeof this.values) =>
        worker.request('offload.solve', requestOf(v), { onProgress: (p) => this.progress(p.message) }),
      (_v, answer) => {
        this.#answer = answer;
        clearStale(this); // done() runs only for the latest settings (jobs() drops older answers)
        this.progress('');
        this.state = 'done';
        this.#show();
      },
    );
    // Until the answer arrives, the figures shown are for the previous settings (or, on a URL's first view, the
    // shell's build-time settings): marked stale meanwhile.
    const rerun = (changed = true) => {
      this.state = 'running';
      if (changed) markStale(this, t.solving);
      runs.submit({ ...this.values });
    };
    for (const name of ['model', 'gpu', 'cpu', 'disk', 'pcie', 'diskRead', 'compress', 'delegate'] as const)
      this.bind(name, () => rerun());
    this.chart('bars', (width) => {
      const a = this.#answer;
      if (!a || a.status !== 'optimal') return null;
      const c = a.policy.capacityGB;
      return tierChart(
        bars(this.values, a),
        { GPU: c.gpuDecode * GiB, CPU: c.cpuDecode * GiB, disk: c.disk * GiB },
        t.summaryText(this.values, a),
        { width, lang: this.lang },
      );
    });
    this.chart('terms', (width) => {
      const a = this.#answer;
      if (!a || a.status !== 'optimal') return null;
      return termChart(terms(a), t.termList(terms(a)), { width, lang: this.lang });
    });
    rerun(this.fromUrl.size > 0);
  }

  update() {
    for (const name of ['gpu', 'cpu', 'disk', 'pcie', 'diskRead'] as const)
      this.find(`[data-out="${name}"]`).textContent = String(this.values[name]);
    const d = this.control<HTMLInputElement>('delegate');
    d.disabled = this.values.compress; // FlexGen turns delegation off with compression
  }

  #show() {
    const a = this.#answer;
    if (!a) return;
    const t = text[this.lang];
    const p = a.status === 'optimal' ? a.policy : null;
    this.clearNotes((n) => n !== this.#infeasible); // keep the notes about the URL
    this.#infeasible = !p && a.status === 'infeasible' ? t.noPolicy(a.reason) : undefined;
    if (this.#infeasible) this.note(this.#infeasible);
    this.find('[data-out="policy"]').textContent = p ? t.policy(p.gbs, p.nb, p.bls) : t.infeasible;
    this.find('[data-out="throughput"]').textContent = p ? tokensPerSecond(p.throughput) : '–';
    this.find('[data-out="latency"]').textContent = p ? duration(p.blockSeconds * 1000) : '–';
    this.find('[data-out="binding"]').textContent = p ? t.terms[p.decode.binding] : '–';
    const sentence = t.summaryText(this.values, a);
    this.find('[data-out="summary"]').firstChild!.textContent = `${sentence} `;
    this.summary(sentence);
    this.redraw();
  }
}

defineElement(schema, PolicySolver);
