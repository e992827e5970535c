// Which text a loss is measured on. target-v1's float32 loss appears on several pages, and the numbers differ
// (3.37 to 3.48 nats per token on Moby Dick) because each measurement reads a different slice of held-out text,
// not because the model differs. This module names every slice once; each figure on the site says which one it
// used, and /model/ lists them all. Losses are read from the files the measuring scripts wrote, never typed here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import awqTable2 from './awq/table2.json' with { type: 'json' };
import flash from './flash.json' with { type: 'json' };
import flexgen from './flexgen-results.json' with { type: 'json' };

export type TokenSetId =
  | 'mobyValidationAll'
  | 'mobyValidation16k'
  | 'mobyValidation2048'
  | 'mobyValidation1024'
  | 'loraMobyWindows'
  | 'loraSotuWindows'
  | 'trainerSotuWindows';

export interface TokenSet {
  id: TokenSetId;
  /** A short name a caption can carry: "16,384 held-out tokens". */
  name: string;
  /** The same name in each edition's words (`name` is `names.en`). */
  names: { en: string; zh: string };
  /** What text, which part of it, and who measures on it. */
  description: string;
  /** Tokens whose next token is predicted (the loss is their mean), when fixed. */
  tokens?: number;
  /** target-v1's float32 loss on this set, nats per token, from the file named in `source`. */
  fp32Loss?: number;
  source: string;
  /** Where on the site a loss on this set appears. */
  usedOn: string[];
}

const MODELS = process.env.LLMP_MODELS_DIR ?? join(process.cwd(), 'public', 'models');
function card(name: string): Record<string, unknown> | undefined {
  const path = join(MODELS, name, 'card.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}
const target = card('target-v1') as { validationLoss: number; validationTokens: number } | undefined;
const lora = card('lora-sotu-v1') as
  | {
      heldOut: { windows: number; tokensEach: number };
      baseline: { validationLoss: { sotu: number; mobyDick: number } };
    }
  | undefined;
const flashDense = flash.ablation.exact[0]?.lossDense;
const flexgenFp32 = flexgen.compression.rows.find((r) => r.weightBits === null && r.cacheBits === null);

const SETS: Record<TokenSetId, Omit<TokenSet, 'name'>> = {
  mobyValidationAll: {
    id: 'mobyValidationAll',
    names: { en: 'all held-out chapters', zh: '全部留出章节' },
    description:
      "Moby Dick's held-out chapters (every tenth chapter, node/corpus.ts), all of them: the training script's validation loss.",
    tokens: target?.validationTokens,
    fp32Loss: target?.validationLoss,
    source: 'public/models/target-v1/card.json (npm run train)',
    usedOn: ['/model/'],
  },
  mobyValidation16k: {
    id: 'mobyValidation16k',
    names: { en: '16,384 held-out tokens', zh: '16,384 个留出词元' },
    description: awqTable2.validation.text,
    tokens: awqTable2.validation.tokens,
    fp32Loss: awqTable2.fp32.loss,
    source: "site/data/awq/*.json and the quantized models' cards (scripts/quantize.ts)",
    usedOn: ['/lessons/06-awq/'],
  },
  mobyValidation2048: {
    id: 'mobyValidation2048',
    names: { en: 'first 2,048 held-out tokens', zh: '前 2,048 个留出词元' },
    description: "The first 2,048 tokens of Moby Dick's held-out chapters: FlexGen's compression table.",
    tokens: flexgenFp32?.tokens,
    fp32Loss: flexgenFp32?.loss,
    source: 'site/data/flexgen-results.json (scripts/flexgen-compression.ts)',
    usedOn: ['/lessons/05-flexgen/'],
  },
  mobyValidation1024: {
    id: 'mobyValidation1024',
    names: { en: 'first 1,024 held-out tokens', zh: '前 1,024 个留出词元' },
    description: "The first 1,024 tokens of Moby Dick's held-out chapters: LLM in a Flash's ablation (dense loss).",
    tokens: 1024,
    fp32Loss: flashDense,
    source: 'site/data/flash.json (scripts/measure-flash.ts)',
    usedOn: ['/lessons/04-llm-in-a-flash/'],
  },
  loraMobyWindows: {
    id: 'loraMobyWindows',
    names: { en: 'LoRA held-out windows (Moby Dick)', zh: 'LoRA 留出窗口（《白鲸记》）' },
    description: lora
      ? `${lora.heldOut.windows} evenly spaced windows over Moby Dick's held-out chapters (${lora.heldOut.tokensEach.toLocaleString('en-US')} tokens in all): the LoRA table's Moby Dick column.`
      : "Evenly spaced windows over Moby Dick's held-out chapters: the LoRA table's Moby Dick column.",
    tokens: lora?.heldOut.tokensEach,
    fp32Loss: lora?.baseline.validationLoss.mobyDick,
    source: 'public/models/lora-sotu-v1/card.json (scripts/train-lora.ts)',
    usedOn: ['/lessons/07-lora/'],
  },
  loraSotuWindows: {
    id: 'loraSotuWindows',
    names: { en: 'LoRA held-out windows (State of the Union)', zh: 'LoRA 留出窗口（国情咨文）' },
    description:
      'The same number of windows over the held-out State of the Union addresses (2010, 2015, 2020): the LoRA table.',
    tokens: lora?.heldOut.tokensEach,
    fp32Loss: lora?.baseline.validationLoss.sotu,
    source: 'public/models/lora-sotu-v1/card.json (scripts/train-lora.ts)',
    usedOn: ['/lessons/07-lora/'],
  },
  trainerSotuWindows: {
    id: 'trainerSotuWindows',
    names: { en: "the trainer's 8 held-out windows", zh: '训练器的 8 个留出窗口' },
    description:
      "8 windows of 64 tokens over the first 40,000 characters of the held-out addresses: the in-browser LoRA trainer's held-out curve, computed in your browser (so not stored here). Fewer, shorter windows than the LoRA table's, so its starting loss differs.",
    source: 'site/worker/handlers/lora-train.ts',
    usedOn: ['/lessons/07-lora/'],
  },
};

export const TOKEN_SETS = Object.fromEntries(
  Object.entries(SETS).map(([id, set]) => [id, { ...set, name: set.names.en }]),
) as Record<TokenSetId, TokenSet>;

export const tokenSets = (): TokenSet[] => Object.values(TOKEN_SETS);
