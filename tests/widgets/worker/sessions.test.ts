// The worker's session store (site/worker/sessions.ts), shared by the generate, spec and flash handlers.
import { describe, expect, it } from 'vitest';
import { Sessions, lastChars } from '../../../site/worker/sessions.ts';

describe('Sessions', () => {
  it('numbers sessions, frees the oldest beyond the cap, and stops each once', () => {
    const freed: string[] = [];
    const sessions = new Sessions<string>(2, (s) => freed.push(s));
    const a = sessions.add('a');
    const b = sessions.add('b');
    const c = sessions.add('c');
    expect(new Set([a, b, c]).size).toBe(3);
    expect(freed).toEqual(['a']);
    expect(sessions.get(a)).toBeUndefined();
    expect(sessions.get(c)).toBe('c');
    expect(sessions.stop(b)).toBe(true);
    expect(sessions.stop(b)).toBe(false);
    expect(freed).toEqual(['a', 'b']);
  });
});

describe('lastChars', () => {
  it('keeps a short prompt and cuts a long one to its end, with a note', () => {
    const notes: string[] = [];
    expect(lastChars('hello', 5, notes)).toBe('hello');
    expect(notes).toEqual([]);
    expect(lastChars('hello world', 5, notes)).toBe('world');
    expect(notes).toEqual(['The prompt had 11 characters; only its last 5 were used.']);
    expect(lastChars(undefined, 5, [])).toBe('');
  });
});
