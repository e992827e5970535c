// The exercises' words in both editions: <Exercises>, <Problem> (build time) and exercises.ts (browser). The
// problems' own questions, hints and solutions are the lessons' MDX, per edition.
import { bilingual } from '../../i18n/text.ts';
import { percent } from '../../widgets/_kit/format.ts';

export type Kind = 'number' | 'experiment' | 'explain';

export const text = bilingual({
  en: {
    sectionLabel: 'Exercises',
    intro:
      'Answers are checked in your browser against values computed from the same library and measurements as the lesson. Your progress stays in this browser only.',
    solutionsHidden: 'Solutions are hidden on this page.',
    needsJs: 'Checking needs JavaScript.',
    print: 'Print problem sheet',
    reset: 'Reset my answers',
    answers: 'Answers',
    kind: { number: 'Calculate', experiment: 'Experiment', explain: 'Explain' } as Record<Kind, string>,
    /** The answer sheet's heading for a problem: "Calculate: Bytes per token". */
    sheetTitle: (kind: string, title: string) => `${kind}: ${title}`,
    yourAnswer: (unit?: string) => `Your answer${unit ? ` (${unit})` : ''}`,
    check: 'Check',
    checkSetting: "Check the widget's setting",
    yourExplanation: 'Your explanation (kept in this browser only)',
    /** The sentence under an answer box that says how close is close enough. */
    tolerance: (tolerance: number) =>
      tolerance === 0
        ? 'Checked exactly.'
        : `Checked to within ±${percent(tolerance, tolerance < 0.01 ? 1 : 0)} of the answer.`,
    readsParam: (param: string) => ` The check reads the widget's ${param} on this page.`,
    hint: (i: number) => `Hint ${i}`,
    modelAnswer: 'Model answer',
    workedSolution: 'Worked solution',
    answerLine: (answer: string) => `Answer: ${answer}`,
    /** Joins the accepted settings of an experiment: "2,2,1 or 3,1,1". */
    or: ' or ',
    selfAsk: 'Did yours say as much?',
    selfRight: 'Mine covered it',
    selfWrong: 'Mine missed something',
    showHint: (n: number, of: number) => `Show hint ${n} of ${of}`,
    showModelAnswer: 'Show the model answer',
    showSolution: 'Show the worked solution',
    anyway: (button: string) => `${button} anyway`,
    progress: (right: number, of: number) => `${right} of ${of} answered right.`,
    cleared: ' Your answers on this page were cleared.',
    statusRight: '✓ right',
    statusWrong: '✗ not yet',
    right: 'Right.',
    tooHigh: 'Not yet: that is too high.',
    tooLow: 'Not yet: that is too low.',
    notIt: 'Not yet: that is not it.',
    unreadable: 'Type a number, digits only (e.g. 1048576 or 2.5e6), without a unit.',
    noWidget: (key: string) => `The widget "${key}" is not on this page.`,
    notStarted: 'The widget has not started yet: scroll to it, try it, then check again.',
    givenOff: (asked: string, has: string) => `Not yet: the problem asks for ${asked}; the widget has ${has}.`,
    /** Separates the settings listed in givenOff. */
    listSeparator: ', ',
    settingRight: (param: string, now: string) => `Right: the widget's ${param} is ${now}.`,
    settingWrong: (param: string, now: string, feedback: string) => `The widget's ${param} is ${now}. ${feedback}`,
    markedRight: 'Marked as right.',
    markedWrong: 'Marked as not yet: try it again in your own words.',
    notTried: 'You have not tried it yet. Press again to see the solution anyway.',
  },
  zh: {
    sectionLabel: '练习',
    intro:
      '答案在你的浏览器中核对，所对照的数值与本课使用同一个库和同一批测量数据计算得出。你的进度只保存在这个浏览器里。',
    solutionsHidden: '本页隐藏了解答。',
    needsJs: '核对答案需要 JavaScript。',
    print: '打印题目',
    reset: '清除我的答案',
    answers: '答案',
    kind: { number: '计算', experiment: '实验', explain: '解释' },
    sheetTitle: (kind: string, title: string) => `${kind}：${title}`,
    yourAnswer: (unit?: string) => `你的答案${unit ? `（${unit}）` : ''}`,
    check: '核对',
    checkSetting: '核对交互组件的设置',
    yourExplanation: '你的解释（只保存在这个浏览器中）',
    tolerance: (tolerance: number) =>
      tolerance === 0
        ? '要求完全一致。'
        : `与答案相差不超过 ±${percent(tolerance, tolerance < 0.01 ? 1 : 0)} 即算正确。`,
    readsParam: (param: string) => `核对时读取本页交互组件的 ${param}。`,
    hint: (i: number) => `提示 ${i}`,
    modelAnswer: '参考答案',
    workedSolution: '详细解答',
    answerLine: (answer: string) => `答案：${answer}`,
    or: ' 或 ',
    selfAsk: '你的回答说到这些了吗？',
    selfRight: '我答到了',
    selfWrong: '我漏了一些',
    showHint: (n: number, of: number) => `显示提示 ${n}/${of}`,
    showModelAnswer: '显示参考答案',
    showSolution: '显示详细解答',
    anyway: (button: string) => `仍然${button}`,
    progress: (right: number, of: number) => `${of} 题中答对 ${right} 题。`,
    cleared: '本页的答案已清除。',
    statusRight: '✓ 正确',
    statusWrong: '✗ 还不对',
    right: '正确。',
    tooHigh: '还不对：偏大了。',
    tooLow: '还不对：偏小了。',
    notIt: '还不对：不是这个。',
    unreadable: '请只输入数字（例如 1048576 或 2.5e6），不要带单位。',
    noWidget: (key: string) => `本页没有交互组件“${key}”。`,
    notStarted: '交互组件还没有启动：请滚动到它那里，试着操作一下，再来核对。',
    givenOff: (asked: string, has: string) => `还不对：题目要求 ${asked}；交互组件当前是 ${has}。`,
    listSeparator: '，',
    settingRight: (param: string, now: string) => `正确：交互组件的 ${param} 是 ${now}。`,
    settingWrong: (param: string, now: string, feedback: string) => `交互组件的 ${param} 是 ${now}。${feedback}`,
    markedRight: '已标记为正确。',
    markedWrong: '已标记为还不对：请再用自己的话试一次。',
    notTried: '你还没有尝试作答。再按一次即可查看解答。',
  },
});
