// Every request the model worker answers, by type. To add one: write site/worker/handlers/<name>.ts exporting a
// handler made with defineHandler((payload: P, ctx) => result), and add it below. The page-side client derives
// its types from this object, so `modelWorker().request('<type>', payload)` is checked end to end.
import { ping } from './ping.ts';
import { vecmatCompare } from './vecmat-compare.ts';
import { modelInfo } from './model-info.ts';
import { genStart, genNext, genStop } from './generate.ts';
import { sparsityHeatmap } from './sparsity-heatmap.ts';
import { sparsityProfile } from './sparsity-profile.ts';
import { sparsityRace } from './sparsity-race.ts';
import { phoneBatch } from './phone-batch.ts';
import { phoneCache } from './phone-cache.ts';
import { phonePipeline } from './phone-pipeline.ts';
import { benchDecodeHandler } from './bench.ts';
import { quantEvaluate, quantAlpha, quantMonteCarlo, quantRace } from './quant-awq.ts';

export const handlers = {
  ping,
  'vecmat.compare': vecmatCompare,
  'model.info': modelInfo,
  'gen.start': genStart,
  'gen.next': genNext,
  'gen.stop': genStop,
  'sparsity.heatmap': sparsityHeatmap,
  'sparsity.profile': sparsityProfile,
  'sparsity.race': sparsityRace,
  'phone.batch': phoneBatch,
  'phone.cache': phoneCache,
  'phone.pipeline': phonePipeline,
  'bench.decode': benchDecodeHandler,
  'quant.evaluate': quantEvaluate,
  'quant.alpha': quantAlpha,
  'quant.monteCarlo': quantMonteCarlo,
  'quant.race': quantRace,
};

export type Handlers = typeof handlers;
export type RequestType = keyof Handlers;
export type PayloadOf<T extends RequestType> = Parameters<Handlers[T]>[0];
export type ResultOf<T extends RequestType> = Awaited<ReturnType<Handlers[T]>>;
