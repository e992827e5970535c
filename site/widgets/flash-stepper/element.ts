// <flash-stepper>: the browser half of FlashStepper.astro. Run starts a session in the model worker (flash.start)
// and asks for tokens one at a time (flash.next), updating the counters after each; One token adds a single token.
// Changing a setting ends the session and drops its figures: the counters then show the build-time mean for the new
// settings if they are a rung of the ablation (site/data/flash.json, shipped with the page), else "–" until Run.
// After a run the counters are the means over its tokens; the last token's own figures are in the caption.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { buildMean, meanCounts, policyOf, type Ablation, type StepCounts } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

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
    const t = text[this.lang];
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
      this.progress(t.opening);
      const v = this.values;
      const r = await flash.start(
        { model: v.model, prompt: v.prompt, policy: policyOf(v), storage: v.storage },
        { onProgress: (p) => this.progress(p.message) },
      );
      if (gen !== this.#generation) return; // settings changed meanwhile (their endSession stopped this session)
      this.#remaining = r.remaining;
      for (const n of r.notes) this.note(n);
      if (r.fallback) this.note(r.fallback);
      this.#runBasis = t.runBasis({
        model: v.model,
        opfs: r.storage === 'opfs',
        rebuilt: r.rebuilt,
        setupReads: r.setup.reads,
      });
    };
    const step = async (gen: number) => {
      if (flash.id === null) await begin(gen);
      if (gen !== this.#generation || flash.id === null) return;
      const full = t.contextFull;
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
          this.progress(t.tokenOf(i + 1, n));
          await step(gen);
        }
        this.progress(gen === this.#generation ? `${t.tokens(this.#steps.length)}${t.end}` : t.stopped);
        this.state = 'done';
      } catch (err) {
        this.fail(err, t.couldNotGenerate);
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
    const words = text[this.lang];
    const v = this.values;
    this.find('[data-out="window"]').textContent = words.windowText(v);
    this.find('[data-out="budget"]').textContent = words.budgetText(v.budget);
    this.find('[data-out="tokens"]').textContent = String(v.tokens);
    const data = this.json<{ ablation: Ablation; generation: { prompt: string; inMemoryText: string } }>();
    const steps = this.#steps;
    const stats = ['bytes', 'reads', 'neurons', 'dram', 'readMs', 'paperMs', 'curveMs'] as const;
    if (steps.length === 0) {
      // No run for these settings: the build-time mean if they are a rung, else nothing to show yet.
      const mean = data && buildMean(v, data.ablation);
      const t = mean && words.countsText(mean);
      for (const k of stats) this.find(`[data-out="${k}"]`).textContent = t ? t[k] : '–';
      if (data) this.find('[data-out="basis"]').textContent = words.basisText(mean, data.ablation);
      const known = data && v.prompt === data.generation.prompt;
      this.find('[data-out="text"]').textContent = '';
      this.find('[data-out="memory"]').textContent = known ? data.generation.inMemoryText : '';
      this.find('[data-out="same"]').textContent = known ? words.sameGreedy : '';
      this.summary(mean ? words.summaryText(0, null, mean) : words.pressRun);
      return;
    }
    const mean = meanCounts(steps);
    const t = words.countsText(mean);
    for (const k of stats) this.find(`[data-out="${k}"]`).textContent = t[k];
    this.find('[data-out="basis"]').textContent = words.runMeans(
      this.#runBasis,
      steps.length,
      words.lastTokenText(steps[steps.length - 1]),
    );
    this.find('[data-out="text"]').textContent = steps.map((s) => s.text).join('');
    this.find('[data-out="memory"]').textContent = steps.map((s) => s.memoryText).join('');
    const same = steps.every((s) => s.same);
    this.find('[data-out="same"]').textContent = same
      ? words.sameAsMemory(steps.length)
      : words.differsFrom(steps.findIndex((s) => !s.same));
    this.summary(words.summaryText(steps.length, same, mean));
  }
}

defineElement(schema, FlashStepper);
