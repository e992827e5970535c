// Lesson 4 (LLM in a Flash): the answers of the lesson's exercises, computed at build time with lib/flash and the
// lesson's measurements (site/data/flash.json, from scripts/measure-flash.ts).
// tests/widgets/lessons/exercises.test.ts checks each one independently.
import flash from '../../site/data/flash.json' with { type: 'json' };
import { OPT_6_7B, optBundleKiB, optFfn } from '../facts/llm-in-a-flash.ts';
import { sig } from '../../site/widgets/_kit/format.ts';

export const layout = flash.layout;
const w = flash.window;

/** Bytes a token loads with a window of k = 3: Δ_load(3) = s_agg(4) − s_agg(3), of the FFN's bytes. */
const K = 3;
const sNow = sig(w.sAgg[K], 3); // as the question prints them
const sNext = sig(w.sAgg[K + 1], 3);
export const windowBytes = { k: K, sNow, sNext, ffnBytes: layout.ffnBytes, answer: (sNext - sNow) * layout.ffnBytes };

/** OPT 6.7B's FFN (lib/offload's shape: 32 layers, d_model 4096, d_ff 16384) in lib/flash's fp32 layout, in GiB. */
export const opt67 = { nLayer: OPT_6_7B.l, nEmbd: OPT_6_7B.h1, nFfn: OPT_6_7B.h2 };
export const opt67Ffn = { neuronBytes: optFfn.neuronBytes, answer: optFfn.totalBytes / 2 ** 30 };
export { optBundleKiB };

/** FlashWindow: the smallest window k at which a token loads under 5% of the FFN. */
const UNDER = 0.05;
const k = w.deltaLoad.findIndex((d) => d < UNDER);
if (k < 0) throw new Error('lesson 4 exercises: no window in flash.json loads under 5% of the FFN');
export const under5 = { share: UNDER, answer: w.k[k], at: w.deltaLoad[k], below: w.deltaLoad[k - 1] };

export { bytes, count, percent } from '../../site/widgets/_kit/format.ts';
export { sig };
