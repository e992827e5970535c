// What a combination promises about its text, and what a lossy one costs in loss on held-out text.
import { FlashFfn } from '../flash/flash-ffn.ts';
import { tokenNll } from '../sampling.ts';
import { type CapstoneModels, type CapstoneStores, capstoneFfn } from './decoder.ts';
import { type CapstoneOptions, validateCapstoneOptions } from './options.ts';

/** same text: greedy and every neuron that fires is computed, so the text is the plain model's (a test checks it);
 *  same distribution: sampled, exact neurons, so each token is distributed as the plain model's (SpecInfer Thm 4.2);
 *  lossy: the predictor may miss neurons, so the text may differ (its loss difference is measured). */
export type CapstoneFidelity = 'same text' | 'same distribution' | 'lossy';

export function capstoneFidelity(o: CapstoneOptions): CapstoneFidelity {
  if (o.ffn === 'predicted') return 'lossy';
  return o.temperature > 0 ? 'same distribution' : 'same text';
}

export interface CapstoneLoss {
  tokens: number;
  /** Mean next-token cross-entropy (nats/token): the plain in-memory model, and this combination's FFN. */
  plain: number;
  combination: number;
  difference: number;
}

/**
 * Teacher-forced loss over `ids` in windows of the context, the plain engine against this combination's FFN served
 * token by token (each position computes its own chosen neurons, as plain decoding would; a tree pass computes the
 * union of its nodes' neurons for every node, which can only add neurons that truly fire).
 */
export function capstoneLoss(
  models: CapstoneModels,
  stores: CapstoneStores,
  ids: number[],
  options: Partial<CapstoneOptions>,
): CapstoneLoss {
  const o = validateCapstoneOptions(options);
  const target = models.targets[o.weights];
  if (!target) throw new Error(`capstone: no ${o.weights} target was loaded`);
  if (ids.length < 2) throw new Error('capstone loss: need at least 2 tokens');
  const perPass = capstoneFfn(models, stores, o);
  const flash = new FlashFfn(perPass.store, target.ffn, perPass.policy, { predictor: models.predictor });
  const T = target.engine.config.blockSize;
  let plain = 0,
    combination = 0,
    n = 0;
  for (let s = 0; s + 1 < ids.length; s += T) {
    const w = ids.slice(s, Math.min(s + T, ids.length - 1) + 1);
    const x = w.slice(0, -1);
    target.engine.reset();
    const a = target.engine.run(x);
    target.engine.reset();
    flash.reset();
    const b = target.engine.run(x, { ffnFn: flash.ffnFn });
    for (let t = 0; t < x.length; t++) {
      plain += tokenNll(a[t], w[t + 1]);
      combination += tokenNll(b[t], w[t + 1]);
      n++;
    }
  }
  target.engine.reset();
  return { tokens: n, plain: plain / n, combination: combination / n, difference: (combination - plain) / n };
}
