// <spec-sampling>: the browser half of SpecSampling.astro. Distributions and the 10,000 runs come from the model
// worker (spec.node, spec.sample); one draw is lib's speculativeSampleNode run here, seeded, step by step.
// Every figure is for the inputs of the last computation: a new prompt or temperature fetches the node again (the
// figures are marked stale meanwhile, and Draw and Run wait for it); a run's figures stay only while the children
// and seed it ran with are the ones in the boxes.
import { WidgetElement, defineElement, prefersReducedMotion } from '../_kit/element.ts';
import { percent } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { seededChance } from '../../../lib/speculative/chance.ts';
import { residual, speculativeSampleNode } from '../../../lib/speculative/verify.ts';
import { mssAcceptProbability, naiveAcceptProbability } from '../../../lib/speculative/node-sampling.ts';
import { samplingNoiseTV, totalVariation } from '../../../lib/stats.ts';
import { barsChart } from './chart.ts';
import { RUNS, bars, nodeSummary, runSummary, trialText, type Bar, type NodeDists } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import type { ResultOf } from '../../worker/client.ts';

interface Node {
  prompt: string;
  temperature: number;
}
type RunResult = ResultOf<'spec.sample'>;

class SpecSampling extends WidgetElement<typeof schema.params> {
  schema = schema;
  #dists?: NodeDists;
  /** The inputs #dists was computed for. */
  #node?: Node;
  /** The last run, with the children and seed it ran with. */
  #run?: { children: number; seed: number; result: RunResult };
  /** The children and seed of the draw listed step by step. */
  #drawn?: { children: number; seed: number };
  #bars: Bar[] = [];
  #description = '';
  #draws = 0;

  start() {
    const worker = this.worker();
    const actions = () => this.querySelectorAll<HTMLButtonElement>('[data-action="draw"], [data-action="run"]');
    const load = this.jobs(
      (v: Node) => worker.request('spec.node', v, { onProgress: (p) => this.progress(p.message) }),
      (v, d) => {
        this.#dists = d;
        this.#node = v;
        this.#run = undefined;
        this.#draws = 0;
        if (d.note) this.note(d.note);
        this.progress(text[this.lang].ready(RUNS));
        for (const b of actions()) b.disabled = false;
        this.#view();
      },
    );
    const run = this.jobs(
      (v: Node & { children: number; seed: number }) =>
        worker.request('spec.sample', { ...v, runs: RUNS }, { onProgress: (p) => this.progress(p.message) }),
      (v, r) => {
        this.#run = { children: v.children, seed: v.seed, result: r };
        this.#view();
      },
    );
    // A new prompt or temperature: the node is computed again; until it arrives nothing shown is for it.
    const reload = () => {
      for (const b of actions()) b.disabled = true;
      markStale(this, text[this.lang].computing);
      load.submit({ prompt: this.values.prompt, temperature: this.values.temperature });
    };
    this.bind('prompt', reload);
    this.bind('temperature', reload);
    this.bind('children');
    this.bind('seed');
    this.listen(this.find('[data-action="run"]'), 'click', () => {
      if (!this.#node || !this.#current()) return;
      run.submit({ ...this.#node, children: this.values.children, seed: this.values.seed });
    });
    this.listen(this.find('[data-action="draw"]'), 'click', () => void this.#drawOnce());
    this.chart('chart', (width) =>
      this.#bars.length ? barsChart(this.#bars, this.#description, { width, lang: this.lang }) : null,
    );
    // The build-time view is for the shell's props: a URL that changes them makes it stale until the node arrives.
    if (['prompt', 'temperature', 'children'].some((name) => this.fromUrl.has(name))) reload();
    else load.submit({ prompt: this.values.prompt, temperature: this.values.temperature });
  }

  /** True when the node shown is for the prompt and temperature in the boxes. */
  #current(): boolean {
    const n = this.#node;
    return !!n && n.prompt === this.values.prompt && n.temperature === this.values.temperature;
  }

  update() {
    this.#view();
  }

  /** Show the node (and the run, if it ran with the current children and seed) for the current inputs. */
  #view() {
    const d = this.#dists;
    if (!d || !this.#current()) return; // stale: marked by reload(), brought up to date when the node arrives
    clearStale(this);
    const t = text[this.lang];
    const { children, seed } = this.values;
    if (this.#drawn && (this.#drawn.children !== children || this.#drawn.seed !== seed)) {
      this.find('[data-out="trial"]').replaceChildren();
      this.#drawn = undefined;
    }
    const mss = mssAcceptProbability(d.p, d.q, children),
      naive = naiveAcceptProbability(d.p, d.q, children);
    this.#description = nodeSummary(d, children, mss, naive, this.lang);
    const r = this.#run?.children === children && this.#run.seed === seed ? this.#run.result : undefined;
    if (!r) {
      this.#run = undefined;
      this.find('[data-out="mss"]').textContent = percent(mss);
      this.find('[data-out="naive"]').textContent = percent(naive);
      this.find('[data-out="noise"]').textContent = '–';
      if (!this.#drawn) this.#showBars(bars(d, [], this.lang));
      this.summary(this.#description);
      return;
    }
    const said = runSummary(r, d, this.lang);
    this.find('[data-out="mss"]').textContent = t.exactly(r.mssAccept, r.mssAcceptExact);
    this.find('[data-out="naive"]').textContent = t.exactly(r.naiveAccept, r.naiveAcceptExact);
    this.find('[data-out="noise"]').textContent = t.noise(
      totalVariation(
        r.counts.map((c) => c / r.runs),
        d.p,
      ),
      samplingNoiseTV(d.p, r.runs),
    );
    const emitted = { name: t.emittedSeries(RUNS), values: r.counts.map((c) => c / r.runs) };
    this.#showBars(bars(d, [emitted], this.lang));
    this.progress(said);
    this.summary(said);
  }

  #showBars(b: Bar[]) {
    this.#bars = b;
    this.redraw('chart');
  }

  async #drawOnce() {
    const d = this.#dists;
    if (!d || !this.#current()) return;
    const { children: k, seed } = this.values;
    this.#drawn = { children: k, seed };
    const chance = seededChance(seed * 7919 + ++this.#draws);
    const children = Array.from({ length: k }, (_, i) => ({ child: i + 1, token: chance.categorical(d.q) }));
    const trial = speculativeSampleNode(d.p, d.q, children, chance);
    const list = this.find('[data-out="trial"]');
    list.replaceChildren();
    const lines = trialText(trial, d.texts, d.q, this.lang);
    let r: ArrayLike<number> = d.p;
    this.#showBars(bars(d, [], this.lang));
    for (let i = 0; i < lines.length; i++) {
      list.append(Object.assign(document.createElement('li'), { textContent: lines[i] }));
      const c = trial.tried[i];
      if (c && !c.accepted) {
        r = residual(r, d.q);
        this.#showBars(bars(d, [{ name: text[this.lang].residualSeries, values: r }], this.lang));
      }
      if (!prefersReducedMotion()) await new Promise((done) => setTimeout(done, 500));
      if (!this.alive || this.#drawn?.children !== k || this.#drawn.seed !== seed) return;
    }
    this.summary(lines.join(' '));
  }
}

defineElement(schema, SpecSampling);
