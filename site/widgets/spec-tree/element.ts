// <spec-tree>: the browser half of SpecTree.astro. A session in the model worker (spec.start) decodes step by step
// (spec.next); each step's tree, mask and accepted path replace the previous one, and the text and counters grow.
import { WidgetElement, defineElement, prefersReducedMotion } from '../_kit/element.ts';
import { decimal } from '../_kit/format.ts';
import { formatTreeShape, parseTreeShape } from '../../../lib/speculative/tree-shape.ts';
import type { StepView } from '../../../lib/speculative/step-view.ts';
import type { Totals } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';
import type { WorkerSession } from '../../worker/worker-session.ts';

class SpecTree extends WidgetElement<typeof schema.params> {
  schema = schema;
  #spec!: WorkerSession<'spec'>;
  #totals: Totals = { passes: 0, tokens: 0 };
  #busy = false;

  /** What the running session was started with: Step and Run go on with these until the next (re)start. */
  #applied = { prompt: '', tree: '' };

  start() {
    this.#spec = this.workerSession('spec'); // stopped when the widget leaves the page
    const restart = this.jobs(
      async (v: { prompt: string; tree: string }) => {
        const s = await this.#spec.start(v, { onProgress: (p) => this.progress(p.message) }); // stops the one before
        const [first] = await this.#spec.next({ count: 1 });
        return { s, first };
      },
      (v, { s, first }) => {
        if (s.note) this.note(s.note);
        this.#totals = { passes: 0, tokens: 0 };
        const written = this.find('[data-out="text"]');
        written.replaceChildren(
          Object.assign(document.createElement('span'), { className: 'spec-prompt-text', textContent: v.prompt }),
        );
        this.#show(first);
        for (const b of this.querySelectorAll<HTMLButtonElement>('button')) b.disabled = false;
      },
    );
    // (Re)start with the prompt and shape in the boxes; a bad shape is refused with its reason (a first view from
    // a bad URL falls back to the default shape, so the widget still shows a tree).
    const go = (first = false) => {
      let tree: string;
      try {
        tree = formatTreeShape(parseTreeShape(this.values.shape));
      } catch (err) {
        if (!first) return this.#review();
        this.note(text[this.lang].badShapeFirst((err as Error).message, schema.params.shape.default));
        tree = formatTreeShape(parseTreeShape(schema.params.shape.default));
      }
      this.#applied = { prompt: this.values.prompt, tree };
      this.#review();
      restart.submit({ ...this.#applied });
    };
    for (const name of ['prompt', 'shape', 'tokens'] as const) this.bind(name, () => this.#review());
    for (const name of ['prompt', 'shape'] as const)
      this.listen(this.control(name), 'keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') go();
      });
    this.listen(this.find('[data-action="restart"]'), 'click', () => go());
    this.listen(this.find('[data-action="step"]'), 'click', () => void this.#steps(1));
    this.listen(this.find('[data-action="run"]'), 'click', () => void this.#steps(Infinity));
    go(true);
  }

  /**
   * Say whether the boxes match the running session: a bad shape gets its reason, a good new shape or prompt a
   * "pending" note naming what Step and Run still use; notes about earlier shapes go.
   */
  #review() {
    const t = text[this.lang];
    this.clearNotes((n) => !n.startsWith('tree shape') && !n.startsWith(t.pending));
    const { prompt, tree } = this.#applied;
    let typed: string;
    try {
      typed = formatTreeShape(parseTreeShape(this.values.shape));
    } catch (err) {
      this.note(t.badShape((err as Error).message, tree));
      return;
    }
    const changes = [typed !== tree ? t.newShape(typed) : '', this.values.prompt !== prompt ? t.newPrompt : ''].filter(
      Boolean,
    );
    if (changes.length) this.note(t.pendingNote(t.pending, changes, tree));
  }

  async #steps(max: number) {
    if (this.#busy || this.#spec.id === null) return;
    this.#busy = true;
    this.state = 'running';
    try {
      // Step always advances; Run to the end stops at the chosen number of tokens.
      for (let i = 0; i < max && (max === 1 || this.#totals.tokens < this.values.tokens) && this.alive; i++) {
        for (const step of await this.#spec.next({ count: 1 })) this.#show(step);
        if (max > 1 && !prefersReducedMotion()) await new Promise((done) => setTimeout(done, 120));
      }
      this.state = 'done';
    } catch (err) {
      this.fail(err);
    } finally {
      this.#busy = false;
    }
  }

  #show(v: StepView) {
    const say = text[this.lang];
    this.#totals = { passes: this.#totals.passes + 1, tokens: this.#totals.tokens + v.emitted.length };
    const t = this.#totals;
    this.find('[data-out="passes"]').textContent = String(t.passes);
    this.find('[data-out="tokens"]').textContent = String(t.tokens);
    this.find('[data-out="tpp"]').textContent = decimal(t.tokens / t.passes);
    this.find('[data-out="saved"]').textContent = String(t.tokens - t.passes);
    const written = this.find('[data-out="text"]');
    v.emitted.forEach((e, i) => {
      const mark = Object.assign(document.createElement('mark'), { textContent: e.text });
      mark.dataset.kind = i < v.emitted.length - 1 ? 'guess' : 'own';
      written.append(mark);
    });
    this.find('[data-out="nodes"]').replaceChildren(
      ...v.nodes.map((n, i) => {
        const li = Object.assign(document.createElement('li'), { textContent: say.nodeLine(v, i) });
        li.style.setProperty('--depth', String(n.depth));
        li.dataset.accepted = String(n.accepted);
        return li;
      }),
    );
    this.#mask(v);
    const sentence = say.stepSentence(v);
    this.progress(sentence);
    this.summary(`${sentence} ${say.totalsSentence(t)}`);
  }

  #mask(v: StepView) {
    const t = text[this.lang];
    const table = this.find('[data-out="mask"]');
    const head = document.createElement('tr');
    head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: t.node }));
    v.nodes.forEach((_, j) =>
      head.append(
        Object.assign(document.createElement('th'), { scope: 'col', textContent: String(j), title: t.nodeLabel(v, j) }),
      ),
    );
    const rows = v.mask.map((row, i) => {
      const tr = document.createElement('tr');
      tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: t.nodeLabel(v, i) }));
      row.forEach((c, j) => {
        const td = Object.assign(document.createElement('td'), { textContent: c === 1 ? '■' : '·' });
        td.dataset.on = String(c === 1);
        td.dataset.path = String(v.nodes[i].accepted && v.nodes[j].accepted);
        td.setAttribute('aria-label', c === 1 ? t.sees(i, j) : t.doesNotSee(i, j));
        tr.append(td);
      });
      return tr;
    });
    table.querySelector('thead')!.replaceChildren(head);
    table.querySelector('tbody')!.replaceChildren(...rows);
  }
}

defineElement(schema, SpecTree);
