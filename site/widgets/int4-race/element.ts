// <int4-race>: the reader's browser times y = x·W with fp32 weights and with packed int4 weights (quant.race in the
// model worker), on the chosen matrix; the button runs it again.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import type { Int4RaceResult } from '../../../lib/quant/race.ts';
import { raceSentence } from './model.ts';
import { schema } from './params.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

class Int4Race extends WidgetElement<typeof schema.params> {
  schema = schema;
  #raced = false;

  start() {
    const worker = this.worker();
    const runs = this.jobs(
      (size: 'small' | 'large') =>
        worker.request('quant.race', { size }, { onProgress: (p) => this.progress(p.message) }),
      (size, r: Int4RaceResult) => {
        this.#raced = true;
        if (size === this.values.size) clearStale(this);
        this.find('[data-out="race"]').textContent = `In your browser: ${raceSentence(r)}`;
        this.summary(`In your browser: ${raceSentence(r)}`);
        this.progress('');
        this.state = 'done';
      },
    );
    // A race in this browser was for one size: another waits for the button.
    this.bind('size', () => {
      if (this.#raced) markStale(this, 'The race above is for the other size: press "Race in my browser".');
    });
    const button = this.find<HTMLButtonElement>('[data-run]');
    button.disabled = false;
    this.listen(button, 'click', () => {
      this.state = 'running';
      runs.submit(this.values.size);
    });
    this.state = 'ready';
  }
}

defineElement(schema, Int4Race);
