// <flash-stepper>: the browser half of FlashStepper.astro. Run starts a session in the model worker (flash.start)
// and asks for tokens one at a time (flash.next), updating the counters after each; One token adds a single token.
// Changing a setting ends the session and drops its figures: the counters then show the build-time mean for the new
// settings if they are a rung of the ablation (site/data/flash.json, shipped with the page), else "–" until Run.
// After a run the counters are the means over its tokens; the last token's own figures are in the caption.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { plural } from '../_kit/format.ts';
import {
  basisText,
  budgetText,
  buildMean,
  countsText,
  lastTokenText,
  meanCounts,
  policyOf,
  summaryText,
  windowText,
  type Ablation,
  type StepCounts,
} from './model.ts';
import { schema } from './params.ts';

interface Step extends StepCounts {
  text: string;
  memoryText: string;
  same: boolean;
}

class FlashStepper extends WidgetElement<typeof schema.params> {
  schema = schema;
  #steps: Step[] = [];
  #remaining = 0;
  #busy = false;
  /** What the run's caption said about where the store lives ("Measured here: …"). */
  #runBasis = '';
  /** Bumped by every setting change: answers for an older generation (a run still in flight) are dropped. */
  #generation = 0;

  start() {
    const flash = this.workerSession('flash'); // stopped when the widget leaves the page
    const run = this.find<HTMLButtonElement>('[data-action="run"]');
    const one = this.find<HTMLButtonElement>('[data-action="step"]');
    const endSession = () => void flash.stop().catch(() => {});
    // A new setting: the run's figures were for the old one, so they go (update() shows what is known for the new).
    for (const name of ['model', 'prompt', 'neurons', 'hybrid', 'window', 'budget', 'bundling', 'storage'] as const)
      this.bind(name, () => {
        endSession();
        this.#generation++;
        this.#steps = [];
      });
    this.bind('tokens');

    const begin = async (gen: number) => {
      endSession();
      this.#steps = [];
      this.clearNotes((n) => n.includes(`${this.key}.`)); // keep the notes about the URL
      this.progress('Opening the FFN store…');
      const v = this.values;
      const r = await flash.start(
        { model: v.model, prompt: v.prompt, policy: policyOf(v), storage: v.storage },
        { onProgress: (p) => this.progress(p.message) },
      );
      if (gen !== this.#generation) return; // settings changed meanwhile (their endSession stopped this session)
      this.#remaining = r.remaining;
      for (const n of r.notes) this.note(n);
      if (r.fallback) this.note(r.fallback);
      this.#runBasis = `Measured here: ${v.model}'s FFN is read from ${r.storage === 'opfs' ? 'the Origin Private File System' : 'memory'}${r.rebuilt ? ' (the store was written just now)' : ' (store reused)'}${r.setup.reads ? `; the resident half took ${r.setup.reads} reads once` : ''}.`;
    };
    const step = async (gen: number) => {
      if (flash.id === null) await begin(gen);
      if (gen !== this.#generation || flash.id === null) return;
      const full = 'the context is full; change a setting or press Run to start again';
      if (this.#remaining <= 0) throw new Error(full);
      const [s] = await flash.next({ count: 1 });
      if (gen !== this.#generation) return; // a token of the old settings: not theirs to show
      if (!s) throw new Error(full);
      this.#remaining--;
      this.#steps.push({ ...s, text: s.text, memoryText: s.memoryText });
      this.update();
    };
    const act = async (n: number, fresh: boolean) => {
      if (this.#busy) return;
      this.#busy = true;
      run.disabled = one.disabled = true;
      this.state = 'running';
      const gen = this.#generation;
      try {
        if (fresh || flash.id === null) await begin(gen);
        for (let i = 0; i < n && this.#remaining > 0 && this.alive && gen === this.#generation; i++) {
          this.progress(`Token ${i + 1} of ${n}…`);
          await step(gen);
        }
        this.progress(
          gen === this.#generation
            ? `${plural(this.#steps.length, 'token', 'tokens')}.`
            : 'A setting changed during the run, so it stopped: press Run to measure the new settings.',
        );
        this.state = 'done';
      } catch (err) {
        this.fail(err, 'Could not generate');
      } finally {
        this.#busy = false;
        run.disabled = one.disabled = false;
      }
    };
    this.listen(run, 'click', () => void act(this.values.tokens, true));
    this.listen(one, 'click', () => void act(1, false));
    run.disabled = one.disabled = false;
    this.state = 'ready';
  }

  update() {
    const v = this.values;
    this.find('[data-out="window"]').textContent = windowText(v);
    this.find('[data-out="budget"]').textContent = budgetText(v.budget);
    this.find('[data-out="tokens"]').textContent = String(v.tokens);
    const data = this.json<{ ablation: Ablation; generation: { prompt: string; inMemoryText: string } }>();
    const steps = this.#steps;
    const stats = ['bytes', 'reads', 'neurons', 'dram', 'readMs', 'paperMs', 'curveMs'] as const;
    if (steps.length === 0) {
      // No run for these settings: the build-time mean if they are a rung, else nothing to show yet.
      const mean = data && buildMean(v, data.ablation);
      const t = mean && countsText(mean);
      for (const k of stats) this.find(`[data-out="${k}"]`).textContent = t ? t[k] : '–';
      if (data) this.find('[data-out="basis"]').textContent = basisText(mean, data.ablation);
      const known = data && v.prompt === data.generation.prompt;
      this.find('[data-out="text"]').textContent = '';
      this.find('[data-out="memory"]').textContent = known ? data.generation.inMemoryText : '';
      this.find('[data-out="same"]').textContent = known
        ? 'Greedy decoding; with an exact policy the two texts are the same.'
        : '';
      this.summary(mean ? summaryText(0, null, mean) : 'Press Run to generate.');
      return;
    }
    const mean = meanCounts(steps);
    const t = countsText(mean);
    for (const k of stats) this.find(`[data-out="${k}"]`).textContent = t[k];
    this.find('[data-out="basis"]').textContent =
      `${this.#runBasis} Means per token over the ${plural(steps.length, 'token', 'tokens')} of this run. ${lastTokenText(steps[steps.length - 1])}`;
    this.find('[data-out="text"]').textContent = steps.map((s) => s.text).join('');
    this.find('[data-out="memory"]').textContent = steps.map((s) => s.memoryText).join('');
    const same = steps.every((s) => s.same);
    this.find('[data-out="same"]').textContent = same
      ? `Same ${plural(steps.length, 'token', 'tokens')} as the model in memory.`
      : `Differs from the model in memory from token ${steps.findIndex((s) => !s.same)} (the predictor missed neurons that mattered).`;
    this.summary(summaryText(steps.length, same, mean));
  }
}

defineElement(schema, FlashStepper);
