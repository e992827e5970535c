// Lesson 9's ladder as a browser measures it (the bench page's `capstone.ladder`, on OPFS) with the OPFS read curve
// of the same run (`flash.measure`), and each rung checked against the lessons' own models (lib/capstone's
// checkLadder), in each edition's words. No Node here: the bench page's script, its build-time reference rows
// (site/data/bench-reference.json's `capstone`, written by `npm run bench -- --save`) and lesson 9's facts show
// ladders through it.
import { CAPSTONE_WINDOW_K } from '../../lib/capstone/options.ts';
import { checkRecordedLadder, LADDER_GOAL, type RecordedLadder, type RungCheck } from '../../lib/capstone/measure.ts';
import { measuredCurve, readMs } from '../../lib/hardware/storage-curve.ts';
import type { Lang } from './lang.ts';
import { bytes, decimal, duration, times } from '../widgets/_kit/format.ts';

export { LADDER_GOAL };

/** A ladder measured in a browser, with where it ran and the read curve measured beside it. */
export type BrowserLadder = RecordedLadder;

/** Is this ladder from a persistent profile (an ordinary window's OPFS, on disk) rather than an off-the-record one
 *  (a private window's, held by the browser process)? node/bench-browser.ts names the profile in `where`. */
export const isPersistent = (l: BrowserLadder) => /persistent/.test(l.where);

/** Milliseconds of one scattered read of `size` bytes on the OPFS read curve measured beside a ladder. */
export const opfsReadMs = (l: BrowserLadder, size = 1024) => readMs(size, 'random', measuredCurve(l.curve));

/** Each rung against the lessons' models, its read calls priced on the ladder's own OPFS curve. */
export const checkBrowserLadder = checkRecordedLadder;

/** The ladder's rung names in Chinese, by rung id (the English names come with the measurements, from lib/capstone). */
const RUNG_NAMES_ZH: Record<string, (shape: string) => string> = {
  plain: () => 'fp32 朴素：每个词元都从闪存读取整个 FFN',
  exact: () => '+ 精确稀疏：只读激活的神经元',
  window: () => `+ 窗口化：留住最近 ${CAPSTONE_WINDOW_K} 次前向计算的神经元`,
  bundled: () => '+ 捆绑：每个神经元一次读取',
  span: () => '+ 整段读取：每次前向每层读一次',
  int4: () => '+ int4：每个神经元的字节数减为八分之一',
  chain: (shape) => `+ 草稿链（${shape}）`,
  tree: (shape) => `+ 令牌树（${shape}）`,
};

/** The shape in a rung's label: "+ draft chain (chain 2)" → "chain 2"; "" when it names none. */
export const shapeOf = (label: string) => /\(([^)]*)\)/.exec(label)?.[1] ?? '';

/** A rung's name in each edition's words; `shape` is the chain's or the tree's shape text. */
export function rungName(r: { id: string; label: string }, shape: string): { en: string; zh: string } {
  const zh = RUNG_NAMES_ZH[r.id];
  if (zh === undefined) throw new Error(`capstone ladder: no Chinese name for the rung "${r.id}"`);
  return { en: r.label, zh: zh(shape) };
}

/** The words of a recorded ladder's `where` (written in English by node/bench-browser.ts) in Chinese. */
const WHERE_ZH: [string, string][] = [
  ['browser', '浏览器'],
  ['memory (OPFS failed)', '内存（OPFS 失败）'],
  ['off-the-record profile', '无痕配置文件'],
  ['persistent profile', '持久配置文件'],
  [', ', '，'],
];

/** A ladder's `where` in an edition's words. */
export function whereIn(where: string, lang: Lang): string {
  return lang === 'en' ? where : WHERE_ZH.reduce((w, [en, zh]) => w.split(en).join(zh), where);
}

/** The words of a ladder's check, in both editions (here rather than in site/i18n, so Node scripts can print them). */
export const LADDER_WORDS = {
  en: {
    yes: 'yes',
    no: 'no',
    why: (c: RungCheck) =>
      `reads ${duration(c.readMs)} a token (models: ${duration(c.modelReadMs)}); the rest ${duration(c.restMs)} (models: ${duration(c.modelRestMs)}), of which choosing neurons ${duration(c.selectMs)} and the draft ${duration(c.draftMs)}, which the models leave out`,
    whole: (where: string, whole: number, predicted: number, goal: number) =>
      `${where}: all switches on ran at ${times(whole)} the plain rung's speed; the models predict ${times(predicted)}; the goal is ${times(goal, 1)}.`,
  },
  zh: {
    yes: '是',
    no: '否',
    why: (c: RungCheck) =>
      `每个词元读取用时 ${duration(c.readMs)}（模型：${duration(c.modelReadMs)}）；其余 ${duration(c.restMs)}（模型：${duration(c.modelRestMs)}），其中选择神经元 ${duration(c.selectMs)}、草稿模型 ${duration(c.draftMs)}，这两项模型没有计入`,
    whole: (where: string, whole: number, predicted: number, goal: number) =>
      `${where}：所有开关全开时速度是朴素一级的 ${times(whole)}；模型预测 ${times(predicted)}；目标是 ${times(goal, 1)}。`,
  },
} satisfies Record<Lang, unknown>;

/** The bench table's rows of one ladder: where, rung, tokens/s, bytes and reads per token, tokens per pass, the
 *  step measured and modelled, within the tolerance, and why not. */
export function ladderRows(l: BrowserLadder, lang: Lang): string[][] {
  const words = LADDER_WORDS[lang];
  const check = checkBrowserLadder(l);
  return l.rungs.map((r, i) => {
    const c = check.rungs[i];
    return [
      whereIn(l.where, lang),
      rungName(r, shapeOf(r.label))[lang],
      decimal(r.run.tokensPerSecond, 1),
      bytes(r.run.bytesPerToken),
      decimal(r.run.readsPerToken, 1),
      decimal(r.run.tokensPerPass, 2),
      times(c.measured),
      times(c.predicted),
      c.outside ? words.no : words.yes,
      c.outside ? words.why(c) : '—',
    ];
  });
}
