// LoraRank as plain data: trainable numbers, checkpoint and optimizer sizes of a rank-r adapter for our model and
// for GPT-3 175B, counted with lib/lora's own formula (r (in + out) per adapted matrix, the paper's 2·L̂·d·r).
import { PRESETS, parameterCount, type GPTConfig } from '../../../lib/config.ts';
import { loraParameterCount, targetsFor, type Kind } from '../../../lib/lora/targets.ts';
import { adamStateBytes } from '../../../lib/train/adam-state.ts';
import { count } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { MATRIX_CHOICES } from './params.ts';
import { text } from './text.ts';

export type MatrixChoice = (typeof MATRIX_CHOICES)[number];

export const KINDS_OF: Record<MatrixChoice, Kind[]> = {
  qv: ['q', 'v'],
  q: ['q'],
  k: ['k'],
  v: ['v'],
  o: ['o'],
  qk: ['q', 'k'],
  qkvo: ['q', 'k', 'v', 'o'],
  ffn: ['up', 'down'],
  all: ['q', 'k', 'v', 'o', 'up', 'down'],
};

/** GPT-3 175B's shape: 96 layers, d_model 12,288, d_ff = 4 d_model (Brown et al., arXiv 2005.14165 v4, Table 2.1). */
export const GPT3: GPTConfig = {
  vocabSize: 50257,
  blockSize: 2048,
  nLayer: 96,
  nHead: 96,
  nEmbd: 12288,
  nFfn: 4 * 12288,
};
/** Full fine-tuning's trainable parameters for GPT-3 175B (arXiv 2106.09685 v2, Table 4). */
export const GPT3_PARAMETERS = 175_255.8e6;

export interface RankRow {
  /** Which model: ours (target-v1) or GPT-3 175B (named in text.ts). */
  model: 'ours' | 'gpt3';
  trainable: number;
  share: number;
  /** Adapter checkpoint: float32 for ours (as the .lora files are), FP16 for GPT-3 (as the paper counts). */
  checkpointBytes: number;
  bytesPerNumber: number;
  /** Adam's two moments per trainable number, float32, against full fine-tuning's. */
  adamBytes: number;
  fullAdamBytes: number;
}

export function rankRows(r: number, matrices: MatrixChoice): RankRow[] {
  const kinds = KINDS_OF[matrices];
  const ours = PRESETS.target;
  const oursAll = parameterCount(ours);
  const row = (model: RankRow['model'], cfg: GPTConfig, full: number, bytesPerNumber: number): RankRow => {
    const trainable = loraParameterCount(cfg, targetsFor(cfg, kinds), r);
    return {
      model,
      trainable,
      share: trainable / full,
      checkpointBytes: trainable * bytesPerNumber,
      bytesPerNumber,
      adamBytes: adamStateBytes(trainable),
      fullAdamBytes: adamStateBytes(full),
    };
  };
  return [row('ours', ours, oursAll, 4), row('gpt3', GPT3, GPT3_PARAMETERS, 2)];
}

export function rowCells(
  x: RankRow,
  lang: Lang = 'en',
): { trainable: string; share: string; checkpoint: string; adam: string } {
  const t = text[lang];
  return {
    trainable: count(x.trainable),
    share: t.share(x.share),
    checkpoint: t.checkpoint(x.checkpointBytes, x.bytesPerNumber === 2),
    adam: t.adam(x.adamBytes, x.fullAdamBytes),
  };
}

export function rankSummary(r: number, matrices: MatrixChoice, lang: Lang = 'en'): string {
  const [ours, gpt3] = rankRows(r, matrices);
  const t = text[lang];
  return t.summary(r, t.matrices[matrices], ours, t.share(ours.share), gpt3, t.share(gpt3.share));
}
