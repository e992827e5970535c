// <flash-window>: the browser half of FlashWindow.astro. The sliders pick k, the token and the layer; the counts,
// the grid and the curve follow (all from data shipped in the page; no worker needed).
import { WidgetElement, defineElement } from '../_kit/element.ts';
import type { WindowTrace } from '../../data/flash-window.ts';
import { windowCurve, windowGrid } from './chart.ts';
import { windowAt, type WindowCurveData } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

class FlashWindow extends WidgetElement<typeof schema.params> {
  schema = schema;
  #d?: { trace: WindowTrace; curve: WindowCurveData };

  start() {
    this.#d = this.json<{ trace: WindowTrace; curve: WindowCurveData }>();
    const d = this.#d;
    if (!d) return;
    const t = text[this.lang];
    const lastToken = d.trace.tokens.length - 1,
      lastLayer = d.trace.nLayer - 1;
    if (this.values.token > lastToken) {
      this.note(t.pastPrompt(this.values.token, lastToken));
      this.values = { ...this.values, token: lastToken };
    }
    if (this.values.layer > lastLayer) {
      this.note(t.pastLayers(this.values.layer, lastLayer));
      this.values = { ...this.values, layer: lastLayer };
    }
    for (const name of ['k', 'token', 'layer'] as const) this.bind(name);
    this.chart('grid', (width) =>
      windowGrid(d.trace.active[this.values.layer], d.trace.tokens, d.trace.nFfn, this.values.token, this.values.k, {
        width,
        lang: this.lang,
      }),
    );
    this.chart('curve', (width) => windowCurve(d.curve, this.values.k, { width, lang: this.lang }));
    this.state = 'done';
  }

  update() {
    const d = this.#d;
    if (!d) return;
    const { k, token: t, layer } = this.values;
    const v = windowAt(d.trace.active[layer], t, k);
    for (const [name, value] of [
      ['k', k],
      ['token', t],
      ['layer', layer],
      ['needed', v.needed.length],
      ['kept', v.kept.length],
      ['reused', v.reused.length],
      ['load', v.load.length],
    ] as const)
      this.find(`[data-out="${name}"]`).textContent = String(value);
    const words = text[this.lang];
    const s = words.tokenSentence(layer, t, d.trace.tokens[t], v, k, d.trace.nFfn);
    this.find('[data-out="sentence"]').textContent = s;
    this.summary(`${s} ${words.curveSentence(d.curve, k)}`);
    this.redraw();
  }
}

defineElement(schema, FlashWindow);
