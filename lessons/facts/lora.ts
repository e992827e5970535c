// Lesson 7 (LoRA): the lesson's facts, typed: parameter and byte counts from lib (config, lora targets, Adam), the
// GPT-3 figures the paper gives (cited), and the trained adapters' card and analysis (public/models/lora-sotu-v1/,
// via site/data/lora.ts). Numbers stay numbers (undefined when the adapters are not in this build); the text
// helpers at the end format them with the kit's formatters.
import { PRESETS, parameterCount } from '../../lib/config.ts';
import { loraParameterCount, squareLoraParameterCount, targetsFor } from '../../lib/lora/targets.ts';
import { adamStateBytes } from '../../lib/train/adam.ts';
import { type LoraAnalysis, type LoraCard, loraAnalysis, loraCard } from '../../site/data/lora.ts';
import { PASTED_TEXT } from '../../lib/train/pasted-text.ts';
import { TRAIN_BATCH, TRAIN_WINDOW } from '../../site/worker/handlers/lora-train.ts';
import { schema as trainSchema } from '../../site/widgets/lora-train/params.ts';
import { bytes, count, decimal, percent, short } from '../../site/widgets/_kit/format.ts';

export const card = loraCard();
export const an = loraAnalysis();
/** f(card) / f(analysis), or a dash while they are not in this build. */
export const c = <T>(f: (k: LoraCard) => T): T | '—' => (card ? f(card) : '—');
export const a = <T>(f: (x: LoraAnalysis) => T): T | '—' => (an ? f(an) : '—');

// ---- Counts on our model (lib) ----
export const cfg = PRESETS.target;
export const ours = parameterCount(cfg);
/** Width of the fused q, k, v projection. */
export const qkvWidth = 3 * cfg.nEmbd;
/** A count of trained numbers as a share of our model's parameters. */
export const ofOurs = (x: number) => x / ours;
/** Trainable numbers of an adapter on W_q and W_v, or on all six matrices, of every layer at rank r. */
export const qv = (r: number) => loraParameterCount(cfg, targetsFor(cfg, ['q', 'v']), r);
export const all = (r: number) => loraParameterCount(cfg, targetsFor(cfg, ['q', 'k', 'v', 'o', 'up', 'down']), r);
/** Adam's two float32 moments per trained number, and the float32 file, for full fine-tuning and the r = 4 adapter. */
export const adam = { full: adamStateBytes(ours), qv4: adamStateBytes(qv(4)) };
/** The r = 4 adapter on W_q and W_v trains one number in this many of our model's. */
export const oursPerQv4 = ours / qv(4);
export const fp32File = { full: 4 * ours, qv4: 4 * qv(4) };

// ---- GPT-3 175B (cited) ----
/** GPT-3 175B: d_model 12288, 96 layers [Brown et al., arXiv 2005.14165 v4, Table 2.1]; W_q and W_v in each layer. */
export const GPT3_D_MODEL = 12288;
export const GPT3_ADAPTED_MATRICES = 2 * 96;
export const gpt3 = (r: number) => squareLoraParameterCount(GPT3_D_MODEL, GPT3_ADAPTED_MATRICES, r);
/** The lesson's formula worked by hand, 2 · matrices · d_model · r at r = 4 (lib/lora's count must agree). */
export const gpt3ByHand = 2 * GPT3_ADAPTED_MATRICES * GPT3_D_MODEL * 4;
/** GPT-3's layer 48 at r = 4 [LoRA, arXiv 2106.09685 v2, §7.3, Table 7]: ‖ΔW_q‖_F, ‖UᵀW_qVᵀ‖_F with U, V from
 *  ΔW_q, and ‖W_q‖_F. */
export const GPT3_TABLE_7 = { deltaNorm: 6.91, projection: 0.32, wNorm: 61.95 };
/**
 * How much ΔW_q amplifies the directions of W_q it shares, ‖ΔW_q‖_F / ‖UᵀW_qVᵀ‖_F, as the paper prints it: "21.5 ≈
 * 6.91/0.32" [§7.3] (the printed norms are rounded; 6.91/0.32 itself is 21.59). Cited, not recomputed, so the
 * lesson shows the paper's figure.
 */
export const gpt3Amplification = 21.5;
/** Checkpoints of GPT-3 175B in full and of its LoRA adapter, bytes [LoRA v2, §4.2], and the tasks of footnote 4. */
export const GPT3_CHECKPOINT_BYTES = 350e9;
export const GPT3_LORA_CHECKPOINT_BYTES = 35e6;
export const GPT3_TASKS = 100;
/** Storing GPT3_TASKS fine-tuned models: one base plus an adapter per task, or a full copy per task. */
export const gpt3Tasks = {
  lora: GPT3_CHECKPOINT_BYTES + GPT3_TASKS * GPT3_LORA_CHECKPOINT_BYTES,
  full: GPT3_TASKS * GPT3_CHECKPOINT_BYTES,
};
/** Full fine-tuning's trainable parameters: 175,255.8M [LoRA, arXiv 2106.09685 v2, Table 4]. */
export const GPT3_FULL = 175_255.8e6;
/** One trained number in this many, at r = 4. */
export const gpt3FewerAtR4 = GPT3_FULL / gpt3(4);
/** The r = 4 adapter in FP16, bytes. */
export const gpt3Fp16Bytes = 2 * gpt3(4);
export const gpt3Fp16MillionBytes = gpt3Fp16Bytes / 1e6;

// ---- Training in the page (site/worker/handlers/lora-train.ts) ----
/** Each step of the in-browser run: TRAIN_BATCH windows of TRAIN_WINDOW tokens. Pasted text needs
 *  PASTED_TEXT.minChars characters, and its last PASTED_TEXT.heldOutShare is held out (lib/train/pasted-text.ts). */
export { PASTED_TEXT, TRAIN_BATCH, TRAIN_WINDOW };
/** The rank LoraTrain starts a run with (its `r` parameter's default). */
export const TRAIN_RANK = trainSchema.params.r.default;

// ---- The trained adapters (measured) ----
export const run = (name: string) => card?.runs.find((r) => r.name === name);
export const lora = card ? card.runs.filter((r) => r.kind === 'lora') : [];
export const full = run('full');
/** The trained adapters' ranks, smallest first (undefined ends while the card is not in this build), and their
 *  list in each edition's words: "1, 2, 4 and 8", "1、2、4 和 8". */
export const ranks = lora.flatMap((r) => (r.rank === undefined ? [] : [r.rank])).sort((x, y) => x - y);
export const minRank = ranks[0];
export const maxRank = ranks[ranks.length - 1];
const listed = (sep: string, and: string) =>
  ranks.length ? `${ranks.slice(0, -1).join(sep)}${ranks.length > 1 ? and : ''}${maxRank}` : '—';
export const rankList = { en: listed(', ', ' and '), zh: listed('、', ' 和 ') };
const span = (xs: number[]) => (xs.length ? { min: Math.min(...xs), max: Math.max(...xs) } : undefined);
/** How much each adapter lowers the loss on the held-out speeches, nats/token. */
export const sotuGains = card
  ? lora.map((r) => ({ rank: r.rank, gain: card.baseline.validationLoss.sotu - r.validationLoss.sotu }))
  : [];
export const trainSecondsSpan = span(lora.map((r) => r.trainSeconds));
export const mobySpan = span(lora.map((r) => r.validationLoss.mobyDick));
export const fileBytesSpan = span(lora.flatMap((r) => (r.fileBytes === undefined ? [] : [r.fileBytes])));
/** The scale α/r at a rank (α fixed across ranks, as in the paper). */
export const alphaOver = (r: number) => (card ? card.lora.alpha / r : undefined);
/** The full fine-tune against the r = 4 adapter: times as many trained numbers, times as long per step. */
export const fullOverR4 = full
  ? {
      numbers: full.trainableParameters / qv(4),
      stepTime: run('r4') ? run('r4')!.stepsPerSecond / full.stepsPerSecond : undefined,
    }
  : undefined;
/** Subspace similarity φ between r = 2 and r = 8, i = 1, j = 1..8, for a target. */
export const subspace = (target: string) => an?.subspace['r2-r8']?.[target]?.[0];
/** The amplification of W_q's shared directions by ΔW_q at r = 4, lowest and highest layer. */
export const amplificationSpan = an?.table7.r4
  ? span(an.table7.r4.filter((r) => r.target.endsWith('attn.q')).map((r) => r.amplification))
  : undefined;

// ---- Text through the kit's formatters ----
/** A count, rounded and grouped ("18,874,368"). */
export const n = (x: number) => count(Math.round(x));
/** A share as a percent, two decimals by default. */
export const pct = (x: number, d = 2) => percent(x, d);
/** Bytes in decimal units, whole, as the paper states checkpoints: "35 MB", "354 GB", "35 TB". */
export const megabytes = (b: number) => `${short(b / 1e6, 0)} MB`;
export const gigabytes = (b: number) => `${short(b / 1e9, 0)} GB`;
export const terabytes = (b: number) => `${short(b / 1e12, 0)} TB`;
/** Whole seconds. */
export const seconds = (s: number) => `${count(Math.round(s))} s`;
/** Each adapter's gain on the speeches, in each edition: "r = 1 by 0.123, r = 2 by …". */
export const sotuGainsText = {
  en: sotuGains.length ? sotuGains.map((g) => `r = ${g.rank} by ${decimal(g.gain, 3)}`).join(', ') : '—',
  zh: sotuGains.length ? sotuGains.map((g) => `r = ${g.rank} 时降低 ${decimal(g.gain, 3)}`).join('，') : '—',
};
/** A list of similarities or singular values, fixed decimals: "0.12, 0.34". */
export const list = (xs: number[] | undefined, digits: number) =>
  xs ? xs.map((x) => decimal(x, digits)).join(', ') : '—';
export { bytes, decimal };
