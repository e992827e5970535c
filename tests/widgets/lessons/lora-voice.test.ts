// Lesson 7's voice facts (lessons/facts/lora-voice.ts): the table's rows come from the committed card and sweep,
// the best adapter is the shipped one the classifier scores highest, and the lookups return what the files hold.
import { describe, expect, test } from 'vitest';
import * as f from '../../../lessons/facts/lora-voice.ts';

describe('lesson 7 voice facts (lessons/facts/lora-voice.ts)', () => {
  test('names the matrices an adapter changes from its target names', () => {
    const all = [0, 1].flatMap((l) =>
      ['attn.q', 'attn.k', 'attn.v', 'attn.proj', 'mlp.up', 'mlp.down'].map((m) => `h.${l}.${m}`),
    );
    expect(f.matricesOf(all)).toMatch(/^all six/);
    expect(f.matricesOf(['h.0.attn.q', 'h.3.attn.v'])).toBe('W_q, W_v');
    expect(f.matricesOf(['h.1.mlp.up', 'h.1.mlp.down'])).toBe('FFN up, FFN down');
    // The Chinese edition's names: the same matrices, Chinese words and list separator.
    expect(f.matricesOf(all, 'zh')).toBe('全部六个（W_q、W_k、W_v、W_o、FFN up、FFN down）');
    expect(f.matricesOf(['h.0.attn.q', 'h.3.attn.v'], 'zh')).toBe('W_q、W_v');
    const ids = (text: string) => text.match(/W_[qkvo]|FFN (?:up|down)/g);
    for (const r of f.rows) expect(ids(r.matrices.zh)).toEqual(ids(r.matrices.en));
  });

  test('each row is named in both editions, and the Chinese names carry no English word but the matrices', () => {
    for (const r of f.rows) {
      expect(f.label(r, 'en')).toBe(r.kind === 'LoRA' ? `LoRA r = ${r.rank}, ${r.matrices.en}` : r.kind);
      expect(f.label(r, 'zh')).not.toMatch(/\b(base|full|fine-tune|all six|attention|every weight)\b/);
    }
  });

  test('the table: one base row first, shares in [0, 1], adapters smaller than the base', () => {
    expect(f.rows.length).toBeGreaterThan(2);
    expect(f.rows[0].kind).toBe('base');
    expect(f.rows.filter((r) => r.kind === 'base')).toHaveLength(1);
    for (const r of f.rows) {
      expect(r.voice.speechShare).toBeGreaterThanOrEqual(0);
      expect(r.voice.speechShare).toBeLessThanOrEqual(1);
      expect(r.voice.speechShare).toBe(
        r.voice.samples.filter((s) => s.label === 'speech').length / r.voice.samples.length,
      );
      if (r.kind === 'LoRA') expect(r.bytes!).toBeLessThan(f.baseBytes!);
    }
  });

  test('the best adapter is shipped and no shipped adapter scores higher', () => {
    expect(f.best).toBeDefined();
    expect(f.shipped).toContain(f.best);
    for (const r of f.shipped) expect(r.voice.speechShare).toBeLessThanOrEqual(f.best!.voice.speechShare);
  });

  test('lookups: a sample per prompt with the first seed, greedy text from the card, word gains against the base', () => {
    const prompt = f.settings!.prompts[0];
    const s = f.sampleOf(f.best, prompt);
    expect(s?.prompt).toBe(prompt);
    expect(s?.seed).toBe(f.settings!.seeds[0]);
    expect(f.greedyOf('base', f.v1!.baseline.samples[0].prompt)).toBe(f.v1!.baseline.samples[0].text);
    expect(f.greedyOf(99, f.v1!.baseline.samples[0].prompt)).toBeUndefined();
    for (const w of f.probeWords) expect(f.wordGain(f.base, w)).toBe(1);
  });
});
