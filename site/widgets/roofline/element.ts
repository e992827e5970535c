// <roofline-plot>: Measure runs roofline.measure in the model worker and draws the result; moving the tree slider
// updates the static intensities before a run, and marks a run's figures stale until Measure is pressed again.
import type { GPTConfig } from '../../../lib/config.ts';
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { count, percent } from '../_kit/format.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { rooflineChart } from './chart.ts';
import { beforeText, gflops, type Measured, passIntensities, perByte, pointRows, summary } from './model.ts';
import { schema } from './params.ts';

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
      if (this.measured) markStale(this, 'The figures are for another tree: press Measure to time this one.');
      else this.showIntensities(config, tree);
    };
    this.bind('tree', showTree);
    showTree(this.values.tree); // the shell drew its default tree; a shared link may ask for another
    this.chart('chart', (width) => (this.measured ? rooflineChart(this.measured, { width }) : null));
    const button = this.find<HTMLButtonElement>('[data-run]');
    button.disabled = false;
    this.listen(button, 'click', () => runs.submit(this.values.tree));
    this.state = 'ready';
  }

  /** Before any run: the passes' intensities for the current tree, from the model's shapes. */
  private showIntensities(config: GPTConfig, tree: number) {
    const rows = passIntensities(config, tree).map((p) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', '–'), cell('td', 'any'), cell('td', p.weights), cell('td', p.pass));
      tr.append(cell('td', perByte(p.intensity), true), ...[0, 1, 2, 3].map(() => cell('td', '–', true)));
      return tr;
    });
    this.find('[data-out="table"]').replaceChildren(...rows);
    const text = beforeText(config, tree);
    this.find('[data-out="roof"]').textContent = text;
    this.summary(text);
  }

  private showMeasured() {
    const m = this.measured!;
    const rows = pointRows(m).map((r) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', String(r.n)), cell('td', r.engine), cell('td', r.weights), cell('td', r.pass));
      tr.append(
        cell('td', perByte(r.intensity), true),
        cell('td', gflops(r.gflops), true),
        cell('td', `${gflops(r.attainable)} (${r.bound})`, true),
        cell('td', percent(r.share), true),
        cell('td', count(Math.round(r.tokensPerSec)), true),
      );
      return tr;
    });
    this.find('[data-out="table"]').replaceChildren(...rows);
    const text = summary(m);
    this.find('[data-out="roof"]').textContent = text;
    this.summary(text);
    this.redraw('chart');
  }
}

defineElement(schema, Roofline);
