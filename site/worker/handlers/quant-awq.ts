// The AWQ lesson's requests (lib/quant/experiment.ts does the work):
//   quant.evaluate    quantize target-v1 one way, then its loss on the page's held-out passage, a greedy sample (on
//                     the lean engine unless ?engine=tfjs) and its file size, beside the fp32 model's (cached per worker)
//   quant.alpha       one layer re-quantized at every α of AWQ's grid
//   quant.monteCarlo  10,000 random groups, one weight scaled by s (the error microscope)
//   quant.race        int4 vs fp32 matrix-vector product, small (our layer) or large (4096 x 4096)
// Calibration statistics are computed once per worker for the calibration texts the page sends, per model:
// "target-v1" as trained, or "outliers", built here from target-v1 with lib/quant/outliers.ts plantOutliers on the
// same calibration text (the same fp32 function, with planted outlier input channels). Where they are planted was
// measured once by scripts/quantize.ts plant (a forward pass per input channel of every layer: too long for a page)
// and ships as site/data/awq/outlier/planted-channels.json.
import { calibrate, type CalibrationStats } from '../../../lib/quant/calibration.ts';
import {
  alphaCurve,
  evaluateFp32,
  quantizeAndEvaluate,
  type Fp32Result,
  type SampleOptions,
} from '../../../lib/quant/experiment.ts';
import { sampleRunner } from '../../../lib/engine/index.ts';
import { monteCarloScaling } from '../../../lib/quant/microscope.ts';
import { raceInt4 } from '../../../lib/quant/race.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { plantOutliers } from '../../../lib/quant/outliers.ts';
import planted from '../../data/awq/outlier/planted-channels.json' with { type: 'json' };
import {
  QUANT_MODELS,
  validateQuantSettings,
  type MethodName,
  type QuantModelName,
} from '../../../lib/quant/settings.ts';
import { type DecodeEngine, defineHandler, type HandlerContext } from '../protocol.ts';
import { decodeEngineChoice, getModel } from '../models.ts';
import type { Registered } from './index.ts';

export interface QuantTexts {
  /** Calibration windows (training text); each is cut to the model's context. */
  calibration: string[];
  /** The held-out passage the loss is measured on. */
  evaluation: string;
}

const MAX_TEXT = 20_000;
interface Prepared {
  model: LanguageModel;
  stats: CalibrationStats;
  evalIds: number[];
  fp32: Fp32Result;
}
const cached = new Map<QuantModelName, Prepared & { key: string }>();

async function prepare(texts: QuantTexts & { model?: QuantModelName }, ctx: HandlerContext): Promise<Prepared> {
  const which = texts.model ?? 'target-v1';
  if (!QUANT_MODELS.includes(which))
    throw new Error(`model must be one of ${QUANT_MODELS.join(', ')}; got ${JSON.stringify(which)}.`);
  if (!Array.isArray(texts?.calibration) || texts.calibration.length === 0 || typeof texts.evaluation !== 'string')
    throw new Error('The page sent no calibration or evaluation text.');
  if (texts.evaluation.length > MAX_TEXT || texts.calibration.some((t) => typeof t !== 'string' || t.length > MAX_TEXT))
    throw new Error(`Texts longer than ${MAX_TEXT} characters are not accepted.`);
  const trained = await getModel('target-v1', ctx);
  const key = JSON.stringify([texts.calibration, texts.evaluation]);
  const hit = cached.get(which);
  if (hit?.key === key) return hit;
  ctx.progress(ctx.text.calibrating, 0.05);
  const windows = texts.calibration
    .map((t) => trained.tokenizer.encode(t).slice(0, trained.config.blockSize))
    .filter((w) => w.length > 1);
  const evalIds = trained.tokenizer.encode(texts.evaluation);
  if (evalIds.length < 2) throw new Error('The evaluation text is too short to measure a loss.');
  let model = trained;
  if (which === 'outliers') {
    ctx.progress(ctx.text.buildingOutliers, 0.1);
    const o = plantOutliers(trained.config, trained.exportWeights(), calibrate(trained, windows), planted.channels);
    model = new LanguageModel(trained.config, trained.tokenizer, o.weights, 'target-v1-outliers');
  }
  if (hit && hit.model !== trained) hit.model.dispose();
  const stats = calibrate(model, windows);
  ctx.progress(ctx.text.measuringFp32, 0.15);
  const entry = {
    key,
    model,
    stats,
    evalIds,
    fp32: evaluateFp32(model, evalIds, sampleOn(decodeEngineChoice(model, ctx))),
  };
  cached.set(which, entry);
  return entry;
}

/** The greedy samples' runner: the lean engine (packed int4/int3 read packed), or tfjs's own forward. */
const sampleOn = (engine: DecodeEngine): SampleOptions => (engine === 'lean' ? { runner: sampleRunner } : {});

export const quantEvaluate = defineHandler(
  async (p: QuantTexts & { model?: QuantModelName; bits: number; groupSize: number; method: MethodName }, ctx) => {
    validateQuantSettings(p);
    const { model, stats, evalIds, fp32 } = await prepare(p, ctx);
    ctx.progress(p.method === 'awq' ? ctx.text.searchingAlpha : ctx.text.quantizing, 0.3);
    // The greedy samples decode on the lean engine unless the page asked for tfjs (the same tokens either way).
    const engine = decodeEngineChoice(model, ctx);
    const result = quantizeAndEvaluate(model, stats, evalIds, p, sampleOn(engine));
    return { fp32, result, tokens: evalIds.length - 1, engine };
  },
);

export const quantAlpha = defineHandler(
  async (p: QuantTexts & { model?: QuantModelName; layer: string; bits: number; groupSize: number }, ctx) => {
    validateQuantSettings({ ...p, method: 'rtn' });
    const { model, stats } = await prepare(p, ctx);
    ctx.progress(ctx.text.requantizing(p.layer), 0.5);
    return alphaCurve(model, stats, p.layer, { bits: p.bits, groupSize: p.groupSize });
  },
);

export const quantMonteCarlo = defineHandler((p: { s: number; bits: number; groupSize: number; seed: number }) => {
  if (!(p.s >= 1 && p.s <= 8)) throw new Error(`s must be between 1 and 8; got ${p.s}.`);
  if (!(Number.isInteger(p.bits) && p.bits >= 2 && p.bits <= 8))
    throw new Error(`bits must be a whole number from 2 to 8; got ${p.bits}.`);
  return monteCarloScaling({ groups: 10000, groupSize: p.groupSize, bits: p.bits, s: p.s, seed: p.seed });
});

export const quantRace = defineHandler((p: { size: 'small' | 'large' }, ctx) => {
  const [inDim, outDim] = p.size === 'large' ? [4096, 4096] : p.size === 'small' ? [512, 128] : [0, 0];
  if (!inDim) throw new Error(`size must be "small" or "large"; got ${JSON.stringify(p.size)}.`);
  ctx.progress(p.size === 'large' ? ctx.text.timingKernelsLarge : ctx.text.timingKernels, 0.2);
  return raceInt4(inDim, outDim, { repeats: p.size === 'large' ? 3 : 15 });
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = {
  'quant.evaluate': quantEvaluate,
  'quant.alpha': quantAlpha,
  'quant.monteCarlo': quantMonteCarlo,
  'quant.race': quantRace,
};
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
