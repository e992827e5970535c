// Which engine the worker decodes with: the lean engine unless the page asked for tfjs (`?engine=tfjs`) or the model
// carries an unmerged adapter. generate.start, flash.decode and quant.evaluate all ask decodeEngineChoice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LanguageModel } from '../../../lib/model.ts';
import { decodeEngineChoice } from '../../../site/worker/models.ts';

const plain = { linearAdd: null } as unknown as LanguageModel;
const adapted = { linearAdd: { 'h.0.attn.qkv': (x: unknown) => x } } as unknown as LanguageModel;

describe('decodeEngineChoice', () => {
  it('follows the page, and falls back to tfjs for an unmerged adapter', () => {
    expect(decodeEngineChoice(plain, { engine: 'lean' })).toBe('lean');
    expect(decodeEngineChoice(plain, { engine: 'tfjs' })).toBe('tfjs');
    expect(decodeEngineChoice(adapted, { engine: 'lean' })).toBe('tfjs');
    expect(decodeEngineChoice(adapted, { engine: 'tfjs' })).toBe('tfjs');
  });

  it('is the one rule: no handler compares ctx.engine itself', () => {
    const dir = join(import.meta.dirname, '../../../site/worker/handlers');
    for (const file of ['generate.ts', 'flash-decode.ts', 'quant-awq.ts']) {
      const src = readFileSync(join(dir, file), 'utf8');
      expect(src, file).toMatch(/decodeEngine(For|Choice)\(/);
      expect(src, file).not.toMatch(/ctx\.engine\s*===/);
    }
  });
});
