// What the streaming handlers (generate, spec-session, flash-decode) keep between requests: numbered sessions,
// each holding a decoder and its KV cache, at most `max` at once, the oldest freed first so an abandoned stream
// cannot hold memory for long.
export class Sessions<T> {
  private readonly open = new Map<number, T>();
  private nextId = 1;

  private readonly max: number;
  private readonly free: (session: T) => void;

  constructor(max: number, free: (session: T) => void) {
    this.max = max;
    this.free = free;
  }

  /** Keeps `session` (freeing the oldest ones beyond the cap) and returns its number. */
  add(session: T): number {
    while (this.open.size >= this.max) {
      const [oldest, s] = this.open.entries().next().value!;
      this.free(s);
      this.open.delete(oldest);
    }
    const id = this.nextId++;
    this.open.set(id, session);
    return id;
  }

  get(id: number): T | undefined {
    return this.open.get(id);
  }

  /** Frees a session; false if it was already gone. */
  stop(id: number): boolean {
    const s = this.open.get(id);
    if (!s) return false;
    this.free(s);
    return this.open.delete(id);
  }
}

/** A prompt cut to its last `max` characters; the cut is said in `notes`. */
export function lastChars(prompt: unknown, max: number, notes: string[]): string {
  const text = String(prompt ?? '');
  if (text.length <= max) return text;
  notes.push(
    `The prompt had ${text.length.toLocaleString('en-US')} characters; only its last ${max.toLocaleString('en-US')} were used.`,
  );
  return text.slice(-max);
}
