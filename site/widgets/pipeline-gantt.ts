// <pipeline-gantt>: the browser half of PipelineGantt.astro. Near the viewport it asks the model worker for the
// chosen token and layer (phone.pipeline): which clusters fire, and both schedules. The matrix/cluster toggle only
// switches which schedule is drawn (both share one time axis, so the gaps visibly close); the other controls ask
// again. Previous/Next (or the arrow keys on the chart) step through the tasks in start order.
import { bindUrlState, type UrlBinding } from '../lib-client/url-state.ts';
import { whenNear } from '../lib-client/when-near.ts';
import { backendUrlNote, modelWorker } from '../worker/client.ts';
import type { ModelName } from '../worker/models.ts';
import {
  GANTT_EXTRA_CONTROLS,
  GANTT_SPEC,
  LANES,
  activitySentence,
  pipelineSentence,
  saving,
  scheduleFigures,
  taskSentence,
  type GanttValues,
  type Mode,
  type PipelineRun,
} from './pipeline-gantt-model.ts';
import { pct, tokenLabel } from './phone-common.ts';
import { Latest, enableControls, hideControls, onWidth, part, showNotes } from './phone-widget.ts';

let plot: Promise<typeof import('../charts/gantt-chart.ts')> | undefined;

class PipelineGantt extends HTMLElement {
  #started = false;
  #cancel?: () => void;
  #url?: UrlBinding<typeof GANTT_SPEC>;
  #defaults!: GanttValues;
  #v!: GanttValues;
  #notes: string[] = [];
  #run?: PipelineRun;
  #step = -1;
  #runner!: Latest<GanttValues, PipelineRun>;
  #debounce?: ReturnType<typeof setTimeout>;
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
    this.#defaults = { mode: d.mode as Mode, token: Number(d.token), layer: Number(d.layer), cached: Number(d.cached), threads: Number(d.threads) };
    this.#url = bindUrlState(d.key ?? 'pipe', GANTT_SPEC, this.#defaults, { extraControls: GANTT_EXTRA_CONTROLS });
    this.#v = { ...this.#url.values };
    const note = backendUrlNote();
    this.#notes = [...this.#url.notes, ...(note ? [note] : [])];
    showNotes(this, this.#notes);
    hideControls(this, this.#url.hidden);
    if (!d.model) return;

    this.#el(`mode-${this.#v.mode}`).checked = true;
    const tokenIn = this.#el('token');
    if (this.#v.token > Number(tokenIn.max)) {
      this.#notes.push(`Token ${this.#v.token} is past the ${Number(tokenIn.max) + 1} tokens profiled, so token ${tokenIn.max} is shown.`);
      this.#v.token = Number(tokenIn.max);
      showNotes(this, this.#notes);
    }
    tokenIn.value = String(this.#v.token);
    const layerIn = this.#el<HTMLSelectElement>('layer');
    if (this.#v.layer >= layerIn.options.length) {
      this.#notes.push(`Layer ${this.#v.layer} does not exist (the model has layers 0 to ${layerIn.options.length - 1}), so layer ${layerIn.options.length - 1} is shown.`);
      this.#v.layer = layerIn.options.length - 1;
      showNotes(this, this.#notes);
    }
    layerIn.value = String(this.#v.layer);
    this.#el('cached').value = String(this.#v.cached);
    this.#el<HTMLSelectElement>('threads').value = String(this.#v.threads);

    for (const mode of ['matrix', 'cluster'] as const) {
      this.#el(`mode-${mode}`).addEventListener('change', () => {
        this.#set({ mode });
        this.#step = -1;
        this.#render();
      });
    }
    tokenIn.addEventListener('input', () => this.#ask({ token: Number(tokenIn.value) }, 120));
    layerIn.addEventListener('change', () => this.#ask({ layer: Number(layerIn.value) }, 0));
    this.#el('cached').addEventListener('input', () => this.#ask({ cached: Number(this.#el('cached').value) }, 120));
    this.#el<HTMLSelectElement>('threads').addEventListener('change', () => this.#ask({ threads: Number(this.#el<HTMLSelectElement>('threads').value) }, 0));
    part(this, '[data-action="prev"]').addEventListener('click', () => this.#move(-1));
    part(this, '[data-action="next"]').addEventListener('click', () => this.#move(1));
    const chart = part(this, '[data-chart="gantt"]');
    chart.tabIndex = 0;
    chart.setAttribute('aria-label', 'Pipeline schedule; left and right arrow keys step through the tasks');
    chart.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        this.#move(e.key === 'ArrowRight' ? 1 : -1);
      }
    });
    enableControls(this);

    const worker = modelWorker();
    this.#runner = new Latest(
      (v) => worker.request('phone.pipeline', { model: d.model as ModelName, text: d.text ?? '', ...v }, { onProgress: (p) => this.#progress(p.message) }),
      (_, run) => {
        this.#run = run;
        this.#step = -1;
        this.dataset.state = 'done';
        this.#progress(`Computed in your browser from ${d.model}'s activations at token ${run.token}, layer ${run.layer}.`);
        this.#render();
      },
      (err) => {
        this.dataset.state = 'error';
        this.#progress(`Could not compute: ${err instanceof Error ? err.message : String(err)}.`);
      },
    );
    this.#unwatch.push(onWidth(chart, () => void this.#draw()));
    this.#submit();
  }

  #set(change: Partial<GanttValues>) {
    this.#v = { ...this.#v, ...change };
    this.#url?.write(this.#v, this.#defaults);
  }

  #ask(change: Partial<GanttValues>, wait: number) {
    this.#set(change);
    if (change.token !== undefined) part(this, '[data-out="token"]').textContent = String(change.token);
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#submit(), wait);
  }

  #submit() {
    this.dataset.state = 'running';
    this.#progress('Scheduling in the worker…');
    this.#runner.submit({ ...this.#v });
  }

  #progress(text: string) {
    part(this, '[data-progress]').textContent = text;
  }

  #move(by: number) {
    const run = this.#run;
    if (!run) return;
    const tasks = run[this.#v.mode].tasks;
    this.#step = Math.max(0, Math.min(tasks.length - 1, this.#step + by));
    const text = taskSentence(tasks[this.#step], this.#step, tasks.length);
    part(this, '[data-out="step"]').textContent = text;
    part(this, '[data-summary]').textContent = text;
    void this.#draw();
  }

  #render() {
    const run = this.#run;
    if (!run) return;
    const mode = this.#v.mode;
    const cur = scheduleFigures(run[mode]);
    const out = (k: string, text: string) => {
      const el = part(this, `[data-out="${k}"]`);
      const first = el.firstChild;
      if (first && first.nodeType === Node.TEXT_NODE && el.children.length) (first as Text).data = text;
      else el.textContent = text;
    };
    out('total', cur.total);
    out('idle', cur.idle);
    out('matrixTotal', scheduleFigures(run.matrix).total);
    out('clusterTotal', scheduleFigures(run.cluster).total);
    out('saving', pct(saving(run)));
    out('token', `${run.token} ${tokenLabel(run.tokenText)}`);
    out('cached', `${run.cachedClusters} of ${run.clusters.length}`);
    out('step', 'Step through the tasks in the order they start.');
    this.dataset.totalMs = String(run[mode].totalMs);
    const strip = part(this, '[data-strip]');
    strip.setAttribute('aria-label', activitySentence(run));
    strip.replaceChildren(
      ...run.clusters.map((cl, i) => {
        const s = document.createElement('span');
        s.className = 'ph-cluster';
        s.dataset.memory = String(cl.inMemory);
        s.dataset.active = String(cl.active);
        s.title = `cluster ${i + 1}: ${cl.active} of ${cl.size} neurons fire; ${cl.inMemory ? 'in memory' : 'on flash'}`;
        s.textContent = String(cl.active);
        return s;
      }),
    );
    part(this, '[data-caption]').textContent = pipelineSentence(run, mode);
    part(this, '[data-activity]').textContent =
      `${activitySentence(run)} Each box is a cluster of ${run.clusterSize} neurons, hottest first, with the count that fired; solid boxes are in memory, dashed ones on flash.`;
    part(this, '[data-summary]').textContent = `${activitySentence(run)} ${pipelineSentence(run, mode)}`;
    void this.#draw();
  }

  async #draw() {
    const run = this.#run;
    const host = part(this, '[data-chart="gantt"]');
    if (!run || host.clientWidth < 50) return;
    const { ganttChart } = await (plot ??= import('../charts/gantt-chart.ts'));
    const sched = run[this.#v.mode];
    host.replaceChildren(
      ganttChart(sched.tasks, {
        width: host.clientWidth,
        lanes: LANES,
        maxMs: Math.max(run.matrix.totalMs, run.cluster.totalMs, 1e-6),
        highlight: this.#step >= 0 ? this.#step : undefined,
        ariaLabel: `Gantt chart of the ${this.#v.mode}-level pipeline`,
        ariaDescription: pipelineSentence(run, this.#v.mode),
      }),
    );
  }
}

if (!customElements.get('pipeline-gantt')) customElements.define('pipeline-gantt', PipelineGantt);
