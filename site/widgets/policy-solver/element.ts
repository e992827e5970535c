// <offload-policy>: the browser half of PolicySolver.astro. Every change sends the settings to the model worker
// (`offload.solve`, latest only) and redraws the bars and the decode costs from the answer.
import { tokensPerSecond } from '../schedule-animator/rate.ts';
import type { SolveAnswer } from '../../../lib/offload/solve-request.ts';
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { duration, plural } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { GiB } from '../../../lib/hardware/offload-machine.ts';
import { termChart, tierChart } from './chart.ts';
import { TERM_NAMES, bars, requestOf, summaryText, terms } from './model.ts';
import { schema } from './params.ts';

class PolicySolver extends WidgetElement<typeof schema.params> {
  schema = schema;
  #answer?: SolveAnswer;

  start() {
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
      if (changed) markStale(this, 'Solving for these settings…');
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
        summaryText(this.values, a),
        { width },
      );
    });
    this.chart('terms', (width) => {
      const a = this.#answer;
      if (!a || a.status !== 'optimal') return null;
      return termChart(
        terms(a),
        terms(a)
          .map((t) => `${t.name} ${duration(t.ms)}${t.binding ? ' (binding)' : ''}`)
          .join('; '),
        { width },
      );
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
    const p = a.status === 'optimal' ? a.policy : null;
    this.clearNotes((n) => !n.startsWith('No policy fits')); // keep the notes about the URL
    if (!p && a.status === 'infeasible') this.note(`No policy fits: ${a.reason}.`);
    this.find('[data-out="policy"]').textContent = p
      ? `${p.gbs} × ${p.nb} = ${plural(p.bls, 'sequence', 'sequences')}`
      : 'infeasible';
    this.find('[data-out="throughput"]').textContent = p ? tokensPerSecond(p.throughput) : '–';
    this.find('[data-out="latency"]').textContent = p ? duration(p.blockSeconds * 1000) : '–';
    this.find('[data-out="binding"]').textContent = p ? TERM_NAMES[p.decode.binding] : '–';
    const text = summaryText(this.values, a);
    this.find('[data-out="summary"]').firstChild!.textContent = `${text} `;
    this.summary(text);
    this.redraw();
  }
}

defineElement(schema, PolicySolver);
