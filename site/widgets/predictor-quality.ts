// <predictor-quality>: the browser half of PredictorQuality.astro. The numbers are the predictor card's (shipped
// in the page); the slider selects a threshold, the text and table follow, and the chart draws with Plot.
import type { RecallPoint } from '../charts/recall-chart.ts';
import { bindUrlState } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { PREDICTOR_EXTRA_CONTROLS, PREDICTOR_SPEC, pointText, type SweepPoint } from './predictor-quality-model.ts';

interface Shipped {
  sweep: SweepPoint[];
  calibration: Omit<SweepPoint, 'lossChange'>[];
  activeShare: number;
  nFfn: number;
}

let charts: Promise<typeof import('../charts/recall-chart.ts')> | undefined;

class PredictorQuality extends HTMLElement {
  #cancelNear?: () => void;
  #started = false;
  #data?: Shipped;
  #step = 0;
  #resize?: ResizeObserver;
  #lastWidth = 0;

  connectedCallback() {
    if (!this.#started) this.#cancelNear = whenNear(this, () => this.#start());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#resize?.disconnect();
  }

  #q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`predictor-quality: missing ${sel}`);
    return el;
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    const key = this.dataset.key ?? 'predictor';
    this.#data = JSON.parse(this.#q('script[data-json]').textContent || 'null') ?? undefined;
    this.dataset.ready = 'true';
    if (!this.#data) return;
    const max = this.#data.sweep.length - 1;
    const defaults = { step: Number(this.dataset.step) };
    const url = bindUrlState(key, { step: { ...PREDICTOR_SPEC.step, max } }, defaults, { extraControls: PREDICTOR_EXTRA_CONTROLS });
    this.#step = url.values.step;
    this.#q('[data-notes]').replaceChildren(...url.notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
    for (const name of url.hidden) for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
    const input = this.#q<HTMLInputElement>(`#${key}-step`);
    input.value = String(this.#step);
    input.disabled = false;
    input.addEventListener('input', () => {
      this.#step = Number(input.value);
      url.write({ step: this.#step }, defaults);
      this.#render();
    });
    this.#resize = new ResizeObserver(() => {
      const w = this.#q('[data-chart]').clientWidth;
      if (Math.abs(w - this.#lastWidth) > 8) void this.#drawChart();
    });
    this.#resize.observe(this.#q('[data-chart]'));
    this.#render();
    this.dataset.state = 'done';
  }

  #render() {
    const d = this.#data!;
    const p = d.sweep[this.#step];
    const t = pointText(p, d.nFfn);
    this.#q('[data-out="threshold"]').textContent = String(p.threshold);
    this.#q('[data-out="recall"]').textContent = t.recall;
    this.#q('[data-out="computed"]').textContent = t.computed;
    this.#q('[data-out="loss"]').textContent = t.loss;
    for (const row of this.querySelectorAll<HTMLElement>('tr[data-i]')) row.dataset.selected = row.dataset.i === String(this.#step) ? 'true' : 'false';
    this.#q('[data-summary]').textContent = `${t.head}: ${t.recall} ${t.computed} ${t.loss}`;
    void this.#drawChart();
  }

  async #drawChart() {
    const host = this.#q('[data-chart]');
    const width = host.clientWidth;
    this.#lastWidth = width;
    const d = this.#data;
    if (!d || width < 50 || host.closest('[hidden]')) return;
    const points: RecallPoint[] = [
      ...d.calibration.map((c) => ({ threshold: c.threshold, recall: c.recall, computedShare: c.computedShare, set: 'calibration' })),
      ...d.sweep.map((c) => ({ threshold: c.threshold, recall: c.recall, computedShare: c.computedShare, set: 'validation' })),
    ];
    const { recallChart } = await (charts ??= import('../charts/recall-chart.ts'));
    host.replaceChildren(recallChart(points, {
      width,
      selected: d.sweep[this.#step].threshold,
      activeShare: d.activeShare,
      ariaLabel: 'Predictor recall against the share of neurons computed',
      ariaDescription: d.sweep.map((s) => `threshold ${s.threshold}: recall ${Math.round(s.recall * 100)}%, computed ${Math.round(s.computedShare * 100)}%`).join('; '),
    }));
  }
}

if (!customElements.get('predictor-quality')) customElements.define('predictor-quality', PredictorQuality);
