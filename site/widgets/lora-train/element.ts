// <lora-train>: drives a LoRA run in the model worker a fraction of a second at a time (train.next), so Pause,
// Resume and Stop act at once. Every SAMPLE_EVERY steps it samples a few seeded continuations of the prompt and shows
// the voice classifier's verdict on them (train.sample), on the loss curve too. Stop keeps the adapter (the worker
// adds it as "yours") and reports the base check. Settings changed after a run mark its figures stale.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { count } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { KINDS_OF, rankRows } from '../lora-rank/model.ts';
import { lossChart } from './chart.ts';
import {
  lossText,
  planText,
  SAMPLE_EVERY,
  statusText,
  trainSummary,
  VOICE_SEEDS,
  VOICE_TOKENS,
  voiceText,
  type LossPoint,
  type VoicePoint,
} from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import type { WorkerSession } from '../../worker/worker-session.ts';

const HELD_OUT_EVERY_MS = 3000;

class LoraTrain extends WidgetElement<typeof schema.params> {
  schema = schema;
  /** The training run in the worker (train.start/next/sample/stop); leaving the page stops it, keeping it. */
  #run!: WorkerSession<'train'>;
  #paused = false;
  #looping = false;
  #points: LossPoint[] = [];
  #voices: VoicePoint[] = [];
  /** The step at or after which the next voice sample is drawn. */
  #nextSample = 0;
  /** The prompt of the run's samples, fixed when it starts so they stay comparable. */
  #prompt = '';
  #steps = 0;
  #step = 0;
  #parameters: number | undefined;
  #start: number | undefined;
  #held: number | undefined;
  #backend = '…';
  #rate = { stepsPerSecond: 0, tokensPerSecond: 0 };

  start() {
    const w = this.worker();
    this.#run = this.workerSession('train');
    w.ready.then(
      (b) => {
        this.#backend = b.name;
      },
      () => undefined,
    );
    // A run's figures (loss, speed, samples) belong to its settings: once any are shown, a change marks them stale.
    const stale = () => {
      if (this.#parameters !== undefined) markStale(this, text[this.lang].stale);
    };
    for (const name of ['r', 'alpha', 'matrices', 'steps', 'lr', 'seed', 'corpus', 'prompt'] as const)
      this.bind(name, stale);
    this.control<HTMLTextAreaElement>('text').disabled = false;
    const button = (act: string) => this.find<HTMLButtonElement>(`[data-act="${act}"]`);
    button('train').disabled = false;
    this.listen(button('train'), 'click', () => void this.#train());
    this.listen(button('pause'), 'click', () => this.#togglePause());
    this.listen(button('stop'), 'click', () => void this.#stop('stopped'));
    this.chart('chart', (width) =>
      this.#points.length ? lossChart(this.#points, this.#steps, { width, lang: this.lang }, this.#voices) : null,
    );
    this.onStop(() => {
      this.#paused = true;
    });
  }

  update() {
    const v = this.values;
    this.find('[data-out="r"]').textContent = String(v.r);
    this.find('[data-part="text"]').hidden = v.corpus !== 'text';
    if (this.#run.id === null && this.#parameters === undefined) {
      const trainable = rankRows(v.r, v.matrices)[0].trainable;
      this.find('[data-out="params"]').textContent = count(trainable);
      this.progress(planText(v.steps, trainable, this.lang));
    }
    this.summary(
      trainSummary(this.#parameters, this.#step, this.#steps || v.steps, this.#start, this.#held, this.lang),
    );
  }

  #buttons(active: boolean) {
    this.find<HTMLButtonElement>('[data-act="train"]').disabled = active;
    this.find<HTMLButtonElement>('[data-act="pause"]').disabled = !active;
    this.find<HTMLButtonElement>('[data-act="stop"]').disabled = !active;
  }

  async #train() {
    const v = this.values;
    this.clearNotes();
    this.#buttons(true);
    this.find<HTMLButtonElement>('[data-act="pause"]').disabled = true;
    this.state = 'running';
    try {
      const pasted = v.corpus === 'text' ? this.control<HTMLTextAreaElement>('text').value : undefined;
      const r = await this.#run.start(
        {
          rank: v.r,
          alpha: v.alpha,
          kinds: KINDS_OF[v.matrices],
          steps: v.steps,
          lr: v.lr,
          seed: v.seed,
          corpus: v.corpus,
          text: pasted,
        },
        { onProgress: (p) => this.progress(p.message) },
      );
      for (const n of r.notes) this.note(n);
      clearStale(this);
      this.#steps = v.steps;
      this.#step = 0;
      this.#parameters = r.parameters;
      this.#start = this.#held = r.heldOutLoss;
      this.#points = [{ step: 0, loss: r.heldOutLoss, set: 'held-out' }];
      this.#voices = [];
      this.#nextSample = 0;
      this.#prompt = v.prompt;
      for (const out of ['base', 'adapted', 'voice', 'base-voice']) this.find(`[data-out="${out}"]`).textContent = '—';
      this.find('[data-out="params"]').textContent = count(r.parameters);
      this.find('[data-out="check"]').textContent = text[this.lang].checkedAtStop;
      this.#paused = false;
      this.#setPaused(false);
      void this.#loop();
    } catch (err) {
      this.#buttons(false);
      this.fail(err, text[this.lang].couldNotStart);
    }
  }

  #setPaused(p: boolean) {
    this.#paused = p;
    const b = this.find<HTMLButtonElement>('[data-act="pause"]');
    b.disabled = this.#run.id === null;
    b.setAttribute('aria-pressed', String(p));
    b.textContent = p ? text[this.lang].resume : text[this.lang].pause;
  }

  #togglePause() {
    if (this.#run.id === null) return;
    this.#setPaused(!this.#paused);
    this.#show(this.#paused ? 'paused' : 'training');
    if (!this.#paused) void this.#loop();
  }

  #show(state: 'training' | 'paused' | 'stopped' | 'done') {
    const lang = this.lang;
    const status = { step: this.#step, steps: this.#steps, ...this.#rate, backend: this.#backend, state };
    this.progress(statusText(status, lang));
    this.find<HTMLProgressElement>('[data-bar]').value = this.#steps ? this.#step / this.#steps : 0;
    this.find('[data-out="loss"]').textContent = lossText(this.#start, this.#held, lang);
    this.find('[data-out="speed"]').textContent = this.#rate.stepsPerSecond
      ? text[lang].speedStat(this.#rate.stepsPerSecond, this.#rate.tokensPerSecond, this.#backend)
      : '—';
    this.update();
  }

  async #loop() {
    if (this.#looping) return;
    this.#looping = true;
    let lastHeld = performance.now();
    try {
      while (this.#run.id !== null && !this.#paused && this.alive) {
        const session = this.#run.id;
        if (this.#step >= this.#nextSample) {
          await this.#sample();
          this.#nextSample = this.#step - (this.#step % SAMPLE_EVERY) + SAMPLE_EVERY;
          if (session !== this.#run.id || this.#paused) break;
        }
        const heldOut = performance.now() - lastHeld > HELD_OUT_EVERY_MS;
        const r = await this.#run.next({ budgetMs: 400, heldOut });
        if (session !== this.#run.id) break;
        this.#step = r.step;
        this.#rate = { stepsPerSecond: r.stepsPerSecond, tokensPerSecond: r.tokensPerSecond };
        for (const l of r.losses) this.#points.push({ step: l.step, loss: l.loss, set: 'train' });
        if (r.heldOutLoss !== undefined) {
          this.#held = r.heldOutLoss;
          this.#points.push({ step: r.step, loss: r.heldOutLoss, set: 'held-out' });
          lastHeld = performance.now();
        }
        this.#show(this.#paused ? 'paused' : 'training'); // paused while this request ran: say so, not "Training"
        this.redraw('chart');
        if (r.done) {
          await this.#stop('done');
          break;
        }
      }
    } catch (err) {
      this.fail(err, text[this.lang].trainingStopped);
      this.#setPaused(true);
    } finally {
      this.#looping = false;
    }
  }

  /** Samples the adapter's voice at the current step, once per step (so Stop right after a sample adds none). */
  async #sample() {
    const session = this.#run.id;
    if (session === null || this.#voices.at(-1)?.step === this.#step) return;
    try {
      const s = await this.#run.request('sample', {
        prompt: this.#prompt,
        seeds: VOICE_SEEDS,
        maxNewTokens: VOICE_TOKENS,
      });
      if (session !== this.#run.id) return;
      const point = {
        step: s.step,
        speech: s.samples.filter((x) => x.label === 'speech').length,
        samples: s.samples.length,
      };
      this.#voices.push(point);
      const sample = this.#prompt + s.samples[0].text;
      const verdict = voiceText(
        point,
        s.samples.map((x) => x.score),
        this.lang,
      );
      // Step 0: the adapter adds nothing yet (B = 0), so this is the base model's voice.
      if (s.step === 0) {
        this.find('[data-out="base"]').textContent = sample;
        this.find('[data-out="base-voice"]').textContent = verdict;
      }
      this.find('[data-out="adapted"]').textContent = sample;
      this.find('[data-out="voice"]').textContent = verdict;
      this.redraw('chart');
    } catch (err) {
      this.note(text[this.lang].couldNotSample(err instanceof Error ? err.message : String(err)));
    }
  }

  async #stop(how: 'stopped' | 'done') {
    if (this.#run.id === null) return;
    this.#paused = true;
    await this.#sample();
    try {
      const r = (await this.#run.stop({ keepAs: 'yours' }))!;
      this.#held = r.heldOutLoss;
      this.#points.push({ step: r.step, loss: r.heldOutLoss, set: 'held-out' });
      const t = text[this.lang];
      this.find('[data-out="check"]').textContent = r.baseUnchanged ? t.unchanged : t.changed;
      this.note(t.kept(r.kept.parameters, r.step));
      this.#show(how);
      this.redraw('chart');
      this.state = 'done';
    } catch (err) {
      this.fail(err, text[this.lang].couldNotStop);
    } finally {
      this.#buttons(false);
      this.#setPaused(false);
      this.find<HTMLButtonElement>('[data-act="pause"]').disabled = true;
    }
  }
}

defineElement(schema, LoraTrain);
