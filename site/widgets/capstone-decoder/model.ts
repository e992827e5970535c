// CapstoneDecoder's data, no DOM: the options its switches make (checked by lib/capstone, with a sentence when a
// combination cannot run), the time split as stacked-bar segments, and a run's table row. The sentences about them,
// in both editions, are text.ts's.
import {
  type CapstoneOptions,
  DEFAULT_SHAPES,
  capstoneLabel,
  validateCapstoneOptions,
} from '../../../lib/capstone/options.ts';
import { type CapstoneFidelity, capstoneFidelity } from '../../../lib/capstone/loss.ts';
import type { CapstoneTotals } from '../../worker/handlers/capstone-run.ts';
import { bytes, decimal } from '../_kit/format.ts';

export interface DecoderValues {
  weights: 'fp32' | 'int4';
  ffn: 'dense' | 'exact' | 'predicted';
  storage: 'opfs' | 'memory';
  window: boolean;
  bundled: boolean;
  span: boolean;
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
      span: v.span,
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

/** The parts of a token's time, in the stacked bar's order (their names are text.ts's `parts`). */
export const SPLIT_PARTS = ['reads', 'select', 'ffn', 'attention', 'draft', 'bookkeeping'] as const;
export type SplitKey = (typeof SPLIT_PARTS)[number];

/** The time split's segments, ms per token (negative clock noise shown as 0), and their total. */
export function splitSegments(t: CapstoneTotals): { key: SplitKey; ms: number; share: number }[] {
  const ms = SPLIT_PARTS.map((k) => Math.max(0, t.split[k]));
  const total = ms.reduce((a, b) => a + b, 0) || 1;
  return SPLIT_PARTS.map((key, i) => ({ key, ms: ms[i], share: ms[i] / total }));
}

export interface RunRow {
  label: string;
  storage: 'OPFS' | 'memory';
  tokensPerSecond: string;
  bytesPerToken: string;
  readsPerToken: string;
  tokensPerPass: string;
  fidelity: CapstoneFidelity;
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
