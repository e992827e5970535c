// Lesson 2 (PowerInfer): the answers of the lesson's exercises, computed at build time with lib/sparsity,
// lib/hardware and the widget's own model on the committed activation profile (site/data/measured.ts).
// tests/widgets/lessons/exercises.test.ts checks each one independently.
import { neuronBytes, PC_HIGH } from '../../lib/hardware/index.ts';
import { minFastNeurons } from '../../lib/sparsity/placement.ts';
import { powerInferMeasurements } from '../../site/data/measured.ts';
import { placementTable } from '../../site/widgets/hot-cold-curve/model.ts';

export const hw = PC_HIGH;

/** C_l for a 7B model's INT4 neuron (two 2.5 KiB vectors) on PC-High. */
const int4Bytes = neuronBytes('int4', 4096);
const savingMs = (int4Bytes / PC_HIGH.slowBandwidth - int4Bytes / PC_HIGH.fastBandwidth) * 1000;
export const breakEvenInt4 = { bytes: int4Bytes, savingMs, answer: minFastNeurons(PC_HIGH, int4Bytes) };

/** T_l^CPU for one fp16 7B neuron (two 8 KiB vectors): bytes over DRAM bandwidth, in microseconds. */
const fp16Bytes = neuronBytes('fp16', 4096);
export const cpuNeuronMicros = { bytes: fp16Bytes, answer: (fp16Bytes / PC_HIGH.slowBandwidth) * 1e6 };

/** HotColdCurve: the smallest budget on the slider's 1% steps at which hottest-first serves half the activations. */
const m = await powerInferMeasurements();
if (!m) throw new Error('lesson 2 exercises: no activation profile in site/data (no trained model in this build)');
const freqs = m.moby.layers.map((l) => l.frequency);
const TARGET = 0.5;
const STEP = 0.01;
const served = (budget: number) =>
  placementTable(freqs, budget, '7b', m.model.nEmbd).rows.find((r) => r.method === 'hottest')!.servedShare;
let steps = 0;
while (steps < 100 && served(steps * STEP) < TARGET) steps++;
export const halfServed = {
  target: TARGET,
  answer: steps / 100,
  /** Half a slider step, as a share of the answer: the slider's own rounding, nothing more. */
  tolerance: STEP / 2 / (steps / 100),
  servedAt: served(steps / 100),
  servedBelow: served((steps - 1) / 100),
};

/** One whole layer of our model on PC-High's CPU, its neurons priced as 7B fp16 ones (the lesson's figure), ms. */
export const layerCpuMs = placementTable(freqs, 0, '7b', m.model.nEmbd).allSlowMs / m.model.nLayer;

export { count, duration, percent, sig } from '../../site/widgets/_kit/format.ts';
