// PolicySolver's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's, the
// charts' and the sentence on the best policy. An infeasible answer's reason is lib/offload's own (English).
import type { MemoryRow, Term } from '../../../lib/offload/cost-model.ts';
import type { SolveAnswer } from '../../../lib/offload/solve-request.ts';
import { OPT_SHAPES } from '../../../lib/offload/shapes.ts';
import { count, duration, percent, plural } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { tokensPerSecond } from '../schedule-animator/rate.ts';
import type { KINDS, PolicyValues, TIERS } from './model.ts';

type Tier = (typeof TIERS)[number];
type Kind = (typeof KINDS)[number];

const ROWS_EN: Record<MemoryRow, string> = {
  gpuPrefill: 'GPU (prefill)',
  gpuDecode: 'GPU (decode)',
  cpuPrefill: 'CPU (prefill)',
  cpuDecode: 'CPU (decode)',
  disk: 'disk',
};
const ROWS_ZH: Record<MemoryRow, string> = {
  gpuPrefill: 'GPU（预填充）',
  gpuDecode: 'GPU（解码）',
  cpuPrefill: 'CPU（预填充）',
  cpuDecode: 'CPU（解码）',
  disk: '磁盘',
};
const TERMS_EN: Record<Term, string> = {
  ctog: 'CPU → GPU',
  gtoc: 'GPU → CPU',
  dtoc: 'disk → CPU',
  ctod: 'CPU → disk',
  comp: 'compute',
};
const TERMS_ZH: Record<Term, string> = {
  ctog: 'CPU → GPU',
  gtoc: 'GPU → CPU',
  dtoc: '磁盘 → CPU',
  ctod: 'CPU → 磁盘',
  comp: '计算',
};

export const text = bilingual({
  en: {
    policy: (gbs: number, nb: number, bls: number) => `${gbs} × ${nb} = ${plural(bls, 'sequence', 'sequences')}`,
    infeasible: 'infeasible',
    bestPolicy: 'Best policy',
    throughput: 'Throughput',
    latency: 'Latency per block',
    binding: 'Binding term (decode)',
    modelled: KIT.en.badge.modelled,
    barsNote:
      "Bytes each tier holds under the best policy: weights, the block's peak KV cache and its prefill activations; the black tick is the tier's usable capacity (80%, as FlexGen's search plans).",
    termsNote: 'Seconds per layer of each overlapped part of one decode step; the slowest (solid) sets the pace.',
    solving: 'Solving for these settings…',
    noPolicy: (reason: string) => `No policy fits: ${reason}.`,
    terms: TERMS_EN,
    tiers: { GPU: 'GPU', CPU: 'CPU', disk: 'disk' } as Record<Tier, string>,
    kinds: { weights: 'weights', 'KV cache': 'KV cache', activations: 'activations' } as Record<Kind, string>,
    termList: (parts: { term: Term; ms: number; binding: boolean }[]) =>
      parts.map((t) => `${TERMS_EN[t.term]} ${duration(t.ms)}${t.binding ? ' (binding)' : ''}`).join('; '),
    barsLabel: 'Bytes placed on each tier',
    bytesAxis: 'bytes',
    termsLabel: 'Per-layer time of each part of a decode step',
    timeAxis: 'time per layer',
    summaryText: (v: PolicyValues, a: SolveAnswer) => {
      const name = OPT_SHAPES[v.model].name;
      if (a.status === 'infeasible') return `${name} cannot run on this machine: ${a.reason}.`;
      const p = a.policy;
      const w = `weights ${percent(p.placement.wg, 0)} GPU, ${percent(p.placement.wc, 0)} CPU, ${percent(p.placement.wd, 0)} disk`;
      const c = `cache ${percent(p.placement.cg, 0)} GPU, ${percent(p.placement.cc, 0)} CPU, ${percent(p.placement.cd, 0)} disk`;
      // Rows the placement fills to capacity (≥ 99.9%): the limits that bind, so more of that memory would help.
      const full = p.fullTiers.length
        ? ` Memory filled to capacity, so the limit that binds: ${p.fullTiers.map((t) => ROWS_EN[t]).join(', ')}.`
        : '';
      return `${name}: best policy GPU batch ${p.gbs} × ${plural(p.nb, 'batch', 'batches')} = ${plural(p.bls, 'sequence', 'sequences')} per block; ${w}; ${c}. ${tokensPerSecond(p.throughput)}, ${duration(p.blockSeconds * 1000)} per block. Slowest part of a decode step: ${TERMS_EN[p.decode.binding]} (${duration(p.decode.max * 1000)} per layer).${full}`;
    },
  },
  zh: {
    policy: (gbs: number, nb: number, bls: number) => `${gbs} × ${nb} = ${count(bls)} 条序列`,
    infeasible: '不可行',
    bestPolicy: '最佳策略',
    throughput: '吞吐量',
    latency: '每块延迟',
    binding: '瓶颈项（解码）',
    modelled: KIT.zh.badge.modelled,
    barsNote:
      '最佳策略下各层级存放的字节：权重、块的 KV 缓存峰值及其预填充激活；黑色刻度是该层级的可用容量（80%，与 FlexGen 的搜索规划一致）。',
    termsNote: '一个解码步中各个相互重叠的部分每层所需的秒数；最慢的（实心）决定节奏。',
    solving: '正在为这些设置求解…',
    noPolicy: (reason: string) => `没有可行的策略：${reason}。`,
    terms: TERMS_ZH,
    tiers: { GPU: 'GPU', CPU: 'CPU', disk: '磁盘' },
    kinds: { weights: '权重', 'KV cache': 'KV 缓存', activations: '激活' },
    termList: (parts: { term: Term; ms: number; binding: boolean }[]) =>
      parts.map((t) => `${TERMS_ZH[t.term]} ${duration(t.ms)}${t.binding ? '（瓶颈）' : ''}`).join('；'),
    barsLabel: '各层级存放的字节',
    bytesAxis: '字节',
    termsLabel: '解码步各部分每层所需的时间',
    timeAxis: '每层时间',
    summaryText: (v: PolicyValues, a: SolveAnswer) => {
      const name = OPT_SHAPES[v.model].name;
      if (a.status === 'infeasible') return `${name} 无法在这台机器上运行：${a.reason}。`;
      const p = a.policy;
      const w = `权重 GPU ${percent(p.placement.wg, 0)}、CPU ${percent(p.placement.wc, 0)}、磁盘 ${percent(p.placement.wd, 0)}`;
      const c = `缓存 GPU ${percent(p.placement.cg, 0)}、CPU ${percent(p.placement.cc, 0)}、磁盘 ${percent(p.placement.cd, 0)}`;
      const full = p.fullTiers.length
        ? `已占满容量、因而起约束作用的内存：${p.fullTiers.map((t) => ROWS_ZH[t]).join('、')}。`
        : '';
      return `${name}：最佳策略为 GPU 批大小 ${p.gbs} × ${count(p.nb)} 个批次 = 每块 ${count(p.bls)} 条序列；${w}；${c}。${tokensPerSecond(p.throughput)}，每块 ${duration(p.blockSeconds * 1000)}。解码步中最慢的部分：${TERMS_ZH[p.decode.binding]}（每层 ${duration(p.decode.max * 1000)}）。${full}`;
    },
  },
});
