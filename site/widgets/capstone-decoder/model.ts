// CapstoneDecoder's data, no DOM: the options its switches make (checked by lib/capstone, with a sentence when a
// combination cannot run), the time split as stacked-bar segments with a text summary, and a run's table row.
import {
  type CapstoneOptions,
  DEFAULT_SHAPES,
  capstoneLabel,
  validateCapstoneOptions,
} from '../../../lib/capstone/options.ts';
import { capstoneFidelity } from '../../../lib/capstone/loss.ts';
import type { CapstoneTotals } from '../../worker/handlers/capstone-run.ts';
import { bytes, count, decimal, duration, percent } from '../_kit/format.ts';

export interface DecoderValues {
  weights: 'fp32' | 'int4';
  ffn: 'dense' | 'exact' | 'predicted';
  storage: 'opfs' | 'memory';
  window: boolean;
  bundled: boolean;
  speculation: 'plain' | 'chain' | 'tree';
  shape: string;
  temperature: number;
  seed: number;
}

/** The switches as lib/capstone's options, or why they cannot run (the message names the switch). */
export function optionsOf(v: DecoderValues): { options: CapstoneOptions } | { error: string } {
  try {
    const { tree: _t, ...options } = validateCapstoneOptions({
      weights: v.weights,
      ffn: v.ffn,
      storage: v.storage === 'opfs' ? 'flash' : 'memory',
      window: v.window,
      bundled: v.bundled,
      speculation: v.speculation,
      shape: v.shape,
      temperature: v.temperature,
      seed: v.seed,
    });
    return { options };
  } catch (e) {
    return { error: (e as Error).message.replace(/^capstone: /, '') };
  }
}

/** The shape to show after the reader picks a speculation kind (lib/capstone's default for it). */
export const shapeFor = (speculation: DecoderValues['speculation']) => DEFAULT_SHAPES[speculation];

export const SPLIT_PARTS = [
  ['reads', 'storage reads'],
  ['select', 'choosing neurons'],
  ['ffn', 'FFN arithmetic'],
  ['attention', 'attention and the rest of the pass'],
  ['draft', 'draft'],
  ['bookkeeping', 'verification and bookkeeping'],
] as const;

/** The time split's segments, ms per token (negative clock noise shown as 0), and their total. */
export function splitSegments(t: CapstoneTotals): { key: string; label: string; ms: number; share: number }[] {
  const ms = SPLIT_PARTS.map(([k]) => Math.max(0, t.split[k]));
  const total = ms.reduce((a, b) => a + b, 0) || 1;
  return SPLIT_PARTS.map(([key, label], i) => ({ key, label, ms: ms[i], share: ms[i] / total }));
}

export function splitSummary(t: CapstoneTotals): string {
  const parts = splitSegments(t)
    .filter((s) => s.ms > 0)
    .map((s) => `${s.label} ${duration(s.ms)} (${percent(s.share)})`);
  return `Per token, after ${count(t.tokens)} tokens: ${parts.join(', ')}.`;
}

export interface RunRow {
  label: string;
  storage: 'OPFS' | 'memory';
  tokensPerSecond: string;
  bytesPerToken: string;
  readsPerToken: string;
  tokensPerPass: string;
  fidelity: string;
  text: string;
}

export function runRow(o: CapstoneOptions, storage: 'opfs' | 'memory', t: CapstoneTotals, text: string): RunRow {
  return {
    label: capstoneLabel(o),
    storage: storage === 'opfs' ? 'OPFS' : 'memory',
    tokensPerSecond: decimal(t.tokensPerSecond, 1),
    bytesPerToken: bytes(t.bytesPerToken),
    readsPerToken: decimal(t.readsPerToken, 1),
    tokensPerPass: decimal(t.tokensPerPass, 2),
    fidelity: capstoneFidelity(o),
    text,
  };
}

export function runSummary(r: RunRow): string {
  return `${r.label} from ${r.storage}: ${r.tokensPerSecond} tokens/s, ${r.bytesPerToken} and ${r.readsPerToken} reads per token, ${r.tokensPerPass} tokens per pass (${r.fidelity}).`;
}
