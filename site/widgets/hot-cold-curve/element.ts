// <hot-cold-curve>: the browser half of HotColdCurve.astro. The curves and placements come from the build-time
// profile shipped in the page (no model needed); moving the budget re-runs the three placements of
// lib/sparsity/placement.ts at once (a few thousand steps of arithmetic). "Profile my text" runs the model over the
// reader's text in the page's worker (`sparsity.profile`) and compares its top-20% hot set with Moby Dick's.
import { hotSetOverlap } from '../../../lib/sparsity/profile.ts';
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { count, duration, percent, times } from '../_kit/format.ts';
import type { ModelName } from '../../worker/models.ts';
import { curveChart } from './chart.ts';
import { placementTable, rate, ruleText, tableSummary } from './model.ts';
import { schema } from './params.ts';

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
          paper: [{ x: 0.26, y: 0.8, label: 'OPT-30B (paper)' }],
        },
      ),
    );
    this.state = 'done';
  }

  update() {
    const data = this.#data;
    if (!data) return;
    const t = placementTable(data.moby.frequency, this.values.budget, this.values.size, data.nEmbd);
    this.find('[data-out="budget"]').textContent = `${percent(this.values.budget)} (${count(t.budgetNeurons)} neurons)`;
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
    this.find('[data-out="rule"]').textContent = ruleText(t, data.moby.frequency[0].length);
    this.dataset.served = String(t.rows[2].servedShare);
    this.summary(tableSummary(t));
    this.redraw('chart');
  }

  async #profile(text: string) {
    const data = this.#data;
    if (!data) return;
    const button = this.find<HTMLButtonElement>('[data-action="profile"]');
    if (text.trim().length === 0) {
      this.progress('Paste or type some text first.');
      return;
    }
    button.disabled = true;
    this.dataset.profile = 'running';
    try {
      const r = await this.worker().request(
        'sparsity.profile',
        { model: this.dataset.model as ModelName, text: text.slice(0, MAX_SEND_CHARS) },
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
      const cut =
        r.totalTokens > r.tokens ? ` (the first ${count(r.tokens)} of its ${count(r.totalTokens)} tokens)` : '';
      this.progress(
        `Profiled ${count(r.tokens)} tokens of your text${cut}; overlap with Moby Dick's hot set over all layers: ${percent(all)}.`,
      );
      this.summary(
        `Your text's top-20% hot set overlaps Moby Dick's by ${overlaps.map((o, l) => `${percent(o)} in layer ${l}`).join(', ')}, ${percent(all)} over all layers.`,
      );
      this.dataset.profile = 'done';
    } catch (err) {
      this.dataset.profile = 'error';
      this.progress(`Could not profile the text: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      button.disabled = false;
    }
  }
}

defineElement(schema, HotColdCurve);
