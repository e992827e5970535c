// Cited machines and what their figures price, in one place (each figure names its source where it is defined):
// PowerInfer's PC-High (a GPU and a CPU's DRAM), the M1 Max flash of LLM in a Flash, and PowerInfer-2's INT4 7B
// pipeline stage costs on a phone. The storage read curves live in storage-curve.ts, FlexGen's T4 machine in
// offload-machine.ts, the sizes of weight vectors in neuron-bytes.ts.
import { readMs } from './storage-curve.ts';

/** A fast device with small memory (a GPU) beside a slow one with big memory (a CPU's DRAM), PowerInfer-style. */
export interface GpuCpuMachine {
  name: string;
  /** Bytes per second the fast device reads its memory at. */
  fastBandwidth: number;
  /** Bytes per second the slow device reads its memory at. */
  slowBandwidth: number;
  /** Cost of one CPU↔GPU sync (merge) per layer, milliseconds. */
  syncMs: number;
  /** Where each figure comes from. */
  sources: { fastBandwidth: string; slowBandwidth: string; syncMs: string };
}

/** PowerInfer's PC-High machine: RTX 4090 and 192 GB DDR5 on an i9-13900K. */
export const PC_HIGH: GpuCpuMachine = {
  name: 'PC-High (RTX 4090 + i9-13900K DRAM)',
  fastBandwidth: 1e12,
  slowBandwidth: 67.2e9,
  syncMs: 0.02,
  sources: {
    fastBandwidth: 'RTX 4090 ~1 TB/s [AWQ, arXiv 2306.00978, §4.1, Fig. 3]',
    slowBandwidth: 'DRAM 67.2 GB/s [PowerInfer, arXiv 2312.12456 v2, §8.1]',
    syncMs: 'assumed 20 µs (about one PCIe round trip plus a kernel launch); not a figure from the papers',
  },
};

/**
 * The M1 Max flash of LLM in a Flash, as the throughput the paper measured for each kind of read (OPT 6.7B in 16 bits):
 * whole-matrix reads, predictor-chosen single-neuron reads, and bundled up+down reads.
 */
export const PAPER_M1_MAX = {
  denseBytesPerSecond: 6.1e9,
  scatteredBytesPerSecond: 1.25e9,
  bundledBytesPerSecond: 2.25e9,
  source: 'LLM in a Flash, arXiv 2312.11514 v3, Table 2 (OPT 6.7B on an M1 Max)',
};

export interface StageCosts {
  /** Bytes read per needed neuron for the gate (PowerInfer-2 INT4 bundle: one 4 KB read, §4.4). */
  gateReadBytes: number;
  /** Bytes read per neuron whose gate fired, for up and down (the bundle's second 4 KB read, §4.4). */
  udReadBytes: number;
  /** Compute time per weight vector, ms. */
  computeMsPerVector: number;
}

/**
 * Default costs for a 7B-scale INT4 neuron (simulated). Reads: PowerInfer-2's 4 KB gate read and 4 KB up/down read
 * [§4.4], priced with the UFS 4.0 random-read curve (storage-curve.ts: 4.1 µs each). Compute per vector (derived, rough):
 * chosen so that at PowerInfer-2's 95% neuron-cache hit rate [§7.5, Fig. 14] compute is 86.3% of the critical path
 * and I/O 13.7%, as measured for Bamboo-7B [Table 4]: I/O per neuron = 5% × 2 reads × 4.1 µs ≈ 0.41 µs, so compute
 * ≈ 0.41 × 86.3 / 13.7 ≈ 2.6 µs per neuron, ≈ 0.86 µs per vector (gate, up, down). (Streaming a 2.5 KB INT4 vector at
 * the CPU's 43.9 GB/s [§2.3.1] alone would take 0.06 µs; real kernels are far from that bound.)
 */
export const INT4_7B_COSTS: StageCosts = {
  gateReadBytes: 4096,
  udReadBytes: 4096,
  computeMsPerVector: (0.05 * 2 * readMs(4096) * (86.3 / 13.7)) / 3,
};
