// <pipeline-gantt>: the browser half of PipelineGantt.astro. Near the viewport it asks the model worker for this
// token and layer's schedules (pipeline.schedule); the mode toggle only redraws, the other controls ask again (latest
// only). Previous/Next (or arrow keys on the chart) step through the tasks in the order they start.
import { fitToTrace, saving, type PipelineRun } from '../../../lib/sparsity/token-pipeline.ts';
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { percent, token } from '../_kit/format.ts';
import type { ModelName } from '../../worker/models.ts';
import { ganttChart } from './chart.ts';
import { scheduleFigures } from './model.ts';
import { schema, type GanttValues } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

/** What a schedule is computed from (the mode only picks which of its two schedules is drawn). */
const scheduleKey = (v: GanttValues) => JSON.stringify([v.token, v.layer, v.cached, v.threads]);

class PipelineGantt extends WidgetElement<typeof schema.params> {
  schema = schema;
  #run?: PipelineRun;
  #step = -1;
  #runs?: Jobs<GanttValues>;
  #debounce?: ReturnType<typeof setTimeout>;

  start() {
    const t = text[this.lang];
    const d = this.dataset;
    if (!d.model) return;
    const tokens = Number(this.control('token').max) + 1;
    const layers = this.control<HTMLSelectElement>('layer').options.length;
    const fit = fitToTrace(this.values, tokens, layers);
    for (const n of fit.notes) this.note(n);
    this.values = fit.values;

    const modeInput = (mode: string) => this.find<HTMLInputElement>(`[id="${this.key}-mode-${mode}"]`);
    modeInput(this.values.mode).checked = true;
    for (const mode of ['matrix', 'cluster'] as const) {
      this.listen(modeInput(mode), 'change', () => {
        this.#step = -1;
        this.set({ mode });
      });
    }
    const ask = (wait: number) => () => {
      markStale(this, t.scheduling);
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => this.#submit(), wait);
    };
    this.bind('token', ask(120));
    this.bind('layer', ask(0));
    this.bind('cached', ask(120));
    this.bind('threads', ask(0));
    this.onStop(() => clearTimeout(this.#debounce));
    this.listen(this.find('[data-action="prev"]'), 'click', () => this.#move(-1));
    this.listen(this.find('[data-action="next"]'), 'click', () => this.#move(1));
    const host = this.find('[data-chart="gantt"]');
    host.tabIndex = 0;
    host.setAttribute('role', 'group');
    host.setAttribute('aria-label', t.chartKeys);
    this.listen(host, 'keydown', (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        this.#move(e.key === 'ArrowRight' ? 1 : -1);
      }
    });
    this.enableControls();

    const worker = this.worker();
    this.#runs = this.jobs(
      (v: GanttValues) =>
        worker.request(
          'pipeline.schedule',
          { model: d.model as ModelName, text: d.text ?? '', ...v },
          { onProgress: (p) => this.progress(p.message) },
        ),
      (v, run) => {
        if (scheduleKey(v) === scheduleKey(this.values)) clearStale(this);
        this.#run = run;
        this.#step = -1;
        this.progress(t.computedHere(d.model ?? '', run.token, run.layer));
        this.update();
      },
    );
    this.chart('gantt', (width) => {
      const run = this.#run;
      if (!run) return undefined;
      const mode = this.values.mode;
      return ganttChart(run[mode].tasks, {
        width,
        maxMs: Math.max(run.matrix.totalMs, run.cluster.totalMs, 1e-6),
        highlight: this.#step >= 0 ? this.#step : undefined,
        label: t.chartLabel(mode),
        description: t.pipelineSentence(run, mode),
        lang: this.lang,
      });
    });
    this.#submit();
  }

  #submit() {
    this.progress(text[this.lang].schedulingNow);
    this.#runs?.submit({ ...this.values });
  }

  #move(by: number) {
    const run = this.#run;
    if (!run) return;
    const tasks = run[this.values.mode].tasks;
    this.#step = Math.max(0, Math.min(tasks.length - 1, this.#step + by));
    const sentence = text[this.lang].taskSentence(tasks[this.#step], this.#step, tasks.length);
    this.find('[data-out="step"]').textContent = sentence;
    this.summary(sentence);
    this.redraw('gantt');
  }

  update() {
    const t = text[this.lang];
    const run = this.#run;
    this.find('[data-out="token"]').textContent =
      run && run.token === this.values.token ? `${run.token} ${token(run.tokenText)}` : String(this.values.token);
    if (!run) return;
    const mode = this.values.mode;
    const out = (k: string, words: string) => (this.find(`[data-out="${k}"]`).textContent = words);
    out('total', scheduleFigures(run[mode]).total);
    out('idle', scheduleFigures(run[mode]).idle);
    out('matrixTotal', scheduleFigures(run.matrix).total);
    out('clusterTotal', scheduleFigures(run.cluster).total);
    out('saving', percent(saving(run)));
    out('cached', t.cachedOut(run.cachedClusters, run.clusters.length));
    if (this.#step < 0) out('step', t.stepHint);
    this.dataset.totalMs = String(run[mode].totalMs);
    const strip = this.find('[data-strip]');
    strip.setAttribute('aria-label', t.activitySentence(run));
    strip.replaceChildren(
      ...run.clusters.map((cl, i) => {
        const s = document.createElement('span');
        s.className = 'pg-cluster';
        s.dataset.memory = String(cl.inMemory);
        s.dataset.active = String(cl.active);
        s.title = t.clusterTitle(i, cl.active, cl.size, cl.inMemory);
        s.textContent = String(cl.active);
        return s;
      }),
    );
    this.find('[data-caption]').textContent = t.pipelineSentence(run, mode);
    this.find('[data-activity]').textContent = `${t.activitySentence(run)} ${t.boxes(run.clusterSize)}`;
    this.summary(`${t.activitySentence(run)} ${t.pipelineSentence(run, mode)}`);
    this.redraw('gantt');
  }
}

defineElement(schema, PipelineGantt);
