// <alpha-slider>: moving α picks one of AWQ's 20 grid points; changing the layer, bits or group size re-quantizes
// that layer at all 20 in the model worker (quant.alpha). The default curve ships with the page.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { sig } from '../_kit/format.ts';
import { errorChart, stepsChart } from './chart.ts';
import { alphaSentence, bestAlpha, pointAt, type Curve } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

interface Data {
  curve: Curve | null;
  settings: { model: string; layer: string; bits: string; group: string };
  texts: { calibration: string[]; evaluation: string };
}

class AlphaSlider extends WidgetElement<typeof schema.params> {
  schema = schema;
  #curve: Curve | null = null;

  start() {
    const data = this.json<Data>();
    if (!data) return;
    let worker: ReturnType<typeof this.worker> | undefined; // started only when a curve must be computed
    // Until the reader moves α (or the URL sets it), α sits at the best point of whatever curve is shown.
    let followBest = !this.fromUrl.has('a');
    const show = (c: Curve) => {
      this.#curve = c;
      if (followBest && this.values.a !== bestAlpha(c)) {
        this.control('a').value = String(bestAlpha(c));
        this.set({ a: bestAlpha(c) });
      }
    };
    const key = () => ({
      model: this.values.model,
      layer: this.values.layer,
      bits: this.values.bits,
      group: this.values.group,
    });
    const runs = this.jobs(
      (k: ReturnType<typeof key>) =>
        (worker ??= this.worker()).request(
          'quant.alpha',
          { ...data.texts, model: k.model, layer: k.layer, bits: Number(k.bits), groupSize: Number(k.group) },
          { onProgress: (p) => this.progress(p.message) },
        ),
      (_k, c: Curve) => {
        show(c);
        this.progress('');
        this.state = 'done';
        this.update();
      },
    );
    const fetch = () => {
      const k = key();
      if (
        data.curve &&
        k.model === data.settings.model &&
        k.layer === data.settings.layer &&
        k.bits === data.settings.bits &&
        k.group === data.settings.group
      ) {
        show(data.curve);
        this.state = 'done';
        this.update();
        return;
      }
      this.state = 'running';
      this.#curve = null; // nothing from other settings stays on screen while the worker computes
      const waiting = text[this.lang].computing;
      this.find('[data-out="sentence"]').textContent = waiting;
      this.summary(waiting); // the screen-reader summary too: it still described the previous curve
      this.redraw();
      runs.submit(k);
    };
    this.bind('a', () => (followBest = false));
    this.bind('model', fetch);
    this.bind('layer', fetch);
    this.bind('bits', fetch);
    this.bind('group', fetch);
    this.chart('error', (w) =>
      this.#curve
        ? errorChart(this.#curve, this.values.a, { width: w, lang: this.lang })
        : document.createElement('div'),
    );
    this.chart('steps', (w) =>
      this.#curve
        ? stepsChart(this.#curve, this.values.a, { width: w, lang: this.lang })
        : document.createElement('div'),
    );
    fetch();
  }

  update() {
    const a = this.values.a;
    this.find('[data-out="a"]').textContent = String(sig(a, 2));
    const c = this.#curve;
    if (!c || c.layer !== this.values.layer) return;
    const i = pointAt(c, a);
    if (Math.abs(c.points[i].alpha - a) > 1e-9)
      this.find('[data-out="a"]').textContent = text[this.lang].offGrid(a, c.points[i].alpha);
    const sentence = alphaSentence(c, a, this.lang);
    this.find('[data-out="sentence"]').textContent = sentence;
    this.summary(sentence);
    this.redraw();
  }
}

defineElement(schema, AlphaSlider);
