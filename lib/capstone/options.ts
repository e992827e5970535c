// The switches of lesson 9's decoder, all in one object: which weights, which FFN neurons, where the FFN's weights
// are read from and how they are held, and how many tokens one target pass may verify. Checked here, once, with
// messages that name the switch and the value.
import { formatTreeShape, parseTreeShape, type TreeShape } from '../speculative/tree-shape.ts';

export type CapstoneWeights = 'fp32' | 'int4';
/** dense: every neuron; exact: the neurons that fire (an oracle, same output); predicted: lesson 2–4's predictor. */
export type CapstoneFfn = 'dense' | 'exact' | 'predicted';
/** Where the FFN store's bytes are: memory (an in-RAM byte store) or flash (a file in Node, OPFS in the browser). */
export type CapstoneStorage = 'memory' | 'flash';
export type CapstoneSpeculation = 'plain' | 'chain' | 'tree';

export interface CapstoneOptions {
  weights: CapstoneWeights;
  ffn: CapstoneFfn;
  storage: CapstoneStorage;
  /** Keep the neurons of the last CAPSTONE_WINDOW_K target passes in DRAM (lesson 4's windowing). */
  window: boolean;
  /** Up column and down row of a neuron side by side: one read per neuron (lesson 4's bundling). */
  bundled: boolean;
  /** A pass's missing neurons of a layer read in one call, first to last (lib/flash's `span`): one read per layer
   *  (two when not bundled), for storage whose calls cost more than the bytes between. */
  span: boolean;
  speculation: CapstoneSpeculation;
  /** The draft's guesses per step for chain or tree: "chain 4", "2,2,1" (lesson 8's shape text). */
  shape: string;
  /** 0 = greedy; above 0, sampled with `seed`. */
  temperature: number;
  seed: number;
}

export const CAPSTONE_WINDOW_K = 5;
export const DEFAULT_SHAPES: Record<CapstoneSpeculation, string> = { plain: 'plain', chain: 'chain 4', tree: '2,2,1' };
export const WEIGHTS: CapstoneWeights[] = ['fp32', 'int4'];
export const FFNS: CapstoneFfn[] = ['dense', 'exact', 'predicted'];
export const STORAGES: CapstoneStorage[] = ['memory', 'flash'];
export const SPECULATIONS: CapstoneSpeculation[] = ['plain', 'chain', 'tree'];

/** The baseline of the ladder: fp32, every neuron read from flash each token, one token per pass, greedy. */
export const PLAIN_FROM_FLASH: CapstoneOptions = {
  weights: 'fp32',
  ffn: 'dense',
  storage: 'flash',
  window: false,
  bundled: false,
  span: false,
  speculation: 'plain',
  shape: 'plain',
  temperature: 0,
  seed: 1,
};

function oneOf<T extends string>(name: string, value: unknown, allowed: T[]): T {
  if (!allowed.includes(value as T))
    throw new Error(`capstone: ${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

/** The checked options (missing ones from PLAIN_FROM_FLASH) and the tree shape they ask for. */
export function validateCapstoneOptions(o: Partial<CapstoneOptions>): CapstoneOptions & { tree: TreeShape } {
  if (!o || typeof o !== 'object') throw new Error('capstone: expected an options object');
  const speculation = oneOf('speculation', o.speculation ?? 'plain', SPECULATIONS);
  const full: CapstoneOptions = {
    weights: oneOf('weights', o.weights ?? 'fp32', WEIGHTS),
    ffn: oneOf('ffn', o.ffn ?? 'dense', FFNS),
    storage: oneOf('storage', o.storage ?? 'flash', STORAGES),
    window: o.window ?? false,
    bundled: o.bundled ?? false,
    span: o.span ?? false,
    speculation,
    shape: o.shape ?? DEFAULT_SHAPES[speculation],
    temperature: o.temperature ?? 0,
    seed: o.seed ?? 1,
  };
  for (const k of ['window', 'bundled', 'span'] as const)
    if (typeof full[k] !== 'boolean')
      throw new Error(`capstone: ${k} must be true or false, got ${JSON.stringify(full[k])}`);
  if (!(typeof full.temperature === 'number' && full.temperature >= 0 && full.temperature <= 5))
    throw new Error(
      `capstone: temperature must be a number from 0 (greedy) to 5, got ${JSON.stringify(full.temperature)}`,
    );
  if (!Number.isSafeInteger(full.seed)) throw new Error(`capstone: seed must be a whole number, got ${full.seed}`);
  const tree = parseTreeShape(full.shape);
  const guesses = tree.kind === 'expansion' ? tree.widths.length : tree.nodes;
  const isChain = tree.kind === 'expansion' && tree.widths.every((k) => k === 1);
  if (speculation === 'plain' && guesses > 0)
    throw new Error(`capstone: plain decoding guesses nothing; shape "${full.shape}" needs speculation chain or tree`);
  if (speculation === 'chain' && !(isChain && guesses > 0))
    throw new Error(`capstone: speculation chain needs a chain shape such as "chain 4", got "${full.shape}"`);
  if (speculation === 'tree' && (isChain || guesses === 0))
    throw new Error(`capstone: speculation tree needs a branching shape such as "2,2,1", got "${full.shape}"`);
  return { ...full, tree };
}

/** A short name for a combination: "int4 · exact · flash+window+bundled · tree ⟨2,2,1⟩ · greedy". */
export function capstoneLabel(o: CapstoneOptions): string {
  const store = [o.storage, o.window ? 'window' : '', o.bundled ? 'bundled' : '', o.span ? 'span' : '']
    .filter(Boolean)
    .join('+');
  // A chain's shape already says so ("chain 4"); a tree's is its widths ("tree ⟨2,2,1⟩").
  const shape = formatTreeShape(parseTreeShape(o.shape));
  const spec = o.speculation === 'plain' ? 'plain' : o.speculation === 'chain' ? shape : `tree ${shape}`;
  return [o.weights, o.ffn, store, spec, o.temperature > 0 ? `T=${o.temperature} seed ${o.seed}` : 'greedy'].join(
    ' · ',
  );
}

/** Every combination of the switches (weights × ffn × storage × window × bundling × span × speculation), greedy;
 *  span only with sparse neurons (dense reads whole layers in big reads either way). */
export function allCombinations(): CapstoneOptions[] {
  const out: CapstoneOptions[] = [];
  for (const weights of WEIGHTS)
    for (const ffn of FFNS)
      for (const storage of STORAGES)
        for (const window of [false, true])
          for (const bundled of [false, true])
            for (const span of ffn === 'dense' ? [false] : [false, true])
              for (const speculation of SPECULATIONS)
                out.push({
                  ...PLAIN_FROM_FLASH,
                  weights,
                  ffn,
                  storage,
                  window,
                  bundled,
                  span,
                  speculation,
                  shape: DEFAULT_SHAPES[speculation],
                });
  return out;
}
