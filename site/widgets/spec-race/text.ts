// SpecRace's words in both editions (labels live in params.ts with their `zh`): the button, the lanes, the build's
// and a race's sentences, the stale and cancel lines. Speeds and times go through the kit's formatters.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, decimal, duration, perSecond, times } from '../_kit/format.ts';
import type { RaceView } from './model.ts';

/** The build-time race as the first view states it. */
export interface BuiltRace {
  machine: string;
  shape: string;
  speedup: number;
  tokensPerPass: number;
}

export const text = bilingual({
  en: {
    race: 'Race',
    cancel: 'Cancel',
    plain: 'Plain decoding',
    speculative: (shape: string) => `Speculative, ${shape}`,
    speculativeLane: 'Speculative decoding',
    speed: 'Speed',
    tokensPerPass: 'Tokens per pass',
    /** A speed measured at build time, in Node. */
    nodeSpeed: (tokensPerSecond: number) => `${perSecond(tokensPerSecond)} (Node)`,
    speedOf: (tokensPerSecond: number) => perSecond(tokensPerSecond),
    caption:
      "Both decoders run in this page's model worker on the same backend; the speculative time includes the draft (plain JavaScript). Each run's pass over the prompt is timed on its own and left out of both times, so they time decoding alone. They alternate, and the fastest run of each counts, so a busy moment on your machine flatters neither.",
    measured: KIT.en.badge.measured,
    pressRace: 'Press Race to measure in your browser.',
    built: (b: BuiltRace) =>
      `Measured by scripts/measure-speculative.ts on ${b.machine}, in processor time: speculative decoding with ${b.shape} ran ${times(b.speedup)} as fast as plain decoding, ${decimal(b.tokensPerPass)} tokens per target pass. Press Race to measure in your browser.`,
    stale: 'The figures are for other settings: press Race to measure these.',
    cancelled: 'Cancelled; the figures above are unchanged. Press Race to run it again.',
    cannotRace: 'Cannot race this shape',
    fixShape: 'Fix the tree shape and press Race again.',
    raceSummary: (r: RaceView, tokens: number) => {
      const speedup = r.plain.ms / r.speculative.ms;
      return `Decoding ${count(tokens)} tokens greedily on ${r.backend}: plain ${perSecond(r.plain.tokensPerSecond)} (${duration(r.plain.ms)} after a ${duration(r.plain.promptMs)} pass over the prompt, left out of both), speculative with ${r.shape} ${perSecond(r.speculative.tokensPerSecond)} (${duration(r.speculative.ms)}, ${count(r.speculative.passes)} target passes, ${decimal(r.speculative.tokensPerPass)} tokens per pass, draft ${duration(r.speculative.draftMs)} in all): ${times(speedup)} ${speedup >= 1 ? 'faster' : 'as fast'}. The two texts are ${r.identical ? 'identical' : 'different (a near-tie between two tokens broken differently by float rounding)'}.`;
    },
  },
  zh: {
    race: '开始比赛',
    cancel: '取消',
    plain: '普通解码',
    speculative: (shape: string) => `投机解码，${shape}`,
    speculativeLane: '投机解码',
    speed: '速度',
    tokensPerPass: '每次前向的词元数',
    nodeSpeed: (tokensPerSecond: number) => `${perSecond(tokensPerSecond, '词元')}（Node）`,
    speedOf: (tokensPerSecond: number) => perSecond(tokensPerSecond, '词元'),
    caption:
      '两种解码器都在本页的模型 worker 中、同一个后端上运行；投机解码的时间包含草稿模型（纯 JavaScript）的时间。每次运行对提示所做的那次前向单独计时，并从两边的时间中扣除，所以计的只是解码。两者交替运行，各取最快的一次，因此你的机器一时繁忙不会偏袒任何一方。',
    measured: KIT.zh.badge.measured,
    pressRace: '按“开始比赛”在你的浏览器中测量。',
    built: (b: BuiltRace) =>
      `由 scripts/measure-speculative.ts 在 ${b.machine} 上按处理器时间测得：使用 ${b.shape} 的投机解码速度是普通解码的 ${times(b.speedup)}，每次目标前向 ${decimal(b.tokensPerPass)} 个词元。按“开始比赛”在你的浏览器中测量。`,
    stale: '这些数字对应的是其他设置：按“开始比赛”测量当前设置。',
    cancelled: '已取消；上面的数字没有变化。按“开始比赛”重新运行。',
    cannotRace: '无法用这个树形比赛',
    fixShape: '请修正树形后再按“开始比赛”。',
    raceSummary: (r: RaceView, tokens: number) => {
      const speedup = r.plain.ms / r.speculative.ms;
      return `在 ${r.backend} 上贪心解码 ${count(tokens)} 个词元：普通解码 ${perSecond(r.plain.tokensPerSecond, '词元')}（${duration(r.plain.ms)}，另有对提示的一次前向 ${duration(r.plain.promptMs)}，两边都已扣除），使用 ${r.shape} 的投机解码 ${perSecond(r.speculative.tokensPerSecond, '词元')}（${duration(r.speculative.ms)}，${count(r.speculative.passes)} 次目标前向，每次前向 ${decimal(r.speculative.tokensPerPass)} 个词元，草稿模型共用 ${duration(r.speculative.draftMs)}）：速度是普通解码的 ${times(speedup)}。两段文本${r.identical ? '完全相同' : '不同（两个词元几乎打平，浮点舍入让两边做出了不同的选择）'}。`;
    },
  },
});
