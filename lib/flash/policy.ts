// What to keep in DRAM and what to read from flash for each token: the rungs of the paper's ablation
// [LLM in a Flash, arXiv 2312.11514 v3, Table 2]. Every field is checked here, once, with a message that names it.
import { LAYOUTS, type FfnLayoutName } from './layout.ts';

/** Which neurons a token needs: every one, the ones that truly fire (an oracle), or the predictor's guess. */
export type NeuronSelector = 'all' | 'exact' | 'predictor';
export const SELECTORS: NeuronSelector[] = ['all', 'exact', 'predictor'];
export const MAX_WINDOW = 64;

export interface FlashPolicy {
  select: NeuronSelector;
  /** Share of each layer's neurons (the first ones) loaded once and kept in DRAM: 0.5 is the paper's "hybrid". */
  resident: number;
  /** Keep the neurons used by the last k tokens in DRAM (windowing); 0 = read every token's neurons afresh. */
  windowK: number;
  layout: FfnLayoutName;
  /** Most of each layer's neurons kept in DRAM between tokens, as a share (resident ones included); 1 (the default)
   *  sets no cap. When the window would keep more, the neurons used longest ago go first. A token's own neurons are
   *  always all loaded while it is computed, so the peak can exceed the budget by one token's working set. */
  budget?: number;
  /** Read a token's (or a pass's) missing neurons of a layer as one span, first to last, the bytes between read and
   *  dropped: one read call per layer (two in the separate layout) instead of one per neuron. Pays where a call costs
   *  more than the extra bytes (OPFS in a private window); off (the default) is the paper's one read per neuron. */
  span?: boolean;
}

export type PolicyId = 'naive' | 'hybrid' | 'predictor' | 'window' | 'bundling';

/** The paper's ablation, one rung at a time; with `select: 'exact'` the output equals the dense model's. */
export function policyLadder(
  select: 'exact' | 'predictor' = 'predictor',
  windowK = 5,
): { id: PolicyId; label: string; policy: FlashPolicy }[] {
  return [
    {
      id: 'naive',
      label: 'Naive: read the whole FFN every token',
      policy: { select: 'all', resident: 0, windowK: 0, layout: 'separate' },
    },
    {
      id: 'hybrid',
      label: 'Hybrid: half of each FFN stays in DRAM',
      policy: { select: 'all', resident: 0.5, windowK: 0, layout: 'separate' },
    },
    {
      id: 'predictor',
      label: `+ ${select === 'exact' ? 'exact active set' : 'predictor'}: read only the neurons that fire`,
      policy: { select, resident: 0, windowK: 0, layout: 'separate' },
    },
    {
      id: 'window',
      label: `+ windowing (k = ${windowK})`,
      policy: { select, resident: 0, windowK, layout: 'separate' },
    },
    { id: 'bundling', label: '+ row-column bundling', policy: { select, resident: 0, windowK, layout: 'bundled' } },
  ];
}

export function validatePolicy(p: Partial<FlashPolicy> | undefined): FlashPolicy {
  if (!p || typeof p !== 'object')
    throw new Error('flash policy: expected an object with select, resident, windowK and layout');
  if (!SELECTORS.includes(p.select as NeuronSelector))
    throw new Error(`flash policy: select must be one of ${SELECTORS.join(', ')}, got ${JSON.stringify(p.select)}`);
  if (!(typeof p.resident === 'number' && p.resident >= 0 && p.resident <= 1))
    throw new Error(`flash policy: resident must be a share between 0 and 1, got ${JSON.stringify(p.resident)}`);
  if (!(Number.isInteger(p.windowK) && p.windowK! >= 0 && p.windowK! <= MAX_WINDOW))
    throw new Error(
      `flash policy: window k must be a whole number from 0 to ${MAX_WINDOW}, got ${JSON.stringify(p.windowK)}`,
    );
  if (!LAYOUTS.includes(p.layout as FfnLayoutName))
    throw new Error(`flash policy: layout must be one of ${LAYOUTS.join(', ')}, got ${JSON.stringify(p.layout)}`);
  const budget = p.budget ?? 1;
  if (!(typeof budget === 'number' && budget > 0 && budget <= 1))
    throw new Error(`flash policy: budget must be a share above 0 and at most 1, got ${JSON.stringify(p.budget)}`);
  if (budget < p.resident)
    throw new Error(
      `flash policy: a DRAM budget of ${Math.round(budget * 100)}% cannot hold the resident ${Math.round(p.resident * 100)}% of each FFN; raise the budget or turn hybrid off`,
    );
  if (p.span !== undefined && typeof p.span !== 'boolean')
    throw new Error(`flash policy: span must be true or false, got ${JSON.stringify(p.span)}`);
  const policy = { select: p.select!, resident: p.resident, windowK: p.windowK!, layout: p.layout!, budget };
  return p.span ? { ...policy, span: true } : policy;
}
