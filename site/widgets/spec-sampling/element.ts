// <spec-sampling>: the browser half of SpecSampling.astro. Distributions and the 10,000 runs come from the model
// worker (spec.node, spec.sample); one draw is lib's speculativeSampleNode run here, seeded, step by step.
import { WidgetElement, defineElement, prefersReducedMotion } from '../_kit/element.ts';
import { percent } from '../_kit/format.ts';
import { seededChance } from '../../../lib/speculative/chance.ts';
import { residual, speculativeSampleNode } from '../../../lib/speculative/verify.ts';
import { mssAcceptProbability, naiveAcceptProbability } from '../../../lib/speculative/node-sampling.ts';
import { barsChart } from './chart.ts';
import { bars, nodeSummary, runSummary, trialText, type Bar, type NodeDists } from './model.ts';
import { schema } from './params.ts';

class SpecSampling extends WidgetElement<typeof schema.params> {
  schema = schema;
  #dists?: NodeDists;
  #bars: Bar[] = [];
  #description = '';
  #draws = 0;

  start() {
    const worker = this.worker();
    for (const name of ['prompt', 'temperature', 'children', 'seed'] as const) this.bind(name);
    const load = this.jobs(
      (v: { prompt: string; temperature: number }) =>
        worker.request('spec.node', v, { onProgress: (p) => this.progress(p.message) }),
      (_, d) => {
        this.#dists = d;
        if (d.note) this.note(d.note);
        this.#draws = 0;
        this.find('[data-out="trial"]').replaceChildren();
        this.#show(bars(d));
        this.progress('Ready: draw once, or run 10,000 times.');
        for (const b of this.querySelectorAll('button')) (b as HTMLButtonElement).disabled = false;
      },
    );
    const run = this.jobs(
      (v: { prompt: string; temperature: number; children: number; seed: number }) =>
        worker.request('spec.sample', { ...v, runs: 10_000 }, { onProgress: (p) => this.progress(p.message) }),
      (_, r) => {
        const d = this.#dists;
        if (!d) return;
        this.#show(bars(d, [{ name: 'emitted (10,000 runs)', values: r.counts.map((c) => c / r.runs) }]));
        this.find('[data-out="mss"]').textContent = `${percent(r.mssAccept)} (exactly ${percent(r.mssAcceptExact)})`;
        this.find('[data-out="naive"]').textContent =
          `${percent(r.naiveAccept)} (exactly ${percent(r.naiveAcceptExact)})`;
        const text = runSummary(r, d);
        this.progress(text);
        this.summary(text);
      },
    );
    const current = () => ({
      prompt: this.values.prompt,
      temperature: this.values.temperature,
      children: this.values.children,
      seed: this.values.seed,
    });
    this.listen(this.find('[data-action="load"]'), 'click', () => load.submit(current()));
    this.listen(this.find('[data-action="run"]'), 'click', () => this.#dists && run.submit(current()));
    this.listen(this.find('[data-action="draw"]'), 'click', () => void this.#drawOnce());
    this.chart('chart', (width) => (this.#bars.length ? barsChart(this.#bars, this.#description, { width }) : null));
    load.submit(current());
  }

  update() {
    const d = this.#dists;
    if (!d) return;
    const k = this.values.children;
    const mss = mssAcceptProbability(d.p, d.q, k),
      naive = naiveAcceptProbability(d.p, d.q, k);
    this.find('[data-out="mss"]').textContent = percent(mss);
    this.find('[data-out="naive"]').textContent = percent(naive);
    this.summary(nodeSummary(d, k, mss, naive));
  }

  #show(b: Bar[]) {
    const d = this.#dists!;
    this.#bars = b;
    this.#description = nodeSummary(
      d,
      this.values.children,
      mssAcceptProbability(d.p, d.q, this.values.children),
      naiveAcceptProbability(d.p, d.q, this.values.children),
    );
    this.redraw('chart');
  }

  async #drawOnce() {
    const d = this.#dists;
    if (!d) return;
    const chance = seededChance(this.values.seed * 7919 + ++this.#draws);
    const children = Array.from({ length: this.values.children }, (_, i) => ({
      child: i + 1,
      token: chance.categorical(d.q),
    }));
    const trial = speculativeSampleNode(d.p, d.q, children, chance);
    const list = this.find('[data-out="trial"]');
    list.replaceChildren();
    const lines = trialText(trial, d.texts, d.q);
    let r: ArrayLike<number> = d.p;
    for (let i = 0; i < lines.length; i++) {
      list.append(Object.assign(document.createElement('li'), { textContent: lines[i] }));
      const c = trial.tried[i];
      if (c && !c.accepted) {
        r = residual(r, d.q);
        this.#show(bars(d, [{ name: 'residual', values: r }]));
      }
      if (!prefersReducedMotion()) await new Promise((done) => setTimeout(done, 500));
      if (!this.alive) return;
    }
    this.summary(lines.join(' '));
  }
}

defineElement(schema, SpecSampling);
