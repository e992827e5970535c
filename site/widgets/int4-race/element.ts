// <int4-race>: the reader's browser times y = x·W with fp32 weights and with packed int4 weights (quant.race in the
// model worker), on the chosen matrix; the button runs it again. The large race holds the worker (every widget's
// requests wait), so while a race runs its button reads Cancel.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import type { Int4RaceResult } from '../../../lib/quant/race.ts';
import { CancelledError } from '../../worker/protocol.ts';
import { schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import { text } from './text.ts';

class Int4Race extends WidgetElement<typeof schema.params> {
  schema = schema;
  #raced = false;

  start() {
    const t = text[this.lang];
    const worker = this.worker();
    const button = this.find<HTMLButtonElement>('[data-run]');
    const label = button.textContent ?? '';
    let running: AbortController | undefined;
    const runs = this.jobs(
      async (size: 'small' | 'large') => {
        running = new AbortController();
        button.textContent = t.cancel;
        try {
          return await worker.request(
            'quant.race',
            { size },
            { onProgress: (p) => this.progress(p.message), signal: running.signal },
          );
        } finally {
          running = undefined;
          button.textContent = label;
        }
      },
      (size, r: Int4RaceResult) => {
        this.#raced = true;
        if (size === this.values.size) clearStale(this);
        const said = t.inYourBrowser(t.race(r));
        this.find('[data-out="race"]').textContent = said;
        this.summary(said);
        this.progress('');
        this.state = 'done';
      },
      (err) => {
        if (!(err instanceof CancelledError)) return this.fail(err);
        this.state = 'ready';
        this.progress(t.cancelled(label));
      },
    );
    // A race in this browser was for one size: another waits for the button.
    this.bind('size', () => {
      if (this.#raced) markStale(this, t.otherSize(label));
    });
    button.disabled = false;
    this.listen(button, 'click', () => {
      if (running) return running.abort();
      this.state = 'running';
      runs.submit(this.values.size);
    });
    this.state = 'ready';
  }
}

defineElement(schema, Int4Race);
