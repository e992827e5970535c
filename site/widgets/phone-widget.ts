// Browser helpers shared by the PowerInfer-2 widgets' custom elements (batch-union.ts, neuron-cache-sim.ts,
// pipeline-gantt.ts): find parts, show URL notes, hide controls named in ?hide=, run only the latest worker job,
// and redraw charts when their box changes width.

/** The element matching `sel` inside `root`; throws naming the widget if the markup lacks it. */
export function part<T extends Element = HTMLElement>(root: Element, sel: string): T {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`${root.localName}: missing ${sel}`);
  return el;
}

/** Replace the notes box's paragraphs with `notes` (empty hides it through CSS). */
export function showNotes(root: Element, notes: string[]): void {
  part(root, '[data-notes]').replaceChildren(
    ...notes.map((n) => {
      const p = document.createElement('p');
      p.textContent = n;
      return p;
    }),
  );
}

/** Hide every `[data-control="<name>"]` for the names in `hidden`. */
export function hideControls(root: Element, hidden: Iterable<string>): void {
  for (const name of hidden) for (const el of root.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
}

/** Enable every input, select and button (the static first view renders them disabled). */
export function enableControls(root: Element): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('input, button, select')) el.disabled = false;
}

/**
 * Runs `work(job)` one job at a time; a job submitted while one runs replaces any job still waiting, so only the
 * latest settings are computed. `done` gets each result unless a newer job is already waiting.
 */
export class Latest<J, R> {
  #waiting: J | undefined;
  #running = false;
  readonly work: (job: J) => Promise<R>;
  readonly done: (job: J, result: R) => void;
  readonly failed: (err: unknown) => void;
  constructor(work: (job: J) => Promise<R>, done: (job: J, result: R) => void, failed: (err: unknown) => void) {
    this.work = work;
    this.done = done;
    this.failed = failed;
  }

  submit(job: J): void {
    this.#waiting = job;
    if (!this.#running) void this.#drain();
  }

  get busy(): boolean {
    return this.#running;
  }

  async #drain() {
    this.#running = true;
    try {
      while (this.#waiting !== undefined) {
        const job = this.#waiting;
        this.#waiting = undefined;
        try {
          const r = await this.work(job);
          if (this.#waiting === undefined) this.done(job, r);
        } catch (err) {
          this.failed(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

/** Call `draw(width)` when `el`'s width changes by more than a few pixels; returns a disconnect function. */
export function onWidth(el: HTMLElement, draw: (width: number) => void): () => void {
  let last = 0;
  const ro = new ResizeObserver(() => {
    const w = el.clientWidth;
    if (Math.abs(w - last) > 8) {
      last = w;
      draw(w);
    }
  });
  ro.observe(el);
  return () => ro.disconnect();
}

/** Put `fig` into `host`, replacing what was there. */
export function place(host: HTMLElement, fig: Element): void {
  host.replaceChildren(fig);
}
