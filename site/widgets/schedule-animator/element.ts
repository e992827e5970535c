// <offload-schedule>: the browser half of ScheduleAnimator.astro. Controls change the grid; Play advances one square
// every 200 ms (reduced motion: jumps to the end).
import { tokensPerSecond } from './rate.ts';
import { WidgetElement, defineElement, prefersReducedMotion } from '../_kit/element.ts';
import { count, duration } from '../_kit/format.ts';
import { scheduleChart } from './chart.ts';
import { RUN_GBS, RUN_TOKENS, blockOf, modelled, scheduleView } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class ScheduleAnimator extends WidgetElement<typeof schema.params> {
  schema = schema;
  #timer: ReturnType<typeof setInterval> | undefined;

  start() {
    const t = text[this.lang];
    if (this.values.nb > this.values.batches) {
      this.note(t.nbTooBig(this.values.nb, this.values.batches));
      this.values = { ...this.values, nb: this.values.batches };
    }
    this.bind('order');
    this.bind('batches', (b) => this.set({ nb: Math.min(this.values.nb, b), step: 0 }));
    this.bind('nb', (nb) => {
      if (nb > this.values.batches) this.set({ nb: this.values.batches });
    });
    this.bind('gbs');
    this.bind('step');
    const play = this.find<HTMLButtonElement>('[data-play]');
    play.disabled = false; // the shell renders it disabled until this script runs
    this.listen(play, 'click', () => (this.#timer ? this.#stop() : this.#play()));
    this.onStop(() => this.#stop());
    const run = this.find<HTMLButtonElement>('[data-run]');
    run.disabled = false;
    this.listen(run, 'click', async () => {
      const v = { ...this.values };
      run.disabled = true;
      this.state = 'running';
      try {
        const worker = this.worker();
        const r = await worker.request(
          'offload.run',
          { gbs: RUN_GBS, nb: blockOf(v), sequences: v.batches * RUN_GBS, maxNewTokens: RUN_TOKENS },
          { onProgress: (p) => this.progress(p.message) },
        );
        if (!this.alive) return;
        this.progress('');
        this.find('[data-out="run"]').textContent = t.runText(v, r);
        this.dataset.runLoads = String(r.weightLoads);
        this.dataset.runExpected = String(r.expectedWeightLoads);
        this.dataset.runTps = String(r.tokensPerSecond);
        this.state = 'done';
      } catch (err) {
        this.fail(err, t.couldNotRun);
      } finally {
        run.disabled = false;
      }
    });
    this.chart('grid', (width) =>
      scheduleChart(scheduleView(this.values).cells, t.summaryText(this.values), { width, lang: this.lang }),
    );
    this.state = 'done';
  }

  #play() {
    const total = scheduleView(this.values).total;
    if (this.values.step >= total) this.set({ step: 0 });
    if (prefersReducedMotion()) return this.set({ step: total });
    this.find('[data-play]').setAttribute('aria-pressed', 'true');
    this.find('[data-play]').textContent = text[this.lang].pause;
    this.#timer = setInterval(() => {
      const next = this.values.step + 1;
      if (next > scheduleView(this.values).total) return this.#stop();
      this.set({ step: next });
    }, 200);
  }

  #stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (!this.alive) return;
    this.find('[data-play]').setAttribute('aria-pressed', 'false');
    this.find('[data-play]').textContent = text[this.lang].play;
  }

  update() {
    const t = text[this.lang];
    const v = this.values;
    const s = scheduleView(v);
    const m = modelled(v);
    const stepInput = this.control<HTMLInputElement>('step');
    stepInput.max = String(s.total);
    this.control<HTMLInputElement>('nb').max = String(v.batches);
    this.find('[data-out="batches"]').textContent = String(v.batches);
    this.find('[data-out="nb"]').textContent = String(Math.min(v.nb, v.batches));
    this.find('[data-out="gbs"]').textContent = String(v.gbs);
    this.find('[data-out="step"]').textContent = t.stepOf(s.step, s.total);
    this.find('[data-out="loads"]').textContent = t.loadsOf(s.counts.weightLoads, s.totalLoads);
    this.find('[data-out="rowLoads"]').textContent = count(s.rowLoads);
    this.find('[data-out="live"]').textContent = t.liveOf(s.counts.peakLiveRows, v.batches);
    this.find('[data-out="bls"]').textContent = t.sequences(m.bls);
    this.find('[data-out="throughput"]').textContent = tokensPerSecond(m.throughput);
    this.find('[data-out="latency"]').textContent = duration(m.latencyMs);
    this.find('[data-out="fits"]').textContent = m.fits ? '' : t.over;
    this.summary(t.summaryText(v));
    this.redraw('grid');
  }
}

defineElement(schema, ScheduleAnimator);
