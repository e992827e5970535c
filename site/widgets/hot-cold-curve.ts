// <hot-cold-curve>: the browser half of HotColdCurve.astro. The curves and placements come from the build-time
// profile shipped in the page (no model needed); moving the budget re-runs the three placements of
// lib/sparsity/placement.ts at once (a few thousand steps of arithmetic). "Profile my text" runs the model over the
// reader's text in the page's worker (`sparsity.profile`) and compares its top-20% hot set with Moby Dick's.
import type { CurvePoint } from '../charts/hot-cold-chart.ts';
import { hotSetOverlap } from '../../lib/sparsity/profile.ts';
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { modelWorker } from '../worker/client.ts';
import type { ModelName } from '../worker/models.ts';
import {
  HOTCOLD_EXTRA_CONTROLS, HOTCOLD_SPEC, cumulativeCurve, ms, placementTable, rate, ruleText, tableSummary, type HotColdValues,
} from './hot-cold-model.ts';
import { grouped, percent } from './vecmat-scale-model.ts';

/** Characters of the reader's text sent to the worker at most (2,048 tokens need far fewer). */
const MAX_SEND_CHARS = 100_000;

interface Shipped {
  nEmbd: number;
  moby: { title: string; tokens: number; frequency: number[][]; shareFor80: number[]; all80: number };
}

let charts: Promise<typeof import('../charts/hot-cold-chart.ts')> | undefined;

class HotColdCurve extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #url?: UrlBinding<typeof HOTCOLD_SPEC>;
  #defaults!: HotColdValues;
  #v!: HotColdValues;
  #data?: Shipped;
  #resize?: ResizeObserver;
  #lastWidth = 0;
  #raf = 0;

  connectedCallback() {
    if (!this.#started) this.#cancelNear = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#resize?.disconnect();
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`hot-cold-curve: missing ${sel}`);
    return el;
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const d = this.dataset;
    const key = d.key ?? 'hotcold';
    this.#data = JSON.parse(this.#q('script[data-json]').textContent || 'null') ?? undefined;
    this.#defaults = { budget: Number(d.budget), size: d.size === 'ours' ? 'ours' : '7b' };
    this.#url = bindUrlState(key, HOTCOLD_SPEC, this.#defaults, { extraControls: HOTCOLD_EXTRA_CONTROLS });
    this.#v = { ...this.#url.values };
    for (const name of this.#url.hidden) for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
    this.#q('[data-notes]').replaceChildren(...this.#url.notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
    this.dataset.ready = 'true';
    if (!this.#data) return;

    const budget = this.#q<HTMLInputElement>(`#${key}-budget`);
    const size = this.#q<HTMLSelectElement>(`#${key}-size`);
    budget.value = String(this.#v.budget);
    size.value = this.#v.size;
    budget.addEventListener('input', () => this.#set({ budget: Number(budget.value) }));
    size.addEventListener('change', () => this.#set({ size: size.value === 'ours' ? 'ours' : '7b' }));
    this.#q('[data-action="profile"]').addEventListener('click', () => void this.#profile(this.#q<HTMLTextAreaElement>(`#${key}-text`).value));
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement>('input, select, textarea, button')) el.disabled = false;

    this.#resize = new ResizeObserver(() => {
      const w = this.#q('[data-chart]').clientWidth;
      if (Math.abs(w - this.#lastWidth) > 8) void this.#drawChart();
    });
    this.#resize.observe(this.#q('[data-chart]'));
    this.#render();
    this.dataset.state = 'done';
  }

  #set(change: Partial<HotColdValues>) {
    this.#v = { ...this.#v, ...change };
    this.#url?.write(this.#v, this.#defaults);
    cancelAnimationFrame(this.#raf);
    this.#raf = requestAnimationFrame(() => this.#render());
  }

  #render() {
    const data = this.#data;
    if (!data) return;
    const t = placementTable(data.moby.frequency, this.#v.budget, this.#v.size, data.nEmbd);
    this.#out('budget', `${percent(this.#v.budget)} (${grouped(t.budgetNeurons)} neurons)`);
    for (const r of t.rows) {
      const row = this.#q(`tr[data-method="${r.method}"]`);
      const cell = (name: string, text: string) => ((row.querySelector(`[data-cell="${name}"]`) as HTMLElement).textContent = text);
      cell('served', percent(r.servedShare));
      cell('counts', r.fastCounts.join(' · '));
      cell('ms', ms(r.msPerToken));
      cell('rate', rate(r.tokensPerSecond));
      cell('speedup', `${r.speedup.toFixed(2)}×`);
    }
    this.#out('rule', ruleText(t, data.moby.frequency[0].length));
    this.dataset.served = String(t.rows[2].servedShare);
    this.#q('[data-summary]').textContent = tableSummary(t);
    void this.#drawChart();
  }

  async #drawChart() {
    const host = this.#q('[data-chart]');
    const width = host.clientWidth;
    this.#lastWidth = width;
    const data = this.#data;
    if (!data || width < 50 || host.closest('[hidden]')) return;
    const points: CurvePoint[] = data.moby.frequency.flatMap((f, l) => cumulativeCurve(f).map((p) => ({ series: `layer ${l}`, ...p })));
    points.push(...cumulativeCurve(data.moby.frequency.flat()).map((p) => ({ series: 'all layers', ...p })));
    const { hotColdChart } = await (charts ??= import('../charts/hot-cold-chart.ts'));
    host.replaceChildren(hotColdChart(points, {
      width,
      budget: this.#v.budget,
      paper: [{ x: 0.26, y: 0.8, label: 'OPT-30B (paper)' }],
      ariaLabel: 'Share of activations given by the hottest share of neurons, per layer',
      ariaDescription: `Our model: 80% of the activations come from ${data.moby.shareFor80.map((s, l) => `${percent(s)} of layer ${l}`).join(', ')}; ${percent(data.moby.all80)} over all layers. PowerInfer's OPT-30B: 26% of one block.`,
    }));
  }

  async #profile(text: string) {
    const data = this.#data;
    if (!data) return;
    const button = this.#q<HTMLButtonElement>('[data-action="profile"]');
    if (text.trim().length === 0) {
      this.#progress('Paste or type some text first.');
      return;
    }
    button.disabled = true;
    this.dataset.profile = 'running';
    try {
      const r = await modelWorker().request(
        'sparsity.profile',
        { model: this.dataset.model as ModelName, text: text.slice(0, MAX_SEND_CHARS) },
        { onProgress: (p) => this.#progress(p.message) },
      );
      const overlaps = r.frequency.map((f, l) => hotSetOverlap(data.moby.frequency[l], f, 0.2));
      overlaps.forEach((o, l) => (this.#q(`[data-yours="${l}"]`).textContent = percent(o)));
      const all = hotSetOverlap(data.moby.frequency.flat(), r.frequency.flatMap((f) => Array.from(f)), 0.2);
      this.#q('[data-yours="all"]').textContent = percent(all);
      const cut = r.totalTokens > r.tokens ? ` (the first ${grouped(r.tokens)} of its ${grouped(r.totalTokens)} tokens)` : '';
      this.#progress(`Profiled ${grouped(r.tokens)} tokens of your text${cut}; overlap with Moby Dick's hot set over all layers: ${percent(all)}.`);
      this.#q('[data-summary]').textContent = `Your text's top-20% hot set overlaps Moby Dick's by ${overlaps.map((o, l) => `${percent(o)} in layer ${l}`).join(', ')}, ${percent(all)} over all layers.`;
      this.dataset.profile = 'done';
    } catch (err) {
      this.dataset.profile = 'error';
      this.#progress(`Could not profile the text: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      button.disabled = false;
    }
  }

  #progress(text: string) {
    this.#q('[data-progress]').textContent = text;
  }

  #out(name: string, text: string) {
    this.#q(`[data-out="${name}"]`).textContent = text;
  }
}

if (!customElements.get('hot-cold-curve')) customElements.define('hot-cold-curve', HotColdCurve);
