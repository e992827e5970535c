// <ffn-race>: the browser half of FfnRace.astro. Near the viewport it asks the page's model worker to race the dense
// FFN against the sparse one (`sparsity.race`, the kernels of lib/sparsity/race.ts) and shows the times, the backend
// and the largest difference. Changing the layer or sparsity re-runs it (only the latest is kept); "Sweep" times a
// row of sparsities for the chart, one after another. While races run, the button that started them (Run again for
// the automatic ones) reads Cancel: a sweep holds the worker, and every widget's requests wait behind it.
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { duration, percent } from '../_kit/format.ts';
import type { ResultOf } from '../../worker/client.ts';
import { CancelledError } from '../../worker/protocol.ts';
import type { ModelName } from '../../worker/models.ts';
import { speedupChart } from './chart.ts';
import { RACE_SWEEP, diff, speedup } from './model.ts';
import { schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

type Race = { layer: number; sparsity?: number; repeats: number };
/** Races to run one after another, and the button that asked for them (it reads Cancel meanwhile). */
type Batch = { races: Race[]; by: 'run' | 'sweep' };
type Result = ResultOf<'sparsity.race'>;

class FfnRace extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: { active: number[]; nFfn: number; nLayer: number };
  #runs?: Jobs<Batch>;
  /** The batch running now: aborting it cancels its request in the worker. */
  #running?: AbortController;
  /** Counts submitted batches: a sweep stops showing results once a newer batch was asked for. */
  #generation = 0;
  #debounce?: ReturnType<typeof setTimeout>;
  /** Speed-ups timed so far for the current layer, by sparsity. */
  #points = new Map<number, { js: number; simd?: number; tfjs: number; tfName: string }>();
  #pointsLayer = -1;

  start() {
    const t = text[this.lang];
    const data = (this.#data = this.json());
    if (!data || !this.dataset.model) return;
    if (this.values.layer > data.nLayer - 1) {
      this.note(t.layerClamped(this.key, this.values.layer, data.nLayer - 1));
      this.values = { ...this.values, layer: data.nLayer - 1 };
    }
    const rerun = () => {
      markStale(this, t.racing);
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#submit([this.#race()], 'run'), 400);
    };
    this.bind('layer', rerun);
    this.bind('exact', rerun);
    this.bind('sparsity', () => {
      if (this.values.exact) this.set({ exact: false });
      rerun();
    });
    this.onStop(() => clearTimeout(this.#debounce));
    const buttons = {
      run: this.find<HTMLButtonElement>('[data-action="run"]'),
      sweep: this.find<HTMLButtonElement>('[data-action="sweep"]'),
    };
    const labels = { run: buttons.run.textContent ?? '', sweep: buttons.sweep.textContent ?? '' };
    /** The button reading Cancel now (the one that started the running batch). */
    let cancels: 'run' | 'sweep' | undefined;
    const cancelled = (by: 'run' | 'sweep') => {
      if (cancels !== by) return false;
      this.#running?.abort();
      return true;
    };
    this.listen(buttons.run, 'click', () => cancelled('run') || this.#submit([this.#race()], 'run'));
    this.listen(
      buttons.sweep,
      'click',
      () =>
        cancelled('sweep') ||
        // The sweep ends on the controls' own setting, so what they say is what the table shows.
        this.#submit(
          [
            ...RACE_SWEEP.filter((s) => this.values.exact || s !== this.values.sparsity).map((s) => ({
              layer: this.values.layer,
              sparsity: s,
              repeats: this.values.repeats,
            })),
            this.#race(),
          ],
          'sweep',
        ),
    );
    this.enableControls();
    const worker = this.worker();
    this.#runs = this.jobs(
      async ({ races, by }: Batch) => {
        const mine = this.#generation;
        const running = (this.#running = new AbortController());
        cancels = by;
        buttons[by].textContent = t.cancel;
        try {
          const backend = await worker.ready;
          this.find('[data-out="backend"]').textContent = backend.name;
          for (const race of races) {
            if (mine !== this.#generation || !this.alive) break;
            this.progress(t.racingLayer(race.layer, race.sparsity));
            const r = await worker.request(
              'sparsity.race',
              { model: this.dataset.model as ModelName, ...race },
              { onProgress: (p) => this.progress(p.message), signal: running.signal },
            );
            if (mine === this.#generation && this.alive) this.#show(race, r);
          }
        } catch (err) {
          // Cancelled with newer races already asked for: those run next, so this one ends quietly.
          if (!(err instanceof CancelledError && mine !== this.#generation)) throw err;
        } finally {
          this.#running = undefined;
          cancels = undefined;
          buttons[by].textContent = labels[by];
        }
      },
      () => undefined,
      (err) => {
        if (!(err instanceof CancelledError)) return this.fail(err, t.couldNotRace, t.retry);
        this.state = 'ready';
        this.progress(t.cancelled(labels.run));
      },
    );
    this.chart('chart', (width) => {
      if (!this.#points.size) return undefined;
      const data = [...this.#points].flatMap(([s, p]) => [
        { sparsity: s, kernel: t.plainJs, speedup: p.js },
        ...(p.simd === undefined ? [] : [{ sparsity: s, kernel: t.simd, speedup: p.simd }]),
        { sparsity: s, kernel: p.tfName, speedup: p.tfjs },
      ]);
      return speedupChart(data, { width }, this.lang);
    });
    this.#submit([this.#race()], 'run');
  }

  #race(): Race {
    return {
      layer: this.values.layer,
      sparsity: this.values.exact ? undefined : this.values.sparsity,
      repeats: this.values.repeats,
    };
  }

  #submit(races: Race[], by: Batch['by']) {
    clearTimeout(this.#debounce);
    this.#generation++;
    this.#runs?.submit({ races, by });
  }

  update() {
    const v = this.values;
    const t = text[this.lang];
    this.find('[data-out="sparsity"]').textContent = v.exact ? t.exactSet : percent(v.sparsity, 0);
    if (this.#runs) this.control<HTMLInputElement>('exact').checked = v.exact;
    const a = this.#data?.active[v.layer];
    if (a !== undefined && this.#data) this.find('[data-plan]').textContent = t.plan(v.layer, a, this.#data.nFfn);
  }

  #show(race: Race, r: Result) {
    const t = text[this.lang];
    const nFfn = this.#data!.nFfn;
    const row = (kernel: string, side: Result['js'] | null) => {
      const tr = this.find(`tr[data-kernel="${kernel}"]`);
      const cell = (name: string, text: string) =>
        ((tr.querySelector(`[data-cell="${name}"]`) as HTMLElement).textContent = text);
      cell('dense', side ? duration(side.denseMs) : t.noSimd); // no side: this browser has no WebAssembly SIMD
      cell('sparse', side ? duration(side.sparseMs) : '–');
      cell('speedup', side ? speedup(side.speedup) : '–');
      cell('diff', side ? diff(side.maxAbsDiff) : '–');
    };
    const sides = [r.js, r.tfjs, ...(r.simd ? [r.simd] : [])];
    const maxAbsDiff = Math.max(...sides.map((s) => s.maxAbsDiff));
    row('js', r.js);
    row('simd', r.simd);
    row('tfjs', r.tfjs);
    const out = (name: string, text: string) => (this.find(`[data-out="${name}"]`).textContent = text);
    out('tfname', t.tfGather(r.tfjs.backend));
    out('backend', r.tfjs.backend);
    out('computed', t.computed(r.js.activeCount, nFfn, r.js.sparsity));
    out('ideal', speedup(r.js.idealSpeedup));
    this.dataset.backend = r.tfjs.backend;
    this.dataset.maxAbsDiff = String(maxAbsDiff);
    const missed = race.sparsity !== undefined && maxAbsDiff > 1e-4;
    this.progress(
      t.done({ backend: r.tfjs.backend, missed, sparsity: r.js.sparsity, trueActive: r.js.trueActiveCount }),
    );
    this.summary(t.summary(r.js, r.simd, r.tfjs, nFfn));
    if (JSON.stringify(race) === JSON.stringify(this.#race())) clearStale(this);
    if (race.layer !== this.#pointsLayer) {
      this.#points.clear();
      this.#pointsLayer = race.layer;
    }
    this.#points.set(r.js.sparsity, {
      js: r.js.speedup,
      simd: r.simd?.speedup,
      tfjs: r.tfjs.speedup,
      tfName: t.tfOn(r.tfjs.backend),
    });
    this.redraw('chart');
  }
}

defineElement(schema, FfnRace);
