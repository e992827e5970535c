// <roofline-plot>: Measure runs roofline.measure in the model worker and draws the result; moving the tree slider
// updates the static intensities before a run, and marks a run's figures stale until Measure is pressed again.
import type { GPTConfig } from '../../../lib/config.ts';
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { count, percent } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { rooflineChart } from './chart.ts';
import { gflops, type Measured, passIntensities, perByte, pointRows } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

const cell = (tag: 'td' | 'th', text: string, num = false) => {
  const c = document.createElement(tag);
  c.textContent = text;
  if (tag === 'th') c.scope = 'row';
  if (num) c.className = 'num';
  return c;
};

class Roofline extends WidgetElement<typeof schema.params> {
  schema = schema;
  private measured: (Measured & { tree: number }) | null = null;

  start() {
    const t = text[this.lang];
    const config = this.json<{ config: GPTConfig }>()?.config;
    if (!config) throw new Error('Roofline: the shell shipped no model config');
    const worker = this.worker();
    const runs = this.jobs(
      (tree: number) =>
        worker.request('roofline.measure', { treeTokens: tree }, { onProgress: (p) => this.progress(p.message) }),
      (tree, r) => {
        this.measured = { roof: r.roof, points: r.points, tree };
        if (tree === this.values.tree) {
          clearStale(this);
          this.progress('');
        }
        this.showMeasured();
      },
    );
    const showTree = (tree: number) => {
      this.find('[data-out="tree"]').textContent = String(tree);
      if (this.measured) markStale(this, t.staleTree);
      else this.showIntensities(config, tree);
    };
    this.bind('tree', showTree);
    showTree(this.values.tree); // the shell drew its default tree; a shared link may ask for another
    this.chart('chart', (width) => (this.measured ? rooflineChart(this.measured, { width }, this.lang) : null));
    const button = this.find<HTMLButtonElement>('[data-run]');
    button.disabled = false;
    this.listen(button, 'click', () => runs.submit(this.values.tree));
    this.state = 'ready';
  }

  /** Before any run: the passes' intensities for the current tree, from the model's shapes. */
  private showIntensities(config: GPTConfig, tree: number) {
    const t = text[this.lang];
    const passes = passIntensities(config, tree);
    const rows = passes.map((p) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', '–'), cell('td', t.anyEngine), cell('td', p.weights), cell('td', t.passName(p.tokens)));
      tr.append(cell('td', perByte(p.intensity), true), ...[0, 1, 2, 3].map(() => cell('td', '–', true)));
      return tr;
    });
    this.find('[data-out="table"]').replaceChildren(...rows);
    const said = t.before({ tree, intensities: passes.map((p) => p.intensity) });
    this.find('[data-out="roof"]').textContent = said;
    this.summary(said);
  }

  private showMeasured() {
    const t = text[this.lang];
    const m = this.measured!;
    const rows = pointRows(m).map((r) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', String(r.n)), cell('td', r.engine), cell('td', r.weights), cell('td', t.passName(r.tokens)));
      tr.append(
        cell('td', perByte(r.intensity), true),
        cell('td', gflops(r.gflops), true),
        cell('td', `${gflops(r.attainable)} (${t.bound(r.bound)})`, true),
        cell('td', percent(r.share), true),
        cell('td', count(Math.round(r.tokensPerSec)), true),
      );
      return tr;
    });
    this.find('[data-out="table"]').replaceChildren(...rows);
    const said = t.summary(m);
    this.find('[data-out="roof"]').textContent = said;
    this.summary(said);
    this.redraw('chart');
  }
}

defineElement(schema, Roofline);
