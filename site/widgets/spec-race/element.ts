// <spec-race>: the browser half of SpecRace.astro. One spec.race request in the model worker per press of Race.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { perSecond } from '../_kit/format.ts';
import { cleanShape, raceSummary } from './model.ts';
import { schema } from './params.ts';

class SpecRace extends WidgetElement<typeof schema.params> {
  schema = schema;

  start() {
    const worker = this.worker();
    for (const name of ['prompt', 'tree', 'tokens', 'runs'] as const) this.bind(name);
    const race = this.jobs(
      (v: { prompt: string; tree: string; tokens: number; runs: number }) =>
        worker.request('spec.race', v, { onProgress: (p) => this.progress(p.message) }),
      (v, r) => {
        if (r.note) this.note(r.note);
        this.dataset.result = JSON.stringify({ ...r, tokens: v.tokens }); // for npm run bench (scripts/bench-speculative.ts)
        this.find('[data-out="plain-speed"]').textContent = perSecond(r.plain.tokensPerSecond);
        this.find('[data-out="spec-speed"]').textContent = perSecond(r.speculative.tokensPerSecond);
        this.find('[data-out="spec-tpp"]').textContent = r.speculative.tokensPerPass.toFixed(2);
        this.find('[data-out="plain-text"]').textContent = r.plain.text;
        this.find('[data-out="spec-text"]').textContent = r.speculative.text;
        this.find('section[aria-label="Speculative decoding"] h3').textContent = `Speculative, ${r.shape}`;
        const text = raceSummary(r, v.tokens);
        this.progress(text);
        this.summary(text);
      },
    );
    const button = this.find<HTMLButtonElement>('[data-action="race"]');
    button.disabled = false;
    this.listen(button, 'click', () =>
      race.submit({
        prompt: this.values.prompt,
        tree: cleanShape(this.values.tree),
        tokens: this.values.tokens,
        runs: this.values.runs,
      }),
    );
  }
}

defineElement(schema, SpecRace);
