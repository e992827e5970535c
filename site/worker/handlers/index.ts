// Every request the model worker answers, by type, named `<area>.<verb>` (lowerCamel after the dot). To add one:
// write site/worker/handlers/<area>-<thing>.ts exporting a handler made with defineHandler((payload: P, ctx) =>
// result), and add it below. The page-side client derives
// its types from this object, so `modelWorker().request('<type>', payload)` is checked end to end.
import { ping } from './ping.ts';
import { vecmatCompare } from './vecmat-compare.ts';
import { modelInfo } from './model-info.ts';
import { genStart, genNext, genStop } from './generate.ts';
import { sparsityTracePrompt } from './sparsity-trace-prompt.ts';
import { sparsityProfile } from './sparsity-profile.ts';
import { sparsityRace } from './sparsity-race.ts';
import { batchMeasure } from './batch-measure.ts';
import { cacheSimulate } from './cache-simulate.ts';
import { pipelineSchedule } from './pipeline-schedule.ts';
import { benchDecodeHandler } from './bench.ts';
import { benchWidgets } from './bench-widgets.ts';
import { loraAdapters, loraGenerate, loraAnalyze } from './lora-adapters.ts';
import { loraTrainStart, loraTrainSteps, loraTrainSample, loraTrainStop } from './lora-train.ts';
import { flashMeasure, flashRoundtrip } from './flash-measure.ts';
import { flashStart, flashNext, flashStop } from './flash-decode.ts';
import { flashOpen } from './flash-open.ts';
import { specStart, specStep, specStop } from './spec-session.ts';
import { specNode, specSample } from './spec-node.ts';
import { specRace } from './spec-race.ts';
import { offloadSolve } from './offload-solve.ts';
import { offloadRun } from './offload-run.ts';
import { quantEvaluate, quantAlpha, quantMonteCarlo, quantRace } from './quant-awq.ts';

export const handlers = {
  ping,
  'vecmat.compare': vecmatCompare,
  'model.info': modelInfo,
  'generate.start': genStart,
  'generate.next': genNext,
  'generate.stop': genStop,
  'sparsity.tracePrompt': sparsityTracePrompt,
  'sparsity.profile': sparsityProfile,
  'sparsity.race': sparsityRace,
  'batch.measure': batchMeasure,
  'cache.simulate': cacheSimulate,
  'pipeline.schedule': pipelineSchedule,
  'bench.decode': benchDecodeHandler,
  'bench.widgets': benchWidgets,
  'lora.adapters': loraAdapters,
  'lora.generate': loraGenerate,
  'lora.analyze': loraAnalyze,
  'lora.trainStart': loraTrainStart,
  'lora.trainSteps': loraTrainSteps,
  'lora.trainSample': loraTrainSample,
  'lora.trainStop': loraTrainStop,
  'flash.measure': flashMeasure,
  'flash.roundtrip': flashRoundtrip,
  'flash.open': flashOpen,
  'flash.start': flashStart,
  'flash.next': flashNext,
  'flash.stop': flashStop,
  'spec.start': specStart,
  'spec.step': specStep,
  'spec.stop': specStop,
  'spec.node': specNode,
  'spec.sample': specSample,
  'spec.race': specRace,
  'offload.solve': offloadSolve,
  'offload.run': offloadRun,
  'quant.evaluate': quantEvaluate,
  'quant.alpha': quantAlpha,
  'quant.monteCarlo': quantMonteCarlo,
  'quant.race': quantRace,
};

export type Handlers = typeof handlers;
export type RequestType = keyof Handlers;
export type PayloadOf<T extends RequestType> = Parameters<Handlers[T]>[0];
export type ResultOf<T extends RequestType> = Awaited<ReturnType<Handlers[T]>>;
