// Build time only (Node): lesson 8's measurements of speculative decoding on our draft/target pair, as written by
// scripts/measure-speculative.ts into site/data/speculative.json (a few minutes on 2 cores, so committed rather
// than recomputed on every build; the JSON records the command, machine and date). Nothing here is typed by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpecPassesRow {
  shape: string;
  nodes: number;
  temperature: number;
  verifier: 'greedy' | 'mss' | 'naive';
  tokens: number;
  passes: number;
  tokensPerPass: number;
}

export interface SpecRaceRow {
  backend: string;
  shape: string;
  draft: 'tfjs' | 'plain JS';
  tokens: number;
  plainMs: number;
  speculativeMs: number;
  speedup: number;
  tokensPerPass: number;
  targetMsPerPass: number;
  draftMsPerPass: number;
  identical: boolean;
}

export interface SpecMeasurements {
  command: string;
  machine: string;
  date: string;
  models: { target: string; draft: string; targetParameters: number; draftParameters: number };
  heldOut: { text: string; tokens: number };
  topK: { positions: number; greedy: number[]; sampled: number[]; mss: number[] };
  cost: { sizes: number[]; targetTfjs: { tokens: number; ms: number }[]; draftTfjs: { tokens: number; ms: number }[]; draftPlainJs: { tokens: number; ms: number }[] };
  passes: { prompts: number; promptTokens: number; newTokens: number; rows: SpecPassesRow[] };
  race: { prompts: number; promptTokens: number; rows: SpecRaceRow[] };
}

let cached: SpecMeasurements | undefined;
/** The committed measurements. */
export function specMeasurements(): SpecMeasurements {
  return (cached ??= JSON.parse(readFileSync(join(process.cwd(), 'site', 'data', 'speculative.json'), 'utf8')) as SpecMeasurements);
}

/** Tokens per target pass for a shape ("chain 4", "⟨1,1,3,1,1,1,1,1⟩", "budget 16") and verifier. */
export function passesFor(m: SpecMeasurements, shape: string, verifier: SpecPassesRow['verifier']): SpecPassesRow | undefined {
  return m.passes.rows.find((r) => r.shape === shape && r.verifier === verifier);
}

/** The best row (most tokens per pass) for a verifier. */
export function bestPasses(m: SpecMeasurements, verifier: SpecPassesRow['verifier']): SpecPassesRow {
  return m.passes.rows.filter((r) => r.verifier === verifier).reduce((a, b) => (b.tokensPerPass > a.tokensPerPass ? b : a));
}
