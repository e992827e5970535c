// The kit's own words in both editions: the Share panel, error lines, and the notes about settings read from the
// page's address. A widget's words live in its own folder's text.ts; these are the ones every widget shares.
import { bilingual } from '../../i18n/text.ts';

/** `q`: a value as written in a note (quoted, shortened); `n`: a number as written in a note. */
type Q = string;

export const KIT = bilingual({
  en: {
    /** Where a number comes from, on its badge: every widget and <Stat> says it in these words. */
    badge: { measured: 'measured on our model', paper: 'from the paper', modelled: 'modelled' },
    about: 'About this figure',
    shareOrEmbed: 'Share or embed',
    hideInLink: 'Hide in the link',
    linkNow: 'Link to this figure as it is now',
    copyLink: 'Copy link',
    embedCode: 'Embed code (an iframe, 600 × 400)',
    copyEmbed: 'Copy embed code',
    link: 'Link',
    embed: 'Embed code',
    copied: (what: string) => `${what} copied.`,
    copyFailed: (what: string) =>
      `Could not copy automatically: the ${what.toLowerCase()} is selected, press Ctrl+C (⌘C).`,
    iframeTitle: (widget: string, page: string) => `${widget}, from ${page}`,
    stray: (list: string) =>
      `This link has settings for a figure that is not on this page (${list}); they were ignored.`,
    andMore: (n: number) => ` and ${n} more`,
    couldNotCompute: 'Could not compute',
    couldNotDraw: 'Could not draw the chart',
    notes: {
      tooLong: (name: string, length: number) => `Ignored ${name}: the value is ${length} characters long.`,
      notNumber: (name: string, raw: Q, integer: boolean, min: number, max: number) =>
        `Ignored ${name}=${raw}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`,
      adjusted: (name: string, raw: Q, why: string) => `${name}=${raw} is ${why}.`,
      rounded: (v: string) => `rounded to ${v}`,
      belowMin: (v: string) => `below the minimum, so ${v} is used`,
      aboveMax: (v: string) => `above the maximum, so ${v} is used`,
      notChoice: (name: string, raw: Q, values: string) => `Ignored ${name}=${raw}: expected one of ${values}.`,
      notBool: (name: string, raw: Q) => `Ignored ${name}=${raw}: expected true or false.`,
      blank: (name: string, min: number) =>
        `Ignored ${name}: expected at least ${min} non-blank character${min === 1 ? '' : 's'}.`,
      cut: (name: string, length: string, max: number) =>
        `${name} has ${length} characters; a link keeps at most ${max}, so only the first ${max} are used.`,
      notList: (name: string, raw: Q, count: number | undefined, min: number, max: number) =>
        `Ignored ${name}=${raw}: expected ${count !== undefined ? `${count} ` : ''}comma-separated numbers from ${min} to ${max}.`,
      wrongCount: (name: string, raw: Q, count: number, min: number, max: number, found: number) =>
        `Ignored ${name}=${raw}: expected ${count} comma-separated numbers from ${min} to ${max}, found ${found}.`,
      listChanges: (name: string, raw: Q, changes: string[]) => `${name}=${raw}: ${changes.join('; ')}.`,
      emptyDropped: 'empty entries were dropped',
      firstOnly: (max: number) => `only the first ${max} are used`,
      listFitted: (integer: boolean, min: number, max: number) =>
        `entries were ${integer ? 'rounded or clamped' : 'clamped'} to the range ${min} to ${max}`,
      repeatsDropped: 'repeats were dropped',
      unknown: (key: Q, known: string) => `Ignored unknown setting ${key}; known: ${known}.`,
      repeated: (key: string, times: number) => `${key} appears ${times} times; the last one is used.`,
      hideTooLong: (length: number) => `Ignored hide: the value is ${length} characters long.`,
      cannotHide: (item: Q, hideable: string) => `Cannot hide ${item}: no such control; hideable: ${hideable}.`,
    },
  },
  zh: {
    badge: { measured: '在我们的模型上实测', paper: '来自论文', modelled: '建模估计' },
    about: '关于此图',
    shareOrEmbed: '分享或嵌入',
    hideInLink: '在链接中隐藏',
    linkNow: '指向此图当前状态的链接',
    copyLink: '复制链接',
    embedCode: '嵌入代码（iframe，600 × 400）',
    copyEmbed: '复制嵌入代码',
    link: '链接',
    embed: '嵌入代码',
    copied: (what: string) => `${what}已复制。`,
    copyFailed: (what: string) => `无法自动复制：${what}已选中，请按 Ctrl+C（⌘C）。`,
    iframeTitle: (widget: string, page: string) => `${widget}，来自 ${page}`,
    stray: (list: string) => `此链接包含本页没有的图的设置（${list}），已忽略。`,
    andMore: (n: number) => ` 等另外 ${n} 项`,
    couldNotCompute: '无法计算',
    couldNotDraw: '无法绘制图表',
    notes: {
      tooLong: (name: string, length: number) => `已忽略 ${name}：该值长达 ${length} 个字符。`,
      notNumber: (name: string, raw: Q, integer: boolean, min: number, max: number) =>
        `已忽略 ${name}=${raw}：应为 ${min} 到 ${max} 之间的${integer ? '整数' : '数'}。`,
      adjusted: (name: string, raw: Q, why: string) => `${name}=${raw}：${why}。`,
      rounded: (v: string) => `已取整为 ${v}`,
      belowMin: (v: string) => `低于最小值，改用 ${v}`,
      aboveMax: (v: string) => `高于最大值，改用 ${v}`,
      notChoice: (name: string, raw: Q, values: string) => `已忽略 ${name}=${raw}：应为 ${values} 之一。`,
      notBool: (name: string, raw: Q) => `已忽略 ${name}=${raw}：应为 true 或 false。`,
      blank: (name: string, min: number) => `已忽略 ${name}：至少需要 ${min} 个非空白字符。`,
      cut: (name: string, length: string, max: number) =>
        `${name} 有 ${length} 个字符；链接最多保留 ${max} 个，因此只使用前 ${max} 个。`,
      notList: (name: string, raw: Q, count: number | undefined, min: number, max: number) =>
        `已忽略 ${name}=${raw}：应为${count !== undefined ? ` ${count} 个` : ''}以逗号分隔、介于 ${min} 到 ${max} 之间的数。`,
      wrongCount: (name: string, raw: Q, count: number, min: number, max: number, found: number) =>
        `已忽略 ${name}=${raw}：应为 ${count} 个以逗号分隔、介于 ${min} 到 ${max} 之间的数，实际有 ${found} 个。`,
      listChanges: (name: string, raw: Q, changes: string[]) => `${name}=${raw}：${changes.join('；')}。`,
      emptyDropped: '已去掉空项',
      firstOnly: (max: number) => `只使用前 ${max} 项`,
      listFitted: (integer: boolean, min: number, max: number) =>
        `各项已${integer ? '取整或截断' : '截断'}到 ${min} 到 ${max} 的范围内`,
      repeatsDropped: '已去掉重复项',
      unknown: (key: Q, known: string) => `已忽略未知设置 ${key}；可用的设置：${known}。`,
      repeated: (key: string, times: number) => `${key} 出现了 ${times} 次；使用最后一次的值。`,
      hideTooLong: (length: number) => `已忽略 hide：该值长达 ${length} 个字符。`,
      cannotHide: (item: Q, hideable: string) => `无法隐藏 ${item}：没有这个控件；可隐藏的有：${hideable}。`,
    },
  },
});
