// The page side of the worker's session protocol (sessions.ts): one widget's session with a kind of streaming handler
// (`<kind>.start`, `<kind>.next`, `<kind>.stop`). Its own file, beside client.ts, so tests that fake the client keep
// this real.
import type { ModelWorkerClient, PayloadOf, RequestOptions, RequestType, ResultOf } from './client.ts';

/** The kinds of session the worker keeps: each answers `<kind>.start`, `<kind>.next` and `<kind>.stop` (sessions.ts). */
export type SessionKind = {
  [T in RequestType]: T extends `${infer K}.start`
    ? `${K}.next` | `${K}.stop` extends RequestType
      ? K
      : never
    : never;
}[RequestType];
type Verb<K extends SessionKind, V extends string> = Extract<RequestType, `${K}.${V}`>;
type WithoutSession<P> = Omit<P, 'session'>;

/**
 * A widget's one session with the worker (the page side of sessions.ts): start() stops the session before it, next()
 * and stop() name the current one, and a session whose start() answers after a stop() (the widget left the page, or
 * its settings changed) is stopped at once. WidgetElement.workerSession() stops it when the widget leaves the page.
 */
export class WorkerSession<K extends SessionKind> {
  readonly kind: K;
  #client: ModelWorkerClient;
  #id: number | null = null;
  /** Bumped by start() and stop(): a start answering under an older value was overtaken. */
  #epoch = 0;

  constructor(client: ModelWorkerClient, kind: K) {
    this.#client = client;
    this.kind = kind;
  }

  /** The open session's number, or null. */
  get id(): number | null {
    return this.#id;
  }

  async start(
    payload: PayloadOf<Verb<K, 'start'>>,
    options?: RequestOptions,
  ): Promise<ResultOf<Verb<K, 'start'>> & { session: number }> {
    void this.stop().catch(() => undefined);
    const epoch = ++this.#epoch;
    const r = (await this.#client.request(`${this.kind}.start` as Verb<K, 'start'>, payload, options)) as ResultOf<
      Verb<K, 'start'>
    > & { session: number };
    if (epoch === this.#epoch) this.#id = r.session;
    else void this.#request('stop', r.session, {}).catch(() => undefined);
    return r;
  }

  /** The next steps of the open session (`count` of them where the kind counts steps). */
  next(
    payload: WithoutSession<PayloadOf<Verb<K, 'next'>>>,
    options?: RequestOptions,
  ): Promise<ResultOf<Verb<K, 'next'>>> {
    if (this.#id === null) return Promise.reject(new Error(`No ${this.kind} run is open; start one first.`));
    return this.#request('next', this.#id, payload, options) as Promise<ResultOf<Verb<K, 'next'>>>;
  }

  /** A request of the kind's own on the open session (train.sample). */
  request<V extends string>(
    verb: V,
    payload: WithoutSession<PayloadOf<Verb<K, V>>>,
    options?: RequestOptions,
  ): Promise<ResultOf<Verb<K, V>>> {
    if (this.#id === null) return Promise.reject(new Error(`No ${this.kind} run is open; start one first.`));
    return this.#request(verb, this.#id, payload, options) as Promise<ResultOf<Verb<K, V>>>;
  }

  /** Frees the open session (null when none was open); safe to call any number of times. */
  stop(payload?: WithoutSession<PayloadOf<Verb<K, 'stop'>>>): Promise<ResultOf<Verb<K, 'stop'>> | null> {
    const id = this.#id;
    this.#id = null;
    this.#epoch++;
    if (id === null) return Promise.resolve(null);
    return this.#request('stop', id, payload ?? {}) as Promise<ResultOf<Verb<K, 'stop'>>>;
  }

  #request(verb: string, session: number, payload: object, options?: RequestOptions): Promise<unknown> {
    const type = `${this.kind}.${verb}` as RequestType;
    return this.#client.request(type, { ...payload, session } as PayloadOf<typeof type>, options);
  }
}
