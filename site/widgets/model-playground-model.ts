// The parts of ModelPlayground that are plain data (no DOM): its URL state (numbers through lib/url-state.ts,
// the prompt as capped text beside them), how a token is shown in a chip, and the sentences that describe a run.
// Used at build time for the static first view and in the browser, so both say the same thing.
import {
  parseState,
  quote,
  writeState,
  type StateSpec,
  type StateValues,
} from '../../lib/url-state.ts';
import type { ModelName } from '../worker/models.ts';

/** The models the site ships (the worker's list; repeated here so the page never bundles the loader). */
export const PLAYGROUND_MODELS = ['target-v1', 'draft-v1'] as const satisfies readonly ModelName[];

/** Longest prompt a prop or a link (?model.prompt=) may carry; longer ones keep their end (the part the model reads,
 *  since it sees only the last blockSize tokens), with a note. */
export const MAX_URL_PROMPT = 500;
export const MAX_TOKENS = 200;

export const PLAYGROUND_SPEC = {
  model: { kind: 'enum', values: PLAYGROUND_MODELS },
  temperature: { kind: 'number', min: 0, max: 2 },
  topk: { kind: 'number', min: 0, max: 512, integer: true },
  seed: { kind: 'number', min: 0, max: 99999, integer: true },
  tokens: { kind: 'number', min: 1, max: MAX_TOKENS, integer: true },
} as const satisfies StateSpec;
export type PlaygroundNumbers = StateValues<typeof PLAYGROUND_SPEC>;
export type PlaygroundValues = PlaygroundNumbers & { prompt: string };
/** Hideable controls besides the parameters: the prompt box and the probability chart. */
export const PLAYGROUND_EXTRA_CONTROLS = ['prompt', 'probs'] as const;

export interface PlaygroundState {
  values: PlaygroundValues;
  hidden: Set<string>;
  /** What was clamped, cut or ignored, in plain words. */
  notes: string[];
}

const numbersOnly = ({ prompt: _, ...rest }: PlaygroundValues): PlaygroundNumbers => rest;

/** Read `?<prefix>.prompt=…&<prefix>.temperature=…&hide=…` over `defaults`. Never throws. */
export function readPlaygroundState(prefix: string, defaults: PlaygroundValues, search: string): PlaygroundState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const promptKey = `${prefix}.prompt`;
  const raw = params.getAll(promptKey);
  params.delete(promptKey);
  const parsed = parseState(prefix, PLAYGROUND_SPEC, numbersOnly(defaults), params, {
    extraControls: PLAYGROUND_EXTRA_CONTROLS,
  });
  const notes = parsed.notes.map((n) => n.replace(/; known: /, `; known: ${promptKey}, `));
  let prompt = defaults.prompt;
  if (raw.length) {
    const last = raw[raw.length - 1];
    if (raw.length > 1) notes.push(`${promptKey} appears ${raw.length} times; the last one is used.`);
    if (last.trim() === '') notes.push(`Ignored an empty ${promptKey}; the prompt is ${quote(defaults.prompt)}.`);
    else if (last.length > MAX_URL_PROMPT) {
      prompt = last.slice(-MAX_URL_PROMPT);
      notes.push(`${promptKey} has ${last.length.toLocaleString('en-US')} characters; a link keeps at most ${MAX_URL_PROMPT}, so only the last ${MAX_URL_PROMPT} are used (the model reads the end of a prompt).`);
    } else prompt = last;
  }
  return { values: { ...parsed.values, prompt }, hidden: parsed.hidden, notes };
}

/** The query string after writing `values` (those equal to `defaults` left out); the prompt keeps its last MAX_URL_PROMPT characters. */
export function writePlaygroundState(prefix: string, values: PlaygroundValues, defaults: PlaygroundValues, search: string): string {
  const promptKey = `${prefix}.prompt`;
  const params = new URLSearchParams(search);
  params.delete(promptKey);
  const query = writeState(prefix, PLAYGROUND_SPEC, numbersOnly(values), numbersOnly(defaults), params);
  const prompt = values.prompt.slice(-MAX_URL_PROMPT);
  if (prompt === defaults.prompt || prompt === '') return query;
  return `${query ? `${query}&` : '?'}${encodeURIComponent(promptKey)}=${encodeURIComponent(prompt)}`;
}

/** A token as a chip shows it: spaces as "·", line breaks as "↵", tabs as "⇥", so every byte is visible. */
export function chipText(text: string): string {
  return text.replace(/ /g, '·').replace(/\r?\n/g, '↵').replace(/\t/g, '⇥').replace(/\r/g, '␍') || '∅';
}

/** A token quoted for prose: ' whale', with line breaks written as \n. */
export function quoteToken(text: string): string {
  return `'${text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** A probability for people: 0.3141 → "0.31", 0.0042 → "0.004", 0 → "0". */
export function formatP(p: number): string {
  if (!(p > 0)) return '0';
  if (p >= 0.01) return p.toFixed(2);
  return String(+p.toPrecision(1));
}

export interface StepToken {
  id: number;
  text: string;
  p: number;
  alternatives: { id: number; text: string; p: number }[];
}

/** The live summary: "Generated 60 tokens; last token ' whale' with probability 0.31". */
export function runSummary(tokens: StepToken[], { stopped = false, model = '' } = {}): string {
  const n = tokens.length;
  const by = model ? ` with ${model}` : '';
  if (n === 0) return stopped ? `Stopped before the first token${by}.` : `No tokens generated yet${by}.`;
  const last = tokens[n - 1];
  const what = `${n} token${n === 1 ? '' : 's'}${by}; last token ${quoteToken(last.text)} with probability ${formatP(last.p)}`;
  return stopped ? `Stopped after ${what}.` : `Generated ${what}.`;
}

/** What the probability chart shows, in words, for generated token number `step` (counted from 1). */
export function stepSummary(step: number, t: StepToken): string {
  const top = t.alternatives.map((a) => `${quoteToken(a.text)} ${formatP(a.p)}`).join(', ');
  const rank = t.alternatives.findIndex((a) => a.id === t.id);
  const where = rank < 0 ? 'outside the top 5' : rank === 0 ? 'the most likely' : `number ${rank + 1} of the top 5`;
  return `Token ${step} is ${quoteToken(t.text)} (probability ${formatP(t.p)}, ${where}). The model's five most likely next tokens there: ${top}.`;
}
