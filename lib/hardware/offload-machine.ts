// The machine of the offloading cost model: capacities of the three tiers, link bandwidths and compute speeds.
// Capacities are the paper's machine (an NVIDIA T4 16 GB, 208 GB of DRAM, a 1.5 TB NVMe SSD; FlexGen §6 and
// benchmark/batch_size_table.md). The speeds of the `t4Fitted` preset are the constants FlexGen's authors fitted to
// real runs on that machine (FMInference/FlexGen experimental/cost_model.py, CostModelConfig); `t4Nominal` uses the
// round link speeds the paper quotes (about 12 GB/s GPU–CPU, about 2 GB/s disk read and 1 GB/s write) with the same
// compute speeds. GB here is 2^30 bytes, as in FlexGen's code.

export const GiB = 2 ** 30;
export const TFLOP = 1e12;

export interface OffloadMachine {
  name: string;
  /** Tier capacities in bytes. */
  gpuMem: number;
  cpuMem: number;
  diskMem: number;
  /** Share of each capacity a policy may plan to use (FlexGen's cost model plans for 80%, leaving room for fragmentation). */
  usable: number;
  /** Link bandwidths, bytes/s. */
  cpuToGpu: number;
  gpuToCpuCache: number;
  gpuToCpuHidden: number;
  diskToCpu: number;
  cpuToDiskCache: number;
  cpuToDiskHidden: number;
  /** GPU matmul speed in prefill and decode, and batched attention matmul speed, FLOP/s. */
  gpuMatmulPrefill: number;
  gpuMatmulDecode: number;
  gpuAttnPrefill: number;
  gpuAttnDecode: number;
  /** CPU speed on delegated attention, FLOP/s (before FlexGen's small-batch correction, see cpuAttnFlops). */
  cpuAttn: number;
}

/** The paper's T4 machine with FlexGen's fitted constants. */
export const T4_FITTED: OffloadMachine = {
  name: 'T4 (fitted constants)',
  gpuMem: 16 * GiB,
  cpuMem: 208 * GiB,
  diskMem: 1500 * GiB,
  usable: 0.8,
  cpuToGpu: 12.89 * GiB,
  gpuToCpuCache: 0.97 * GiB,
  gpuToCpuHidden: 4.82 * GiB,
  diskToCpu: 0.473 * GiB,
  cpuToDiskCache: 0.746 * GiB,
  cpuToDiskHidden: 2.015 * GiB,
  gpuMatmulPrefill: 21.24 * TFLOP,
  gpuMatmulDecode: 4.3 * TFLOP,
  gpuAttnPrefill: 9.97 * TFLOP,
  gpuAttnDecode: 0.079 * TFLOP,
  cpuAttn: 0.0123 * TFLOP,
};

/** The same machine with the paper's round link speeds: 12 GB/s each way over PCIe, 2 GB/s disk read, 1 GB/s write. */
export const T4_NOMINAL: OffloadMachine = {
  ...T4_FITTED,
  name: 'T4 (nominal links)',
  cpuToGpu: 12 * GiB,
  gpuToCpuCache: 12 * GiB,
  gpuToCpuHidden: 12 * GiB,
  diskToCpu: 2 * GiB,
  cpuToDiskCache: 1 * GiB,
  cpuToDiskHidden: 1 * GiB,
};

export const HARDWARE_PRESETS = { t4Fitted: T4_FITTED, t4Nominal: T4_NOMINAL } satisfies Record<string, OffloadMachine>;

/**
 * CPU attention speed for GPU batch size gbs and hidden size h1: FlexGen's fitted correction, slower for small
 * batches and narrow models (cost_model.py, c1..c3), never below 10% of the nominal speed.
 */
export function cpuAttnFlops(hw: OffloadMachine, gbs: number, h1: number): number {
  const c1 = 0.0168,
    c2 = 0.0328,
    c3 = 0.0621;
  const a = Math.max(0, Math.log2(64 / gbs)),
    b = Math.max(0, Math.log2(4096 / h1));
  return hw.cpuAttn * Math.max(0.1, 1 + c1 * a * b - c2 * a - c3 * b);
}

/** Throws a clear message if a hardware description cannot be used (zero, negative, absurd or missing numbers). */
export function validateOffloadMachine(hw: OffloadMachine): OffloadMachine {
  const bytesFields = ['gpuMem', 'cpuMem', 'diskMem'] as const;
  const rateFields = [
    'cpuToGpu',
    'gpuToCpuCache',
    'gpuToCpuHidden',
    'diskToCpu',
    'cpuToDiskCache',
    'cpuToDiskHidden',
    'gpuMatmulPrefill',
    'gpuMatmulDecode',
    'gpuAttnPrefill',
    'gpuAttnDecode',
    'cpuAttn',
  ] as const;
  for (const f of bytesFields) {
    const v = hw[f];
    if (!Number.isFinite(v) || v <= 0) throw new Error(`hardware ${f} must be a positive number of bytes, got ${v}`);
    if (v > 2 ** 60) throw new Error(`hardware ${f} of ${v} bytes is absurd (over an exbibyte)`);
  }
  for (const f of rateFields) {
    const v = hw[f];
    if (!Number.isFinite(v) || v <= 0) throw new Error(`hardware ${f} must be a positive speed, got ${v}`);
  }
  if (!(hw.usable > 0 && hw.usable <= 1)) throw new Error(`hardware usable share must be in (0, 1], got ${hw.usable}`);
  return hw;
}
