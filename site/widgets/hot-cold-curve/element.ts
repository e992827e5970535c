// <hot-cold-curve>: the browser half of HotColdCurve.astro. The curves and placements come from the build-time
// profile shipped in the page (no model needed); moving the budget re-runs the three placements of
// lib/sparsity/placement.ts at once (a few thousand steps of arithmetic). "Profile my text" runs the model over the
// reader's text in the page's worker (`sparsity.profile`) and compares its top-20% hot set with Moby Dick's.
import { hotSetOverlap } from '../../../lib/sparsity/profile.ts';
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { duration, percent, times } from '../_kit/format.ts';
import type { ModelName } from '../../worker/models.ts';
import { curveChart } from './chart.ts';
import { placementTable, rate } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

/** Characters of the reader's text sent to the worker at most (2,048 tokens need far fewer). */
const MAX_SEND_CHARS = 100_000;

interface Shipped {
  nEmbd: number;
  moby: { title: string; tokens: number; frequency: number[][]; shareFor80: number[]; all80: number };
}

class HotColdCurve extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: Shipped;

  start() {
    this.#data = this.json<Shipped>();
    const data = this.#data;
    if (!data) return;
    this.bind('budget');
    this.bind('size');
    this.enableControls();
    this.listen(
      this.find('[data-action="profile"]'),
      'click',
      () => void this.#profile(this.control<HTMLTextAreaElement>('text').value),
    );
    this.chart('chart', (width) =>
      curveChart(
        data.moby.frequency,
        { layers: data.moby.shareFor80, all: data.moby.all80 },
        {
          width,
          budget: this.values.budget,
          paper: [{ x: 0.26, y: 0.8, label: text[this.lang].paper }],
          lang: this.lang,
        },
      ),
    );
    this.state = 'done';
  }

  update() {
    const data = this.#data;
    if (!data) return;
    const say = text[this.lang];
    const t = placementTable(data.moby.frequency, this.values.budget, this.values.size, data.nEmbd);
    this.find('[data-out="budget"]').textContent = say.budgetOut(this.values.budget, t.budgetNeurons);
    for (const r of t.rows) {
      const row = this.find(`tr[data-method="${r.method}"]`);
      const cell = (name: string, text: string) =>
        ((row.querySelector(`[data-cell="${name}"]`) as HTMLElement).textContent = text);
      cell('served', percent(r.servedShare));
      cell('counts', r.fastCounts.join(' · '));
      cell('ms', duration(r.msPerToken));
      cell('rate', rate(r.tokensPerSecond));
      cell('speedup', times(r.speedup));
    }
    this.find('[data-out="rule"]').textContent = say.rule(t, data.moby.frequency[0].length);
    this.dataset.served = String(t.rows[2].servedShare);
    this.summary(say.summary(t));
    this.redraw('chart');
  }

  async #profile(input: string) {
    const say = text[this.lang];
    const data = this.#data;
    if (!data) return;
    const button = this.find<HTMLButtonElement>('[data-action="profile"]');
    if (input.trim().length === 0) {
      this.progress(say.emptyText);
      return;
    }
    button.disabled = true;
    this.dataset.profile = 'running';
    try {
      const r = await this.worker().request(
        'sparsity.profile',
        { model: this.dataset.model as ModelName, text: input.slice(0, MAX_SEND_CHARS) },
        { onProgress: (p) => this.progress(p.message) },
      );
      if (!this.alive) return;
      const overlaps = r.frequency.map((f, l) => hotSetOverlap(data.moby.frequency[l], f, 0.2));
      overlaps.forEach((o, l) => (this.find(`[data-yours="${l}"]`).textContent = percent(o)));
      const all = hotSetOverlap(
        data.moby.frequency.flat(),
        r.frequency.flatMap((f) => Array.from(f)),
        0.2,
      );
      this.find('[data-yours="all"]').textContent = percent(all);
      const found = { tokens: r.tokens, totalTokens: r.totalTokens, overlaps, all };
      this.progress(say.profiled(found));
      this.summary(say.profileSummary(found));
      this.dataset.profile = 'done';
    } catch (err) {
      this.dataset.profile = 'error';
      this.progress(say.couldNotProfile(err instanceof Error ? err.message : String(err)));
    } finally {
      button.disabled = false;
    }
  }
}

defineElement(schema, HotColdCurve);
