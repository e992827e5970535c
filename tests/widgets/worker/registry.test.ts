// The worker's request registry is found, not listed: handlers/index.ts globs the handler files and merges what each
// exports as `handlers`. Every request a file registers is there, under its type, as a function.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../../site/worker/handlers/index.ts';

const DIR = join(import.meta.dirname, '../../../site/worker/handlers');

describe('worker handler registry', () => {
  it('holds exactly the requests the handler files register, each a function', () => {
    const declared = readdirSync(DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .flatMap((f) => {
        const block = readFileSync(join(DIR, f), 'utf8').match(/^export const handlers = \{([^}]*)\}/m)?.[1] ?? '';
        return block
          .split(',')
          .map((entry) => entry.split(':')[0].trim().replace(/'/g, ''))
          .filter(Boolean);
      })
      .sort();
    expect(declared.length).toBeGreaterThan(20);
    expect(Object.keys(handlers).sort()).toEqual(declared);
    for (const [type, fn] of Object.entries(handlers)) expect(typeof fn, type).toBe('function');
    expect(Object.keys(handlers)).toContain('spec.node');
    expect(Object.keys(handlers)).toContain('ping');
  });
});
