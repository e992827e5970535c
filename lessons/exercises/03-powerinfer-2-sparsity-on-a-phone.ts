// Lesson 3 (PowerInfer-2): the answers of the lesson's exercises, computed at build time with lib/hardware and the
// lesson's own measurements (site/data/measured-phone.ts replays our model through lib/sparsity's cache).
// tests/widgets/lessons/exercises.test.ts checks each one independently.
import { FP16_7B_VECTOR_BYTES } from '../../lib/hardware/index.ts';
import { sig } from '../../site/widgets/_kit/format.ts';
import { measuredBatch, measuredCache, phoneInfo } from '../../site/data/measured-phone.ts';
import { BATCH_DEFAULTS } from '../../site/widgets/batch-union/params.ts';
import { CACHE_DEFAULTS } from '../../site/widgets/neuron-cache-sim/params.ts';

/** 4 KiB: what every flash read fetches (PowerInfer-2 §4.4). */
export const BLOCK = 4096;
/** Gate, Up and Down rows of one FP16 Mistral-7B neuron, stored together: how many 4 KiB reads. */
export const fp16Bundle = { vectorBytes: FP16_7B_VECTOR_BYTES, answer: Math.ceil((3 * FP16_7B_VECTOR_BYTES) / BLOCK) };

/** Batch union under independence: 16 sequences, each firing a neuron with our model's measured share. */
const facts = await phoneInfo();
if (!facts) throw new Error('lesson 3 exercises: no trained model in this build');
const p = sig(facts.activeMean, 3); // as the question prints it
export const union16 = { p, batch: 16, answer: 1 - (1 - p) ** 16 };

/** The lesson's measured batch of 16 on its prompt: the share of a layer's neurons it needs per step. */
const batch = await measuredBatch('Call me Ishmael.', BATCH_DEFAULTS);
const at16 = batch?.batchSizes.indexOf(16) ?? -1;
export const measured16 = batch && at16 >= 0 ? batch.mean[at16] : undefined;

/** NeuronCacheSim: the smallest memory share, in the slider's 5% steps, with a hit rate of at least 90%. */
const HIT = 0.9;
const settings = { ...CACHE_DEFAULTS, hot: 0.5, bundle: true, neuron: 'int4' as const };
const points = [];
for (let i = 0; i <= 20; i++) points.push(await measuredCache({ ...settings, memory: i / 20 }));
const at = points.findIndex((c) => c !== null && c.hitRate >= HIT);
if (at < 1) throw new Error(`lesson 3 exercises: no memory share in (0, 1] reaches a ${HIT} hit rate`);
export const hit90 = {
  hit: HIT,
  hot: settings.hot,
  answer: at / 20,
  /** Half a slider step, as a share of the answer: the slider's rounding, nothing more. */
  tolerance: 0.025 / (at / 20),
  rateAt: points[at]!.hitRate,
  rateBelow: points[at - 1]!.hitRate,
};

export { count, percent } from '../../site/widgets/_kit/format.ts';
export { sig };
