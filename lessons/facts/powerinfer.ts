// Lesson 2 (PowerInfer): the lesson's facts, typed, from the build-time measurements on our model
// (site/data/measured.ts), predictor-v1's card, lib/sparsity's placement rule and the cited PC in lib/hardware.
// Numbers stay numbers; the text helpers at the end format them with the kit's formatters.
import { neuronBytes, PC_HIGH } from '../../lib/hardware/index.ts';
import { minFastNeurons } from '../../lib/sparsity/placement.ts';
import {
  type PowerInferMeasurements,
  type PredictorCard,
  powerInferMeasurements,
  predictorCard,
} from '../../site/data/measured.ts';
import { count, decimal, percent } from '../../site/widgets/_kit/format.ts';
import { placementTable } from '../../site/widgets/hot-cold-curve/model.ts';
import { perplexityChange } from '../../site/widgets/predictor-quality/model.ts';

export const m = await powerInferMeasurements();
export const card = predictorCard();
/** f(m), or a dash while no model is trained. */
export const v = <T>(f: (m: PowerInferMeasurements) => T): T | '—' => (m ? f(m) : '—');
/** f(card), or a dash while no predictor is trained for this model. */
export const pc = <T>(f: (c: PredictorCard) => T): T | '—' => (card ? f(card) : '—');

const argBy = (xs: number[], better: (a: number, b: number) => boolean) =>
  xs.reduce((best, x, i) => (better(x, xs[best]) ? i : best), 0);
const sparsities = m ? m.moby.layers.map((l) => l.sparsity) : [];
/** The layer with the most zeros: the heatmap and the race open on it. */
export const sparsest = argBy(sparsities, (a, b) => a > b);
/** The layer with the fewest zeros. */
export const busiest = argBy(sparsities, (a, b) => a < b);

/** Lowest and highest of a per-layer figure. */
export const span = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
export const sparsitySpan = m ? span(sparsities) : undefined;
export const shareFor80Span = m ? span(m.moby.layers.map((l) => l.shareFor80)) : undefined;
export const top20Span = m ? span(m.moby.layers.map((l) => l.top20Share)) : undefined;
export const overlapSpan = m?.other ? span(m.other.overlapTop20) : undefined;
/** Every FFN neuron of the model, all layers. */
export const totalNeurons = m ? m.model.nLayer * m.model.nFfn : undefined;

/** Where the whole-model top 20% (all layers ranked together) comes from: the layer that supplies most of it. */
export const topAll = m
  ? (() => {
      const all = m.moby.layers.flatMap((l, layer) => Array.from(l.frequency, (f, i) => ({ f, layer, i })));
      all.sort((a, b) => b.f - a.f || a.layer - b.layer || a.i - b.i);
      const k = Math.round(0.2 * all.length);
      const counts = m.moby.layers.map(() => 0);
      for (const x of all.slice(0, k)) counts[x.layer]++;
      const layer = counts.indexOf(Math.max(...counts));
      return { layer, share: counts[layer] / k, ofLayer: counts[layer] / m.model.nFfn };
    })()
  : undefined;

/** One neuron of ours (up column and down row, fp32), and PowerInfer's C_l on the cited PC at that size. */
export const ourBytes = m ? neuronBytes('ours', m.model.nEmbd) : undefined;
export const ourMinFast = ourBytes === undefined ? undefined : minFastNeurons(PC_HIGH, ourBytes);
/** A 7B model's fp16 neuron (two 8 KB vectors, PowerInfer-2 §4.4), and C_l at that size. */
export const bytes7b = neuronBytes('fp16', 4096);
export const bigMinFast = minFastNeurons(PC_HIGH, bytes7b);
/** The assumed CPU–GPU synchronisation, in ms (lib/hardware's PC_HIGH; the paper gives no figure). */
export const syncMs = PC_HIGH.syncMs;
/** A whole layer of ours on the CPU, priced at 7B-sized neurons, ms (modelled). */
export const layerSlow7b = m
  ? placementTable(
      m.moby.layers.map((l) => l.frequency),
      0,
      '7b',
      m.model.nEmbd,
    ).allSlowMs / m.model.nLayer
  : undefined;
/** Perplexity's rise from predicting at the chosen threshold: exp(Δloss) − 1 (PredictorQuality's own definition). */
export const perplexityRise = card ? perplexityChange(card.validation.lossChange) : undefined;

// ---- Text through the kit's formatters ----
/** A share as a percent, one decimal ("61.7%"). */
export const pct = (x: number) => percent(x, 1);
/** A span of shares as "40.1%–61.7%". */
export const pctSpan = (s: { min: number; max: number } | undefined, sep = '–') =>
  s ? `${pct(s.min)}${sep}${pct(s.max)}` : '—';
/** A count grouped by thousands, or a dash. */
export const grouped = (n: number | undefined) => (n === undefined ? '—' : count(n));
/** Perplexity's rise as PredictorQuality prints it (two decimals), so the paragraph and the widget agree. */
export const perplexityRiseText = perplexityRise === undefined ? '—' : percent(perplexityRise, 2);
/** The predictor's loss change, four decimals, as the card's other losses. */
export const lossChangeText = card ? decimal(card.validation.lossChange, 4) : '—';
