// <capstone-decoder>: the browser half of CapstoneDecoder.astro. Run starts a run in the model worker
// (capstone.start) and asks for one target pass at a time (capstone.next): the tokens stream in, the time split's
// bar and the counters follow each pass, and a finished run joins the table of the reader's runs. Cancel stops
// between passes. A changed switch marks the last run's figures stale until Run (the table keeps finished runs,
// each labelled with its own switches).
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { clearStale, markStale } from '../_kit/stale.ts';
import type { CapstoneTotals } from '../../worker/handlers/capstone-run.ts';
import { optionsOf, runRow, shapeFor, splitSegments, type RunRow } from './model.ts';
import { schema } from './params.ts';
import { text } from './text.ts';

const MAX_ROWS = 12;

class CapstoneDecoder extends WidgetElement<typeof schema.params> {
  schema = schema;
  #abort: AbortController | null = null;
  #rows: RunRow[] = [];

  /** This page's words. */
  get #t() {
    return text[this.lang];
  }

  start() {
    const t = this.#t;
    const run = this.find<HTMLButtonElement>('[data-action="run"]');
    const cancel = this.find<HTMLButtonElement>('[data-action="cancel"]');
    const stale = () => markStale(this, t.stale);
    for (const name of [
      'weights',
      'ffn',
      'storage',
      'window',
      'bundled',
      'span',
      'shape',
      'temperature',
      'seed',
      'prompt',
    ] as const)
      this.bind(name, stale);
    this.bind('tokens', stale);
    this.bind('speculation', () => {
      this.set({ shape: shapeFor(this.values.speculation) }); // a chain's shape is no tree's
      (this.control('shape') as HTMLInputElement).value = this.values.shape;
      stale();
    });
    // The run's worker session (sessions.ts's start/next/stop): stopped when a new run starts, on Cancel and when the
    // widget leaves the page.
    const session = this.workerSession('capstone');
    const endSession = () => void session.stop().catch(() => undefined);

    const go = async () => {
      const checked = optionsOf(this.values);
      if ('error' in checked) {
        this.fail(new Error(checked.error), t.cannotRunTitle);
        return;
      }
      const { options } = checked;
      run.disabled = true;
      cancel.disabled = false;
      const abort = (this.#abort = new AbortController());
      const { signal } = abort;
      this.state = 'running';
      this.clearNotes((n) => n.includes(`${this.key}.`)); // keep the notes about the URL
      const stream = this.find('[data-out="stream"]');
      stream.textContent = '';
      try {
        endSession();
        this.progress(t.loading);
        const start = await session.start(
          { options, prompt: this.values.prompt, tokens: this.values.tokens },
          { onProgress: (p) => this.progress(p.message), signal },
        );
        for (const n of start.notes) this.note(n);
        if (start.fallback) this.note(t.fromMemory(start.fallback));
        this.find('[data-out="label"]').textContent = t.runLabel(
          start.label,
          t.store(start.storage === 'opfs' ? 'OPFS' : 'memory'),
          t.fidelity(start.fidelity),
        );
        clearStale(this);
        let text = '';
        let totals: CapstoneTotals | null = null;
        for (;;) {
          if (!this.alive) return;
          const [s] = await session.next({ count: 1 }, { signal });
          if (!s) break; // the run had all its tokens
          text += s.pass.tokens.join('');
          stream.textContent = text;
          totals = s.totals;
          this.#show(totals);
          this.progress(t.tokenOf(Math.min(totals.tokens, this.values.tokens), this.values.tokens));
          if (s.done) break;
        }
        endSession();
        if (!totals) throw new Error(t.endedEarly);
        const row = runRow(options, start.storage, totals, text);
        this.#rows = [row, ...this.#rows].slice(0, MAX_ROWS);
        this.#table();
        this.progress(t.done(t.runSummary(row)));
        this.summary(t.summary(t.runSummary(row), t.splitSummary(totals)));
        this.state = 'done';
      } catch (err) {
        endSession();
        if (signal.aborted) {
          this.progress(t.cancelled);
          this.state = 'done';
        } else this.fail(err, t.couldNotDecode);
      } finally {
        run.disabled = false;
        cancel.disabled = true;
        this.#abort = null;
      }
    };
    this.listen(run, 'click', () => void go());
    this.listen(cancel, 'click', () => this.#abort?.abort());
    run.disabled = false;
    this.state = 'ready';
  }

  /** The counters and the bar for the run so far. */
  #show(totals: CapstoneTotals) {
    const t = this.#t;
    for (const s of splitSegments(totals)) {
      const el = this.find<HTMLElement>(`[data-seg="${s.key}"]`);
      el.style.flexGrow = String(s.share);
      el.title = t.segmentTitle(t.parts[s.key], s.ms);
    }
    const summary = t.splitSummary(totals);
    this.find('[data-out="split"]').setAttribute('aria-label', summary);
    this.find('[data-out="split-text"]').textContent = summary;
  }

  #table() {
    const t = this.#t;
    const body = this.find('[data-out="runs"]');
    body.replaceChildren(
      ...this.#rows.map((r) => {
        const tr = document.createElement('tr');
        const cells = [
          r.label,
          t.store(r.storage),
          r.tokensPerSecond,
          r.bytesPerToken,
          r.readsPerToken,
          r.tokensPerPass,
          t.fidelity(r.fidelity),
        ];
        cells.forEach((v, i) => {
          const td = document.createElement('td');
          td.dataset.label = t.columns[i];
          td.textContent = v;
          if (i === 0) td.lang = 'en'; // lib/capstone's name for the switches
          tr.append(td);
        });
        return tr;
      }),
    );
  }

  update() {
    this.find('[data-out="temperature"]').textContent = String(this.values.temperature);
    this.find('[data-out="seed"]').textContent = String(this.values.seed);
    this.find('[data-out="tokens"]').textContent = String(this.values.tokens);
    const checked = optionsOf(this.values);
    this.find('[data-out="check"]').textContent = 'error' in checked ? this.#t.cannotRun(checked.error) : '';
  }
}

defineElement(schema, CapstoneDecoder);
