// <neuron-cache-sim>: the browser half of NeuronCacheSim.astro. Near the viewport it asks the model worker to replay
// the held-out text's trace through the segmented cache at every memory size of the slider's grid (cache.simulate),
// for the current hot share, bundling and neuron size. Moving the memory slider then only looks the answer up, so the
// numbers follow the keyboard at once; changing anything else replays again (latest only).
import { missRead, storageCurvePoints } from '../../../lib/hardware/storage-curve.ts';
import { vectorBytes } from '../../../lib/hardware/neuron-bytes.ts';
import type { CachePoint, CacheSettings } from '../../../lib/sparsity/cache-sweep.ts';
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { percent } from '../_kit/format.ts';
import type { ModelName } from '../../worker/models.ts';
import { ufsChart, sweepChart } from './chart.ts';
import { cacheFigures } from './model.ts';
import { MEMORY_GRID, schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

type Job = CacheSettings & { memories: number[] };
const settingsKey = (v: CacheSettings) => `${v.hot}|${v.bundle}|${v.neuron}`;

class NeuronCacheSim extends WidgetElement<typeof schema.params> {
  schema = schema;
  /** Results by settings key, then by memory share. */
  #points = new Map<string, Map<number, CachePoint>>();
  #runs?: Jobs<Job>;

  start() {
    this.chart('ufs', (width) => {
      const read = this.#read();
      return ufsChart(
        storageCurvePoints(),
        { bytes: Math.max(4096, read.fetched), bandwidth: read.bandwidth },
        { width, lang: this.lang },
      );
    });
    const d = this.dataset;
    if (!d.model) return;
    for (const k of ['memory', 'hot', 'bundle', 'neuron'] as const) this.bind(k);
    const worker = this.worker();
    this.#runs = this.jobs(
      (job: Job) =>
        worker
          .request(
            'cache.simulate',
            { model: d.model as ModelName, text: d.text ?? '', ...job },
            { onProgress: (p) => this.progress(p.message) },
          )
          .then((r) => r.points),
      (job, pts) => {
        const m = this.#points.get(settingsKey(job)) ?? new Map<number, CachePoint>();
        for (const pt of pts) m.set(pt.memory, pt);
        this.#points.set(settingsKey(job), m);
        this.progress(text[this.lang].replayedHere(d.model ?? ''));
        this.update();
      },
    );
    for (const name of ['hit', 'io'] as const)
      this.chart(name, (width) => {
        const have = this.#points.get(settingsKey(this.values));
        return have && sweepChart([...have.values()], this.values.memory, name, { width, lang: this.lang });
      });
  }

  #read() {
    return missRead(vectorBytes(this.values.neuron, Number(this.dataset.nEmbd)), this.values.bundle);
  }

  /** Show the current point if computed, otherwise ask the worker for this setting's whole grid. */
  update() {
    const t = text[this.lang];
    const v = this.values;
    this.find('[data-out="memory"]').textContent = percent(v.memory, 0);
    this.find('[data-out="hot"]').textContent = percent(v.hot, 0);
    this.find('[data-read]').textContent = t.missSentence(this.#read());
    this.redraw('ufs');
    if (!this.#runs) return;
    const pt = this.#points.get(settingsKey(v))?.get(v.memory);
    if (!pt) {
      markStale(this, t.replaying);
      const memories = [...new Set([...MEMORY_GRID, v.memory])].sort((a, b) => a - b);
      this.#runs.submit({ hot: v.hot, bundle: v.bundle, neuron: v.neuron, memories });
      return;
    }
    clearStale(this);
    for (const [k, figure] of Object.entries(cacheFigures(pt))) {
      const el = this.querySelector(`[data-out="${k}"]`);
      if (el) el.textContent = figure;
    }
    this.dataset.hitRate = String(pt.hitRate);
    this.dataset.ioMs = String(pt.ioMsPerToken);
    const sentence = t.cacheSentence(pt, v);
    this.find('[data-caption]').textContent = sentence;
    this.summary(sentence);
    this.redraw('hit');
    this.redraw('io');
  }
}

defineElement(schema, NeuronCacheSim);
