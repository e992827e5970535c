// <lora-adapters>: generates in the model worker with the chosen adapter (lora.generate), merged or not, and
// compares the two ways on the same prompt: the tokens must match, and the speeds are shown side by side.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { adaptersSummary, compareText, type AdaptersData } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import { clearStale, markStale } from '../_kit/stale.ts';

class LoraAdapters extends WidgetElement<typeof schema.params> {
  schema = schema;
  #data?: AdaptersData;

  start() {
    this.#data = this.json<AdaptersData>();
    if (!this.#data) return;
    // The text shown is for the settings it was generated with (or the build's sample): another waits for Generate.
    for (const name of ['adapter', 'merged', 'prompt', 'tokens'] as const)
      this.bind(name, () => markStale(this, text[this.lang].stale));
    const gen = this.find<HTMLButtonElement>('[data-act="generate"]'),
      cmp = this.find<HTMLButtonElement>('[data-act="compare"]');
    gen.disabled = cmp.disabled = false;
    this.listen(gen, 'click', () => void this.#generate());
    this.listen(cmp, 'click', () => void this.#compare());
  }

  update() {
    if (!this.#data) return; // no adapters in this build: the static view says so
    const { adapter, merged } = this.values;
    for (const row of this.querySelectorAll<HTMLElement>('tr[data-name]'))
      row.dataset.selected = String(row.dataset.name === adapter);
    this.find<HTMLButtonElement>('[data-act="compare"]').disabled = adapter === 'base';
    this.summary(adaptersSummary(adapter, merged, this.lang));
  }

  #request(adapter: string, merged: boolean) {
    const v = this.values;
    return this.worker().request(
      'lora.generate',
      { adapter: adapter === 'base' ? null : adapter, merged, prompt: v.prompt, maxNewTokens: v.tokens },
      { onProgress: (p) => this.progress(p.message) },
    );
  }

  /** The settings a generation is for, as a key. */
  #key(v: { adapter: string; merged: boolean; prompt: string; tokens: number }) {
    return JSON.stringify([v.adapter, v.merged, v.prompt, v.tokens]);
  }

  async #generate() {
    const { adapter, merged, prompt } = this.values;
    const key = this.#key(this.values);
    const t = text[this.lang];
    this.state = 'running';
    this.progress(t.generating(adapter, merged));
    try {
      const r = await this.#request(adapter, merged);
      if (r.note) this.note(r.note);
      this.find('[data-out="text"]').textContent = prompt + r.text;
      if (key === this.#key(this.values)) clearStale(this);
      this.progress(t.generated(adapter, merged, r.tokensPerSecond));
      this.state = 'done';
    } catch (err) {
      this.fail(err, t.couldNotGenerate);
    }
  }

  async #compare() {
    const { adapter, prompt } = this.values;
    if (adapter === 'base') return;
    const key = this.#key({ ...this.values, merged: true }); // the text shown is the merged run's
    const t = text[this.lang];
    this.state = 'running';
    try {
      this.progress(t.generatingUnmerged);
      const unmerged = await this.#request(adapter, false);
      this.progress(t.merging);
      const merged = await this.#request(adapter, true);
      this.progress(t.generatingBase);
      const base = await this.#request('base', false);
      this.find('[data-out="text"]').textContent = prompt + merged.text;
      const said = compareText(unmerged, merged, base, this.lang);
      this.find('[data-out="compare"]').textContent = said;
      if (key === this.#key({ ...this.values, merged: true })) clearStale(this);
      this.progress(t.compared(adapter));
      this.summary(said);
      this.state = 'done';
    } catch (err) {
      this.fail(err, t.couldNotCompare);
    }
  }
}

defineElement(schema, LoraAdapters);
