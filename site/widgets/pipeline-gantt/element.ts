// <pipeline-gantt>: the browser half of PipelineGantt.astro. Near the viewport it asks the model worker for this
// token and layer's schedules (pipeline.schedule); the mode toggle only redraws, the other controls ask again (latest
// only). Previous/Next (or arrow keys on the chart) step through the tasks in the order they start.
import { fitToTrace, saving, type PipelineRun } from '../../../lib/sparsity/token-pipeline.ts';
import { WidgetElement, defineElement, type Jobs } from '../_kit/element.ts';
import { percent, token } from '../_kit/format.ts';
import type { ModelName } from '../../worker/models.ts';
import { ganttChart } from './chart.ts';
import { activitySentence, pipelineSentence, scheduleFigures, taskSentence } from './model.ts';
import { schema, type GanttValues } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

/** What a schedule is computed from (the mode only picks which of its two schedules is drawn). */
const scheduleKey = (v: GanttValues) => JSON.stringify([v.token, v.layer, v.cached, v.threads]);

class PipelineGantt extends WidgetElement<typeof schema.params> {
  schema = schema;
  #run?: PipelineRun;
  #step = -1;
  #runs?: Jobs<GanttValues>;
  #debounce?: ReturnType<typeof setTimeout>;

  start() {
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
      markStale(this, 'Scheduling these settings in the worker…');
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
    host.setAttribute('aria-label', 'Pipeline schedule; left and right arrow keys step through the tasks');
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
        this.progress(
          `Computed in your browser from ${d.model}'s activations at token ${run.token}, layer ${run.layer}.`,
        );
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
        label: `Gantt chart of the ${mode}-level pipeline`,
        description: pipelineSentence(run, mode),
      });
    });
    this.#submit();
  }

  #submit() {
    this.progress('Scheduling in the worker…');
    this.#runs?.submit({ ...this.values });
  }

  #move(by: number) {
    const run = this.#run;
    if (!run) return;
    const tasks = run[this.values.mode].tasks;
    this.#step = Math.max(0, Math.min(tasks.length - 1, this.#step + by));
    const text = taskSentence(tasks[this.#step], this.#step, tasks.length);
    this.find('[data-out="step"]').textContent = text;
    this.summary(text);
    this.redraw('gantt');
  }

  update() {
    const run = this.#run;
    this.find('[data-out="token"]').textContent =
      run && run.token === this.values.token ? `${run.token} ${token(run.tokenText)}` : String(this.values.token);
    if (!run) return;
    const mode = this.values.mode;
    const out = (k: string, text: string) => (this.find(`[data-out="${k}"]`).textContent = text);
    out('total', scheduleFigures(run[mode]).total);
    out('idle', scheduleFigures(run[mode]).idle);
    out('matrixTotal', scheduleFigures(run.matrix).total);
    out('clusterTotal', scheduleFigures(run.cluster).total);
    out('saving', percent(saving(run)));
    out('cached', `${run.cachedClusters} of ${run.clusters.length}`);
    if (this.#step < 0) out('step', 'Step through the tasks in the order they start.');
    this.dataset.totalMs = String(run[mode].totalMs);
    const strip = this.find('[data-strip]');
    strip.setAttribute('aria-label', activitySentence(run));
    strip.replaceChildren(
      ...run.clusters.map((cl, i) => {
        const s = document.createElement('span');
        s.className = 'pg-cluster';
        s.dataset.memory = String(cl.inMemory);
        s.dataset.active = String(cl.active);
        s.title = `cluster ${i}: ${cl.active} of ${cl.size} neurons fire; ${cl.inMemory ? 'in memory' : 'on flash'}`;
        s.textContent = String(cl.active);
        return s;
      }),
    );
    this.find('[data-caption]').textContent = pipelineSentence(run, mode);
    this.find('[data-activity]').textContent =
      `${activitySentence(run)} Each box is a cluster of ${run.clusterSize} neurons, hottest first, with the count that fired; solid boxes are in memory, dashed ones on flash.`;
    this.summary(`${activitySentence(run)} ${pipelineSentence(run, mode)}`);
    this.redraw('gantt');
  }
}

defineElement(schema, PipelineGantt);
