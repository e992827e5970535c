// Lesson 4 (LLM in a Flash): the lesson's facts, typed, from the committed measurements (site/data/flash.json, written
// by scripts/measure-flash.ts; the OPFS rows of site/data/bench-reference.json, written by `npm run bench -- --save`)
// and the paper's Table 2 (lib/flash/cost.ts). Numbers stay numbers; the text helpers at the end format them with the
// kit's formatters.
import { HOT_SHARE } from '../../lib/flash/coactivation.ts';
import { PAPER_TABLE_2 } from '../../lib/flash/cost.ts';
import { ffnLayout } from '../../lib/flash/layout.ts';
import { PAPER_M1_MAX } from '../../lib/hardware/devices.ts';
import { OPT_SHAPES } from '../../lib/offload/shapes.ts';
import bench from '../../site/data/bench-reference.json' with { type: 'json' };
import { type BrowserLadder, isPersistent, opfsReadMs } from '../../site/i18n/capstone-ladder.ts';
import flash from '../../site/data/flash.json' with { type: 'json' };
import { short } from '../../site/widgets/_kit/format.ts';
import { schema as windowSchema } from '../../site/widgets/flash-window/params.ts';

export { bench, flash, PAPER_TABLE_2 };
type RungId = (typeof PAPER_TABLE_2)[number]['id'];
type Rung = (typeof flash.ablation.exact)[number];

function rung(sel: 'exact' | 'predictor', id: RungId): Rung {
  const r = flash.ablation[sel].find((x) => x.id === id);
  if (!r) throw new Error(`site/data/flash.json has no ${sel} rung "${id}"`);
  return r;
}
/** A rung of the ablation with the exact active set (an oracle) or with predictor-v1. */
export const exact = (id: RungId) => rung('exact', id);
export const pred = (id: RungId) => rung('predictor', id);

/** One point of the measured read curve: a read of `kib` KiB, in file order or scattered. */
export function point(order: 'sequential' | 'scattered', kib: number) {
  const p = flash.throughput.points.find((x) => x.order === order && x.chunkBytes === kib * 1024);
  if (!p) throw new Error(`site/data/flash.json has no ${order} read of ${kib} KiB`);
  return p;
}
/** Our FFN in MiB, a neuron (up column + down row, fp32: one bundle, one read) in KiB, and its half in bytes. */
export const ffnMiB = flash.layout.ffnBytes / 2 ** 20;
export const neuronKiB = flash.layout.neuronBytes / 1024;
export const halfNeuronBytes = flash.layout.neuronBytes / 2;
/** OPT 6.7B (lib/offload's shapes) and its FFN in lib/flash's fp32 bundled layout: one bundle is
 *  2 · d_model · 4 B, the 32 KiB per read of the paper's App. C.1. */
export const OPT_6_7B = OPT_SHAPES['opt-6.7b'];
export const optFfn = ffnLayout('bundled', { nLayer: OPT_6_7B.l, nEmbd: OPT_6_7B.h1, nFfn: OPT_6_7B.h2 }, 0);
export const optBundleKiB = optFfn.neuronBytes / 1024;

/** GB/s (decimal, as papers state bandwidth) of a scattered read of one of our bundles, and of the fastest read. */
export const scattered1GBs = point('scattered', neuronKiB).bytesPerSecond / 1e9;
export const bestGBs = Math.max(...flash.throughput.points.map((p) => p.bytesPerSecond)) / 1e9;
/** A scattered read of one OPT 6.7B bundle against one of ours: how many times the bytes, and the time. */
export const optBundleBytesX = point('scattered', optBundleKiB).chunkBytes / point('scattered', neuronKiB).chunkBytes;
export const optBundleTimeX =
  point('scattered', optBundleKiB).microsPerRead / point('scattered', neuronKiB).microsPerRead;

/** The window FlashWindow opens on (its `k` parameter's default), which the prose under it describes. */
export const WINDOW_K = windowSchema.params.k.default;

/** Share of neurons whose closest friend is among their layer's HOT_SHARE hottest (mean over layers). */
export { HOT_SHARE };
export const friendIsHotShare =
  flash.friends.layers.reduce((a, l) => a + l.friendIsHot, 0) / flash.friends.layers.length;

/** Every technique on, with predictor-v1: bytes per token (KiB) and the loss change against the dense model. */
export const predBundlingKiB = pred('bundling').bytes / 1024;
export const exactBundlingKiB = exact('bundling').bytes / 1024;
export const lossChange = {
  bundling: pred('bundling').lossFlash - pred('bundling').lossDense,
  predictor: pred('predictor').lossFlash - pred('predictor').lossDense,
};

/** Naive against every technique on, with the exact set: fewer bytes, more calls, and the time each way. */
export const naiveVsAll = {
  fewerBytes: exact('naive').bytes / exact('bundling').bytes,
  moreCalls: exact('bundling').reads / exact('naive').reads,
  fasterAtPaperRates: exact('naive').paperMs / exact('bundling').paperMs,
  slowerOnOurCurve: exact('bundling').curveMs / exact('naive').curveMs,
};
/** Timed reads per token, µs. */
export const readUs = (id: RungId) => exact(id).readMs * 1000;
/** Reads per token priced on our curve, µs (modelled). */
export const curveUs = (id: RungId) => exact(id).curveMs * 1000;

/** A rung of the paper's Table 2 (lib/flash/cost.ts), and its read throughputs on the M1 Max in GB/s. */
export const paper = (id: RungId) => PAPER_TABLE_2.find((p) => p.id === id)!;
export const paperGBs = {
  scattered: PAPER_M1_MAX.scatteredBytesPerSecond / 1e9,
  bundled: PAPER_M1_MAX.bundledBytesPerSecond / 1e9,
  dense: PAPER_M1_MAX.denseBytesPerSecond / 1e9,
};
/** The paper's Table 2, read as bytes and throughput (our divisions of its figures). */
export const paperSteps = {
  ioSpeedup: paper('naive').ioMs / paper('bundling').ioMs,
  fewerBytes: paper('naive').gb / paper('bundling').gb,
  hybridCut: paper('naive').gb / paper('hybrid').gb,
  predictorCut: paper('hybrid').gb / paper('predictor').gb,
  windowCut: paper('predictor').gb / paper('window').gb,
  scatteredSlowdown: paper('hybrid').gbPerSecond / paper('predictor').gbPerSecond,
  bundlingGain: paper('bundling').gbPerSecond / paper('window').gbPerSecond,
};

/** One rung through OPFS in headless Chromium (npm run bench), as numbers; undefined when not recorded. */
export function opfs(id: RungId) {
  const r = (bench.flash ?? []).find((x) => x.policy === id && x.where.includes('OPFS'));
  if (!r) return undefined;
  const kibPerToken = r['KiB/token'];
  const reads = r['reads/token'];
  const ms = r['read ms/token'];
  return { readMs: ms, bytesPerRead: (kibPerToken / reads) * 1024, usPerRead: (ms / reads) * 1000 };
}
export const benchDate = bench.date;

/** One 1 KiB scattered read through OPFS in each kind of Chromium profile, ms, on the read curves recorded beside
 *  lesson 9's ladders (bench-reference.json's `capstone`): off the record (a private window, and every headless
 *  context, where the rows above were taken: OPFS lives in the browser process) and persistent (an ordinary window:
 *  a file the worker reads directly). Undefined when that profile was not recorded. */
export const OPFS_PROBE_BYTES = 1024;
const ladders = ((bench as unknown as { capstone?: BrowserLadder[] }).capstone ?? []) as BrowserLadder[];
const profileReadMs = (persistent: boolean) => {
  const l = ladders.find((x) => isPersistent(x) === persistent);
  return l ? opfsReadMs(l, OPFS_PROBE_BYTES) : undefined;
};
export const opfsProfiles = { offTheRecordMs: profileReadMs(false), persistentMs: profileReadMs(true) };

// ---- Text through the kit's formatters ----
/** The ablation table's row names, in each edition's words. */
export const NAMES: Record<'en' | 'zh', Record<RungId, string>> = {
  en: {
    naive: 'Naive',
    hybrid: 'Hybrid (half in DRAM)',
    predictor: '+ predictor',
    window: `+ windowing (k = ${flash.ablation.windowK})`,
    bundling: '+ bundling',
  },
  zh: {
    naive: '朴素（Naive）',
    hybrid: 'Hybrid（一半在内存中）',
    predictor: '+ 预测器',
    window: `+ 窗口化（k = ${flash.ablation.windowK}）`,
    bundling: '+ 捆绑',
  },
};
/** Bytes as KiB for the table's KiB columns: one decimal under 10 KiB ("1.5"), whole above ("2048"). */
export const kib = (b: number) => short(b / 1024, b < 10240 ? 1 : 0);
/** Milliseconds as whole µs for the table's µs columns. */
export const us = (ms: number) => short(ms * 1000, 0);
/** The ablation table: the paper's row beside ours with the exact active set. */
export const table = PAPER_TABLE_2.map((p) => ({
  paper: p,
  ours: exact(p.id),
  name: { en: NAMES.en[p.id], zh: NAMES.zh[p.id] },
}));
