// <flash-storage>: the browser half of FlashStorage.astro. "Measure this device" runs flash.roundtrip (bytes
// written = bytes read, byte for byte) and flash.measure in the model worker, then adds the reader's curve.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { bandwidth } from '../_kit/format.ts';
import { storageChart } from './chart.ts';
import { at, type Curve } from './model.ts';
import { schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

class FlashStorage extends WidgetElement<typeof schema.params> {
  schema = schema;
  #curves: Curve[] = [];

  start() {
    const t = text[this.lang];
    const build = this.json<Curve>();
    if (build) this.#curves = [build];
    // This device's figures were measured on one file size: another waits for Measure.
    this.bind('file', () => {
      if (this.#curves.some((c) => c.who === 'this device')) markStale(this, t.otherFile);
    });
    this.bind('chunk');
    this.chart('chart', (width) => storageChart(this.#curves, { width, lang: this.lang }, this.#chunkBytes()));
    const button = this.find<HTMLButtonElement>('[data-action="measure"]');
    const worker = this.worker();
    const runs = this.jobs(
      async (file: number) => {
        this.progress(t.roundTripping);
        const rt = await worker.request('flash.roundtrip', { bytes: 1 << 20 });
        this.#showStorage(rt.storage, rt.fallback);
        this.find('[data-out="roundtrip"]').textContent = t.roundTripped(
          rt.bytesWritten,
          rt.bytesRead,
          rt.reads,
          rt.equal,
        );
        if (!rt.equal) throw new Error(t.differ);
        const m = await worker.request(
          'flash.measure',
          { fileMiB: file },
          { onProgress: (p) => this.progress(p.message) },
        );
        this.#showStorage(m.storage, m.fallback);
        return m;
      },
      (file, m) => {
        if (file === this.values.file) clearStale(this);
        this.#curves = [
          ...this.#curves.filter((c) => c.who !== 'this device'),
          { who: 'this device', points: m.points },
        ];
        const mine = this.#curves[this.#curves.length - 1];
        for (const row of this.querySelectorAll<HTMLElement>('tr[data-chunk]')) {
          const c = Number(row.dataset.chunk);
          row.querySelector('[data-out="seq"]')!.textContent = bandwidth(
            at(mine, 'sequential', c)?.bytesPerSecond ?? NaN,
          );
          row.querySelector('[data-out="scat"]')!.textContent = bandwidth(
            at(mine, 'scattered', c)?.bytesPerSecond ?? NaN,
          );
        }
        this.progress(t.measured(m.storage === 'opfs'));
        button.disabled = false;
        this.update();
      },
      (err) => {
        button.disabled = false;
        this.fail(err, t.couldNotMeasure);
      },
    );
    this.listen(button, 'click', () => {
      button.disabled = true;
      runs.submit(this.values.file);
    });
    button.disabled = false;
    this.state = 'ready';
  }

  #chunkBytes(): number {
    return Number(this.values.chunk) * 1024;
  }

  #showStorage(kind: string, fallback: string | null) {
    this.find('[data-out="storage"]').textContent = text[this.lang].storageKind(kind === 'opfs');
    if (fallback) {
      this.clearNotes((n) => n.includes(`${this.key}.`));
      this.note(fallback);
    }
  }

  update() {
    const t = text[this.lang];
    this.find('[data-out="file"]').textContent = t.mib(this.values.file);
    this.find('[data-out="chunk"]').textContent = t.chunkSentence(this.#curves, this.#chunkBytes());
    this.summary(t.summaryText(this.#curves));
    this.redraw('chart');
  }
}

defineElement(schema, FlashStorage);
