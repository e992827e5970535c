// <neuron-cache-sim>: the browser half of NeuronCacheSim.astro. Near the viewport it asks the model worker to
// profile the held-out text and replay it through the segmented cache at every budget of the slider's grid
// (phone.cache), for the current hot share, bundling and neuron size. Moving the budget slider then only looks the
// answer up, so the numbers follow the keyboard at once; changing anything else replays again (latest only).
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker } from '../worker/client.ts';
import type { ModelName } from '../worker/models.ts';
import {
  BUDGET_GRID,
  CACHE_EXTRA_CONTROLS,
  CACHE_SPEC,
  cacheFigures,
  cacheSentence,
  coldRead,
  ufsCurve,
  type CachePoint,
  type CacheValues,
} from './neuron-cache-sim-model.ts';
import { fmtBytes, pct } from './phone-common.ts';
import { Latest, enableControls, hideControls, onWidth, part, showNotes } from './phone-widget.ts';

type Settings = Omit<CacheValues, 'budget'> & { budgets: number[] };
type ChartMods = [typeof import('../charts/cache-sweep-chart.ts'), typeof import('../charts/ufs-chart.ts')];
let plot: Promise<ChartMods> | undefined;
const charts = () => (plot ??= Promise.all([import('../charts/cache-sweep-chart.ts'), import('../charts/ufs-chart.ts')]));

const settingsKey = (v: Omit<CacheValues, 'budget'>) => `${v.hot}|${v.bundle}|${v.neuron}`;

class NeuronCacheSim extends HTMLElement {
  #started = false;
  #cancel?: () => void;
  #url?: UrlBinding<typeof CACHE_SPEC>;
  #defaults!: CacheValues;
  #v!: CacheValues;
  /** Results by settings key, then by budget. */
  #points = new Map<string, Map<number, CachePoint>>();
  #runner!: Latest<Settings, CachePoint[]>;
  #unwatch: (() => void)[] = [];

  connectedCallback() {
    if (!this.#started) this.#cancel = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancel?.();
    for (const u of this.#unwatch) u();
  }

  #el<T extends HTMLElement = HTMLInputElement>(name: string): T {
    return part<T>(this, `#${this.dataset.key}-${name}`);
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    this.#defaults = { budget: Number(d.budget), hot: Number(d.hot), bundle: d.bundle === 'true', neuron: d.neuron as CacheValues['neuron'] };
    this.#url = bindUrlState(d.key ?? 'cache', CACHE_SPEC, this.#defaults, { extraControls: CACHE_EXTRA_CONTROLS });
    this.#v = { ...this.#url.values };
    const note = backendUrlNote();
    showNotes(this, [...this.#url.notes, ...(note ? [note] : [])]);
    hideControls(this, this.#url.hidden);
    this.#unwatch.push(onWidth(part(this, '[data-chart="ufs"]'), () => void this.#drawUfs()));
    void this.#drawUfs();
    if (!d.model) return;

    this.#el('budget').value = String(this.#v.budget);
    this.#el('hot').value = String(this.#v.hot);
    this.#el('bundle').checked = this.#v.bundle;
    this.#el<HTMLSelectElement>('neuron').value = this.#v.neuron;
    this.#el('budget').addEventListener('input', () => this.#change({ budget: Number(this.#el('budget').value) }));
    this.#el('hot').addEventListener('input', () => this.#change({ hot: Number(this.#el('hot').value) }));
    this.#el('bundle').addEventListener('change', () => this.#change({ bundle: this.#el('bundle').checked }));
    this.#el<HTMLSelectElement>('neuron').addEventListener('change', () => this.#change({ neuron: this.#el<HTMLSelectElement>('neuron').value as CacheValues['neuron'] }));
    enableControls(this);

    const worker = modelWorker();
    this.#runner = new Latest(
      (s) => worker.request('phone.cache', { model: d.model as ModelName, text: d.text ?? '', ...s }, { onProgress: (p) => this.#progress(p.message) }).then((r) => r.points),
      (s, pts) => {
        const key = settingsKey(s);
        const m = this.#points.get(key) ?? new Map<number, CachePoint>();
        for (const pt of pts) m.set(pt.budget, pt);
        this.#points.set(key, m);
        this.dataset.state = 'done';
        this.#progress(`Replayed in your browser through ${d.model}. Move the sliders; every budget on the grid is ready.`);
        this.#render();
      },
      (err) => {
        this.dataset.state = 'error';
        this.#progress(`Could not compute: ${err instanceof Error ? err.message : String(err)}.`);
      },
    );
    for (const name of ['hit', 'io']) this.#unwatch.push(onWidth(part(this, `[data-chart="${name}"]`), () => void this.#drawSweeps()));
    this.#render();
  }

  #change(change: Partial<CacheValues>) {
    this.#v = { ...this.#v, ...change };
    this.#url?.write(this.#v, this.#defaults);
    this.#render();
  }

  #progress(text: string) {
    part(this, '[data-progress]').textContent = text;
  }

  /** Show the current point if computed, otherwise ask the worker for this setting's whole grid. */
  #render() {
    const v = this.#v;
    part(this, '[data-out="budget"]').textContent = `${v.budget}%`;
    part(this, '[data-out="hot"]').textContent = pct(v.hot, 0);
    const nEmbd = Number(this.dataset.nEmbd);
    const read = coldRead(v, nEmbd);
    part(this, '[data-read]').textContent =
      `One cold miss reads ${fmtBytes(read.request)}${read.reads === 2 ? ' twice (up, then down)' : ' (up and down together)'}, fetched as ` +
      `${fmtBytes(read.fetched)} of whole 4 KB blocks${read.reads === 2 ? ' each' : ''}, at ${(read.bandwidth / 1e9).toFixed(2)} GB/s on the random-read curve.`;
    void this.#drawUfs();
    const have = this.#points.get(settingsKey(v));
    const pt = have?.get(v.budget);
    if (!pt) {
      this.dataset.state = 'running';
      this.#progress('Replaying the trace through the cache in the worker…');
      const budgets = [...new Set([...BUDGET_GRID, v.budget])].sort((a, b) => a - b);
      this.#runner.submit({ hot: v.hot, bundle: v.bundle, neuron: v.neuron, budgets });
      return;
    }
    const f = cacheFigures(pt);
    for (const [k, text] of Object.entries(f)) {
      const el = this.querySelector(`[data-out="${k}"]`);
      if (el) setLeadingText(el, text);
    }
    this.dataset.hitRate = String(pt.hitRate);
    this.dataset.ioMs = String(pt.ioMsPerToken);
    const sentence = cacheSentence(pt, v);
    part(this, '[data-caption]').textContent = `${sentence} Hit rates are measured by replaying our model's activations; flash time is simulated.`;
    part(this, '[data-summary]').textContent = sentence;
    void this.#drawSweeps();
  }

  async #drawSweeps() {
    const have = this.#points.get(settingsKey(this.#v));
    if (!have) return;
    const pts = [...have.values()];
    const [{ cacheSweepChart }] = await charts();
    const hit = part(this, '[data-chart="hit"]');
    const io = part(this, '[data-chart="io"]');
    if (hit.clientWidth < 50) return;
    const current = this.#v.budget;
    hit.replaceChildren(
      cacheSweepChart(pts.map((p) => ({ budget: p.budget, value: p.hitRate })), {
        width: hit.clientWidth, current, label: 'hit rate (measured)', format: '.0%', color: 'var(--chart-1)',
        ariaLabel: 'Hit rate against memory budget', ariaDescription: pts.map((p) => `${p.budget}%: ${pct(p.hitRate)}`).join(', '),
      }),
    );
    io.replaceChildren(
      cacheSweepChart(pts.map((p) => ({ budget: p.budget, value: p.ioMsPerToken })), {
        width: io.clientWidth, current, label: 'flash ms per token (simulated)', format: '~g', color: 'var(--chart-2)',
        ariaLabel: 'Simulated flash time per token against memory budget', ariaDescription: pts.map((p) => `${p.budget}%: ${p.ioMsPerToken.toPrecision(3)} ms`).join(', '),
      }),
    );
  }

  async #drawUfs() {
    const host = part(this, '[data-chart="ufs"]');
    if (host.clientWidth < 50) return;
    const [, { ufsChart }] = await charts();
    const read = coldRead(this.#v ?? this.#defaults, Number(this.dataset.nEmbd));
    host.replaceChildren(
      ufsChart(ufsCurve(), {
        width: host.clientWidth,
        mark: { bytes: Math.max(4096, read.fetched), bandwidth: read.bandwidth },
        ariaLabel: 'UFS 4.0 read bandwidth against read size, random and sequential',
        ariaDescription: `${ufsCurve()
          .filter((p) => p.cited)
          .map((p) => `${p.pattern} reads of ${fmtBytes(p.bytes)}: ${p.bandwidth / 1e9} GB/s`)
          .join('; ')} (PowerInfer-2, §2.3.2).`,
      }),
    );
  }
}

/** Replace the text before a result's source note (or the whole text when it has none). */
function setLeadingText(el: Element, text: string): void {
  const first = el.firstChild;
  if (first && first.nodeType === Node.TEXT_NODE) (first as Text).data = text;
  else if (el.children.length) el.prepend(text);
  else el.textContent = text;
}

if (!customElements.get('neuron-cache-sim')) customElements.define('neuron-cache-sim', NeuronCacheSim);
