// Lesson 7 (LoRA), the voice: which adapters make target-v1 sound like a State of the Union address, as typed
// facts from the committed measurements: public/models/lora-sotu-v2/card.json (the shipped voice adapter) and
// sweep.json (every adapter file tried, scripts/lora-voice.ts), and lora-sotu-v2-full/card.json (a full fine-tune
// on the same batches, scripts/train-lora.ts --ranks none). Numbers stay numbers; the lesson formats them with the
// kit's formatters.
import { loraCard, loraVoiceSweep, type VoiceMeasure, type VoiceSweep } from '../../site/data/lora.ts';
import type { Lang } from '../../site/i18n/lang.ts';
import { type Bilingual, bilingual } from '../../site/i18n/text.ts';
import { percent } from '../../site/widgets/_kit/format.ts';

export const v1 = loraCard('lora-sotu-v1');
export const v2 = loraCard('lora-sotu-v2');
export const sweep = loraVoiceSweep();
export const fullCard = loraCard('lora-sotu-v2-full');
/** How the voice was measured: prompts, seeds, sampling, the classifier's held-out accuracy. */
export const settings = sweep?.settings ?? v2?.voice;

/** A reader's name for an adapter's matrices, from its target names ("h.0.attn.q", …, "h.3.mlp.down"). */
export function matricesOf(targets: readonly string[], lang: Lang = 'en'): string {
  const NAMES: [string, string][] = [
    ['attn.q', 'W_q'],
    ['attn.k', 'W_k'],
    ['attn.v', 'W_v'],
    ['attn.proj', 'W_o'],
    ['mlp.up', 'FFN up'],
    ['mlp.down', 'FFN down'],
  ];
  const present = NAMES.filter(([suffix]) => targets.some((t) => t.endsWith(`.${suffix}`))).map(([, n]) => n);
  const list = present.join(lang === 'zh' ? '、' : ', ');
  if (present.length === 6) return lang === 'zh' ? `全部六个（${list}）` : `all six (${list})`;
  if (present.length === 4 && present.every((n) => n.startsWith('W_')))
    return lang === 'zh' ? `注意力（${list}）` : `attention (${list})`;
  return list;
}
/** An adapter's matrices named in both editions. */
const matricesIn = (targets: readonly string[]): Bilingual<string> => ({
  en: matricesOf(targets),
  zh: matricesOf(targets, 'zh'),
});

/** The voice tables' words in each edition: a row's kind, and the classifier's label of a sample. */
export const kindName = bilingual<Record<VoiceRow['kind'], string>>({
  en: { base: 'base', LoRA: 'LoRA', 'full fine-tune': 'full fine-tune' },
  zh: { base: '基础模型', LoRA: 'LoRA', 'full fine-tune': '全量微调' },
});
export const verdictName = bilingual<Record<VoiceMeasure['samples'][number]['label'], string>>({
  en: { speech: 'speech', novel: 'novel' },
  zh: { speech: '演讲', novel: '小说' },
});

export interface VoiceRow {
  /** "base", "LoRA", or "full fine-tune". */
  kind: 'base' | 'LoRA' | 'full fine-tune';
  /** The adapted matrices as the tables name them, in each edition ("W_q, W_v", "every weight"). */
  matrices: Bilingual<string>;
  rank?: number;
  steps?: number;
  peakLr?: number;
  trainableParameters?: number;
  /** Bytes of the shipped file (an adapter) or of the float32 weights it would take (the full fine-tune). */
  bytes?: number;
  sotu: number;
  mobyDick: number;
  voice: VoiceMeasure;
  /** Where the row's numbers are stored. */
  source: string;
  shipped: boolean;
}

type SweepAdapter = VoiceSweep['adapters'][number];
const fromSweep = (a: SweepAdapter): VoiceRow => ({
  kind: 'LoRA',
  matrices: matricesIn(a.targets),
  rank: a.rank,
  steps: a.card.steps,
  peakLr: a.card.peakLr,
  trainableParameters: a.trainableParameters,
  bytes: a.fileBytes,
  sotu: a.card.validationLoss.sotu,
  mobyDick: a.card.validationLoss.mobyDick,
  voice: a.voice,
  source: a.file,
  shipped: false,
});

/** Bytes of the base model's float32 weights, the yardstick for an adapter's size. */
export const baseBytes = sweep ? sweep.base.parameters * 4 : undefined;

/** The voice table: the base, every adapter measured (the sweep), the shipped ones, and the full fine-tune. */
export const rows: VoiceRow[] = (() => {
  if (!v1 || !sweep) return [];
  const shippedRows: VoiceRow[] = (v2?.runs ?? [])
    .filter((r) => r.kind === 'lora' && r.voice)
    .map((r) => ({
      kind: 'LoRA',
      matrices: matricesIn(v2!.lora.targets.split(', ')),
      rank: r.rank,
      steps: v2!.steps,
      peakLr: v2!.lora.peakLr,
      trainableParameters: r.trainableParameters,
      bytes: r.fileBytes,
      sotu: r.validationLoss.sotu,
      mobyDick: r.validationLoss.mobyDick,
      voice: r.voice!,
      source: `public/models/lora-sotu-v2/${r.file}`,
      shipped: true,
    }));
  // An exploration run that was later shipped (same configuration, same losses) appears once, as shipped.
  const same = (a: VoiceRow, b: VoiceRow) =>
    a.matrices.en === b.matrices.en &&
    a.rank === b.rank &&
    a.steps === b.steps &&
    a.peakLr === b.peakLr &&
    a.sotu === b.sotu &&
    a.mobyDick === b.mobyDick;
  const explored = sweep.adapters.map(fromSweep).filter((r) => !shippedRows.some((s) => same(s, r)));
  const out: VoiceRow[] = [
    {
      kind: 'base',
      matrices: { en: '—', zh: '—' },
      sotu: v1.baseline.validationLoss.sotu,
      mobyDick: v1.baseline.validationLoss.mobyDick,
      voice: sweep.base.voice,
      source: 'public/models/lora-sotu-v2/sweep.json',
      shipped: true,
    },
    ...explored,
    ...shippedRows,
  ];
  const full = fullCard?.runs.find((r) => r.kind === 'full fine-tune');
  if (full?.voice)
    out.push({
      kind: 'full fine-tune',
      matrices: { en: 'every weight', zh: '全部权重' },
      steps: full.steps ?? fullCard?.steps,
      peakLr: full.peakLr,
      trainableParameters: full.trainableParameters,
      bytes: full.trainableParameters * 4,
      sotu: full.validationLoss.sotu,
      mobyDick: full.validationLoss.mobyDick,
      voice: full.voice,
      source: 'public/models/lora-sotu-v2-full/card.json',
      shipped: false,
    });
  return out;
})();

export const base = rows.find((r) => r.kind === 'base');
export const full = rows.find((r) => r.kind === 'full fine-tune');
/** The shipped voice adapters (lora-sotu-v2), by rank. */
export const shipped = rows
  .filter((r) => r.kind === 'LoRA' && r.source.startsWith('public/models/lora-sotu-v2/'))
  .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
/** The paper-style adapters (lora-sotu-v1: W_q, W_v), by rank. */
export const paperStyle = rows
  .filter((r) => r.kind === 'LoRA' && r.source.startsWith('public/models/lora-sotu-v1/'))
  .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
/** The shipped adapter whose samples read most like speech (the smaller file on a tie). */
export const best = [...shipped].sort(
  (a, b) => b.voice.speechShare - a.voice.speechShare || (a.bytes ?? 0) - (b.bytes ?? 0),
)[0];

/** The continuation a row sampled from `prompt` with the first seed. */
export function sampleOf(row: VoiceRow | undefined, prompt: string) {
  const seed = settings?.seeds[0];
  return row?.voice.samples.find((s) => s.prompt === prompt && s.seed === seed);
}

/** The greedy continuation of `prompt` in the cards: the base, a shipped rank, or the full fine-tune. */
export function greedyOf(run: 'base' | 'full' | number, prompt: string): string | undefined {
  const samples =
    run === 'base'
      ? v1?.baseline.samples
      : run === 'full'
        ? fullCard?.runs.find((r) => r.kind === 'full fine-tune')?.samples
        : v2?.runs.find((r) => r.kind === 'lora' && r.rank === run)?.samples;
  return samples?.find((s) => s.prompt === prompt)?.text;
}

export const probeWords = settings?.probeWords ?? Object.keys(base?.voice.words ?? {});
/** How many times more likely `word` is after the neutral prompts with the row's weights than with the base's. */
export const wordGain = (row: VoiceRow | undefined, word: string): number | undefined =>
  row && base ? row.voice.words[word] / base.voice.words[word] : undefined;

/** Exploration rows by their matrices (the first such adapter measured), e.g. adapted('all six'). */
export const adapted = (matricesPrefix: string): VoiceRow | undefined =>
  rows.find((r) => r.kind === 'LoRA' && r.matrices.en.startsWith(matricesPrefix));
/** Lowest and highest share labelled speech among rows. */
export const shareRange = (rs: readonly VoiceRow[]) => ({
  lo: Math.min(...rs.map((r) => r.voice.speechShare)),
  hi: Math.max(...rs.map((r) => r.voice.speechShare)),
});
/** Binomial standard error of a row's share labelled speech: it is a share of only a few dozen samples. */
export const shareError = (r: VoiceRow): number =>
  Math.sqrt((r.voice.speechShare * (1 - r.voice.speechShare)) / r.voice.samples.length);

// ---- What the lesson places ----
/** The classifier's accuracy on held-out chunks of each corpus. */
export const acc = settings?.classifierAccuracy;
/** The exploration adapter on all six matrices of every layer. */
export const allSix = adapted('all six');
/** A row's share of samples labelled speech, as a percent, or a dash. */
export const sh = (r: VoiceRow | undefined) => (r ? percent(r.voice.speechShare, 1) : '—');
/** A row's name in the lesson's tables, in an edition. */
export const label = (r: VoiceRow, lang: Lang) =>
  r.kind !== 'LoRA'
    ? kindName[lang][r.kind]
    : lang === 'zh'
      ? `LoRA r = ${r.rank}，${r.matrices.zh}`
      : `LoRA r = ${r.rank}, ${r.matrices.en}`;
/** The prompts whose samples the lesson shows side by side. */
export const SAMPLE_PROMPTS = settings?.prompts.slice(0, 3) ?? [];
/** Rows of the samples table: base, the paper-style adapters, the shipped FFN adapter, the full fine-tune. */
export const sampleRows = [base, ...paperStyle, ...shipped, full].filter((r): r is VoiceRow => r !== undefined);
