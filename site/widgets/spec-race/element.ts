// <spec-race>: the browser half of SpecRace.astro. One spec.race request in the model worker per press of Race.
// A race takes up to a minute and holds the worker (every widget's requests wait), so while it runs Race reads Cancel.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { CancelledError } from '../../worker/protocol.ts';
import { decimal } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { parseTreeShape } from '../../../lib/speculative/tree-shape.ts';
import { cleanShape } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class SpecRace extends WidgetElement<typeof schema.params> {
  schema = schema;

  start() {
    const worker = this.worker();
    const t = text[this.lang];
    // The figures are from the last race (or the build's, for the shell's settings): a changed input makes them stale.
    const stale = () => markStale(this, t.stale);
    for (const name of ['prompt', 'tree', 'tokens', 'runs'] as const) this.bind(name, stale);
    if (['prompt', 'tree', 'tokens'].some((name) => this.fromUrl.has(name))) stale();
    const button = this.find<HTMLButtonElement>('[data-action="race"]');
    let running: AbortController | undefined;
    const race = this.jobs(
      async (v: { prompt: string; tree: string; tokens: number; runs: number }) => {
        running = new AbortController();
        button.textContent = t.cancel;
        try {
          return await worker.request('spec.race', v, {
            onProgress: (p) => this.progress(p.message),
            signal: running.signal,
          });
        } finally {
          running = undefined;
          button.textContent = t.race;
        }
      },
      (v, r) => {
        const now = this.values;
        if (
          v.prompt === now.prompt &&
          v.tokens === now.tokens &&
          v.runs === now.runs &&
          v.tree === cleanShape(now.tree)
        )
          clearStale(this);
        if (r.note) this.note(r.note);
        this.dataset.result = JSON.stringify({ ...r, tokens: v.tokens }); // for npm run bench (scripts/bench-speculative.ts)
        this.find('[data-out="plain-speed"]').textContent = t.speedOf(r.plain.tokensPerSecond);
        this.find('[data-out="spec-speed"]').textContent = t.speedOf(r.speculative.tokensPerSecond);
        this.find('[data-out="spec-tpp"]').textContent = decimal(r.speculative.tokensPerPass);
        this.find('[data-out="plain-text"]').textContent = r.plain.text;
        this.find('[data-out="spec-text"]').textContent = r.speculative.text;
        this.find('[data-out="spec-title"]').textContent = t.speculative(r.shape);
        const said = t.raceSummary(r, v.tokens);
        this.progress(said);
        this.summary(said);
      },
      (err) => {
        if (!(err instanceof CancelledError)) return this.fail(err);
        this.state = 'ready';
        this.progress(t.cancelled);
      },
    );
    button.disabled = false;
    this.listen(button, 'click', () => {
      if (running) return running.abort();
      const tree = cleanShape(this.values.tree);
      try {
        parseTreeShape(tree); // bounded before anything is built: a bad shape never reaches the worker
      } catch (err) {
        this.fail(err, t.cannotRace, t.fixShape);
        return;
      }
      race.submit({ prompt: this.values.prompt, tree, tokens: this.values.tokens, runs: this.values.runs });
    });
  }
}

defineElement(schema, SpecRace);
