// The base of every widget's custom element. It owns the lifecycle so a widget writes only what is its own:
//
//   class HotColdCurve extends WidgetElement<typeof schema.params> {
//     schema = schema;
//     start() { this.bind('budget'); this.chart('curve', (w) => curveChart(data, { width: w })); }  // once, near the viewport
//     update() { this.summary(`Budget ${percent(this.values.budget)}`); }   // after start and after every change
//   }
//   defineElement(schema, HotColdCurve);
//
// What the base does, in order: waits until the element is near the viewport; reads the shell's checked props
// (data-values) as defaults and the URL over them; hides ?hide= controls; shows notes for bad URL values; calls
// start(), then update(). set() changes values, writes them to the URL (history.replaceState) and calls update().
// When the element leaves the page, listeners, observers and pending worker jobs are dropped; if it comes back it
// starts afresh. The markup contract (rendered by Frame.astro, Chart.astro and the shell):
//   [data-notes] role=status box · [data-summary] aria-live region · [data-progress] · [data-chart="<name>"] boxes
//   · [data-control="<name>"] parts that ?hide= can hide · inputs with id `${key}-${param}` · data-state on the host.
import { readUrl, type Params, type Values, type WidgetSchema } from './params.ts';
import { urlWriter } from './url.ts';
import { attachShare } from './share.ts';
import { backendUrlNote, modelWorker, type ModelWorkerClient } from '../../worker/client.ts';
import { WorkerSession, type SessionKind } from '../../worker/worker-session.ts';
import { keepFocus } from './keep-focus.ts';
import { whenNear } from './near.ts';
import { pageLang, type Lang } from '../../i18n/lang.ts';
import { KIT } from './text.ts';

export type WidgetState = 'static' | 'ready' | 'running' | 'done' | 'error';

/** True when the reader asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A job runner that computes only the latest settings: see WidgetElement.jobs(). */
export interface Jobs<J> {
  /** Queue `job`; it replaces any job still waiting. */
  submit(job: J): void;
  readonly busy: boolean;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export abstract class WidgetElement<P extends Params = Params> extends HTMLElement {
  /** The widget's declaration (params.ts): set as a class field by the subclass. */
  abstract readonly schema: WidgetSchema<P>;
  /** Current values of every parameter (read the URL over the shell's props; changed by set()). */
  values!: Values<P>;
  /** The shell's values: what the URL is compared against (equal values are left out of it). */
  defaults!: Values<P>;
  /** The URL prefix (`urlKey`). */
  key = '';
  /** Parameters and controls hidden by ?hide= (not `hidden`: that is HTMLElement's own attribute). */
  hiddenParams = new Set<string>();
  /** Parameters the URL set (valid, possibly clamped). */
  fromUrl = new Set<string>();

  #cancelNear?: () => void;
  #life?: AbortController;
  #cleanups: (() => void)[] = [];
  #writeUrl?: (v: Values<P>) => void;
  #notes: string[] = [];
  #redraws = new Map<string, () => void>();
  #updateFrame = 0;

  /** Set up controls, charts and listeners. Runs once per connection, after values are read. */
  protected abstract start(): void | Promise<void>;
  /** Show `values`: called after start() and after every set() (coalesced to one call per frame). */
  protected update(): void {}

  connectedCallback() {
    if (this.#life) return;
    this.#cancelNear = whenNear(this, () => void this.#boot());
  }

  disconnectedCallback() {
    this.#cancelNear?.();
    this.#cancelNear = undefined;
    this.#life?.abort();
    this.#life = undefined;
    for (const c of this.#cleanups.splice(0)) c();
    this.#redraws.clear();
    cancelAnimationFrame(this.#updateFrame);
  }

  /** True while the element is on the page and started; results arriving after that are dropped. */
  get alive(): boolean {
    return !!this.#life && !this.#life.signal.aborted;
  }

  /** Aborted when the element leaves the page: pass to addEventListener or fetch. */
  get signal(): AbortSignal {
    return this.#life?.signal ?? AbortSignal.abort();
  }

  async #boot() {
    if (this.#life) return;
    this.#life = new AbortController();
    this.key = this.dataset.key || this.schema.urlKey;
    this.defaults = JSON.parse(this.dataset.values || '{}');
    const url = readUrl(this.schema, this.key, this.defaults, location.search, this.lang);
    this.values = url.values;
    this.hiddenParams = url.hidden;
    this.fromUrl = url.fromUrl;
    this.#writeUrl = urlWriter(this.schema, this.key, this.defaults);
    this.#notes = [...url.notes];
    this.#showNotes();
    for (const name of this.hiddenParams)
      for (const el of this.querySelectorAll<HTMLElement>(`[data-control="${name}"]`)) el.hidden = true;
    this.state = 'ready';
    // A button that disables itself hands focus on, not to <body>. (The cast: `part` and `hidden` shadow HTMLElement.)
    this.onStop(keepFocus(this as unknown as HTMLElement));
    try {
      await this.start();
      if (!this.alive) return;
      this.update();
      attachShare(this); // the Share or embed panel and About link (share.ts)
      this.dataset.ready = 'true';
    } catch (err) {
      this.fail(err);
    }
  }

  /** Change some values: written to the URL, then update() runs on the next frame. */
  set(change: Partial<Values<P>>): void {
    this.values = { ...this.values, ...change };
    this.#writeUrl?.(this.values);
    cancelAnimationFrame(this.#updateFrame);
    this.#updateFrame = requestAnimationFrame(() => {
      if (this.alive) this.update();
    });
  }

  /** The data the shell shipped with <Frame data={…}> (undefined if none). */
  json<T>(): T | undefined {
    const text = this.querySelector('script[data-json]')?.textContent;
    return text ? (JSON.parse(text) as T) : undefined;
  }

  /**
   * The element matching `sel` inside the widget; throws naming the widget if the markup lacks it. (Not `part`: that
   * is Element's own `part` attribute, which a method of that name would shadow.)
   */
  find<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`${this.localName}: missing ${sel}`);
    return el;
  }

  /** The control for `name`: the element with id `${key}-${name}`. */
  control<T extends Element = HTMLInputElement>(name: string): T {
    return this.find<T>(`[id="${this.key}-${name}"]`);
  }

  /**
   * Tie the control `${key}-${name}` to parameter `name`: show the current value, enable it, and set() on input.
   * Range and number inputs give numbers, checkboxes booleans, everything else text. An out-of-range number in a
   * number box is marked aria-invalid and not applied. `onChange` runs after set() (e.g. to start a job).
   */
  bind<K extends keyof P & string>(name: K, onChange?: (value: Values<P>[K]) => void): Control {
    const el = this.control<Control>(name);
    const p = this.schema.params[name];
    const isBox = el instanceof HTMLInputElement && el.type === 'checkbox';
    const show = () => {
      const v = this.values[name];
      if (isBox) (el as HTMLInputElement).checked = v === true;
      else el.value = Array.isArray(v) ? v.join(',') : String(v ?? '');
    };
    show();
    el.disabled = false;
    const read = (): unknown => {
      if (isBox) return (el as HTMLInputElement).checked;
      if (p.kind === 'int' || p.kind === 'number') {
        const n = el.value.trim() === '' ? NaN : Number(el.value);
        const fits = Number.isFinite(n) && n >= p.min && n <= p.max && (p.kind === 'number' || Number.isInteger(n));
        el.setAttribute('aria-invalid', String(!fits));
        return fits ? n : undefined;
      }
      if (p.kind === 'bool') return el.value === 'true';
      return el.value;
    };
    const type = el instanceof HTMLSelectElement || isBox ? 'change' : 'input';
    this.listen(el, type, () => {
      const v = read();
      if (v === undefined) return;
      this.set({ [name]: v } as Partial<Values<P>>);
      onChange?.(v as Values<P>[K]);
    });
    return el;
  }

  /** addEventListener that is removed when the element leaves the page. */
  listen<K extends keyof HTMLElementEventMap>(
    target: EventTarget,
    type: K | string,
    fn: (e: HTMLElementEventMap[K]) => void,
  ): void {
    target.addEventListener(type, fn as EventListener, { signal: this.signal });
  }

  /** Run `fn` when the element leaves the page. */
  onStop(fn: () => void): void {
    this.#cleanups.push(fn);
  }

  /** Enable every input, select, textarea and button (a shell renders them disabled until scripts run). */
  enableControls(): void {
    for (const el of this.querySelectorAll<Control | HTMLButtonElement>('input, select, textarea, button'))
      el.disabled = false;
  }

  /** The edition of the page (from <html lang>): pick the widget's words with `text[this.lang]`. */
  get lang(): Lang {
    return pageLang(this.ownerDocument);
  }

  /** The widget's state, for styles and tests: static (build-time view), ready, running, done, error. */
  get state(): WidgetState {
    return (this.dataset.state as WidgetState) ?? 'static';
  }
  set state(s: WidgetState) {
    this.dataset.state = s;
  }

  /** Set the aria-live summary: one or two plain sentences saying what the figure now shows. */
  summary(text: string): void {
    const el = this.querySelector('[data-summary]');
    if (el && el.textContent !== text) el.textContent = text;
  }

  /** Add a note (a value clamped or ignored, a prompt cut) to the visible role=status box. */
  note(text: string): void {
    if (!this.#notes.includes(text)) this.#notes.push(text);
    this.#showNotes();
  }

  /** Replace the notes the widget added itself (URL notes stay). */
  clearNotes(keep: (n: string) => boolean = () => false): void {
    this.#notes = this.#notes.filter(keep);
    this.#showNotes();
  }

  #showNotes() {
    const box = this.querySelector('[data-notes]');
    box?.replaceChildren(...this.#notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
  }

  /** Show a progress line in [data-progress] (e.g. "Timing run 2 of 5"). */
  progress(text: string): void {
    const el = this.querySelector<HTMLElement>('[data-progress]');
    if (!el) return;
    el.textContent = text;
    el.title = text; // the line shows two lines at most (frame.css); the whole message stays reachable
  }

  /**
   * Show an error in the progress line and mark the widget state "error"; the widget stays usable.
   * "<what>: <the error's message>. <hint>", e.g. fail(err, 'Could not compute', 'Press "Run again" to retry.').
   */
  fail(err: unknown, what = KIT[this.lang].couldNotCompute, hint = ''): void {
    this.state = 'error';
    const msg = err instanceof Error ? err.message : String(err);
    this.progress(`${what}: ${msg.replace(/\.$/, '')}.${hint ? ` ${hint}` : ''}`);
  }

  /** A session with the worker's `<kind>.start/next/stop` handlers, stopped when the element leaves the page. */
  workerSession<K extends SessionKind>(kind: K): WorkerSession<K> {
    const session = new WorkerSession(this.worker(), kind);
    this.onStop(() => void session.stop().catch(() => undefined));
    return session;
  }

  /**
   * The page's model worker. Its loading status ("Loading TensorFlow.js…") shows in [data-progress] until it is
   * ready, and a note explains a bad ?backend= value.
   */
  worker(): ModelWorkerClient {
    const w = modelWorker();
    const note = backendUrlNote();
    if (note) this.note(note);
    let ready = false;
    // Only while nothing of the widget's own runs: a job's progress messages say more, and two sources taking turns
    // in one line would make it flicker (and the page below it jump).
    const off = w.onStatus((s) => {
      if (!ready && this.alive && this.state === 'ready') this.progress(s.message);
    });
    this.onStop(off);
    w.ready.then(
      () => {
        ready = true;
        off();
      },
      () => off(),
    );
    return w;
  }

  /**
   * A runner that computes only the latest settings: `work(job)` runs one job at a time, a job submitted while one
   * runs replaces any job still waiting, and `done(job, result)` is called only if no newer job is waiting and the
   * element is still on the page. State goes "running" → "done" (or "error" via `failed`, default fail()).
   */
  jobs<J, R>(
    work: (job: J) => Promise<R>,
    done: (job: J, result: R) => void,
    failed: (err: unknown) => void = (e) => this.fail(e),
  ): Jobs<J> {
    let waiting: { job: J } | undefined;
    let running = false;
    const life = this.signal;
    const drain = async () => {
      running = true;
      try {
        while (waiting && !life.aborted) {
          const { job } = waiting;
          waiting = undefined;
          try {
            const r = await work(job);
            if (!waiting && !life.aborted) {
              this.state = 'done';
              done(job, r);
            }
          } catch (err) {
            if (!life.aborted) failed(err);
          }
        }
      } finally {
        running = false;
      }
    };
    this.onStop(() => (waiting = undefined));
    return {
      submit: (job: J) => {
        waiting = { job };
        this.state = 'running';
        if (!running) void drain();
      },
      get busy() {
        return running;
      },
    };
  }

  /**
   * Draw the chart box [data-chart="<name>"] with `draw(width)` now and whenever its width changes; the box keeps
   * its reserved height (Chart.astro) so the page does not shift. Skipped while hidden. Returns a redraw function
   * (also run by redraw(name)). An async draw that resolves after a newer one is dropped.
   */
  chart(
    name: string,
    draw: (width: number) => Element | null | undefined | Promise<Element | null | undefined>,
  ): () => void {
    const host = this.find(`[data-chart="${name}"]`);
    let generation = 0;
    let lastWidth = 0;
    const redraw = () => {
      const width = host.clientWidth;
      if (width < 50 || host.closest('[hidden]') || !this.alive) return;
      lastWidth = width;
      const mine = ++generation;
      void Promise.resolve(draw(width)).then(
        (fig) => {
          if (fig && mine === generation && this.alive) {
            host.replaceChildren(fig);
            host.dataset.drawn = 'true';
          }
        },
        (err) => this.fail(err, KIT[this.lang].couldNotDraw),
      );
    };
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(() => {
        if (Math.abs(host.clientWidth - lastWidth) > 8) redraw();
      });
      ro.observe(host);
      this.onStop(() => ro.disconnect());
    }
    this.#redraws.set(name, redraw);
    redraw();
    return redraw;
  }

  /** Redraw one chart (or all) with current values. */
  redraw(name?: string): void {
    if (name) this.#redraws.get(name)?.();
    else for (const r of this.#redraws.values()) r();
  }
}

/** Register the element class for the schema's tag (once, even if the module loads twice). */
export function defineElement(schema: WidgetSchema, cls: CustomElementConstructor): void {
  if (!customElements.get(schema.tag)) customElements.define(schema.tag, cls);
}
