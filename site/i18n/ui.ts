// The site's own words around the lessons (header, footer, table of contents, lesson chrome, home, 404,
// glossary), in both editions. Widgets keep their words in their own folders; lessons are MDX files per edition.
import { bilingual } from './text.ts';

export const UI = bilingual({
  en: {
    siteTitle: 'LLM Preliminaries',
    siteDescription: 'Interactive notebooks on how large language models run efficiently.',
    skipLink: 'Skip to content',
    navLabel: 'Site',
    nav: { lessons: 'Lessons', model: 'The model', widgets: 'Widgets', bench: 'Bench', glossary: 'Glossary' },
    languageLabel: 'Language',
    /** The switch's text names the other edition in its own language; this is its accessible name. */
    switchTo: 'Read this page in Chinese',
    footer: 'everything on this site runs in your browser, from this site alone.',
    themeToDark: 'Switch to dark theme',
    themeToLight: 'Switch to light theme',
    tocTitle: 'On this page',
    sources: 'Sources',
    prevNextLabel: 'Previous and next lesson',
    previous: 'Previous',
    next: 'Next',
    forkBefore: 'Fork this lesson',
    forkAfter: ': it is one MDX file,',
    embedBack: (title: string) => `Open this figure in “${title}”`,
    /** Read by an inline script: {want} and {keys} are filled in there. */
    embedMissing: 'There is no figure "{want}" to embed on this page, so here is the whole lesson.',
    embedKeys: 'Its figures: {keys}.',
    embedNoFigures: 'It has no interactive figures.',
    home: {
      intro:
        'Each lesson is a notebook: prose, equations and live figures computed in your browser by a small TypeScript library. Change a number and watch the cost move.',
      lessons: 'Lessons',
    },
    notFound: {
      title: 'Page not found',
      body: 'There is nothing at this address. The',
      link: 'list of lessons',
      after: 'is a good place to start.',
    },
    glossary: {
      title: 'Glossary',
      intro:
        'The terms the lessons use, with the Chinese edition’s words beside them. Each links to the lesson that introduces it.',
      term: 'Term',
      other: 'Chinese',
      meaning: 'Meaning',
      lesson: 'Introduced in',
    },
  },
  zh: {
    siteTitle: 'LLM Preliminaries',
    siteDescription: '交互式笔记：大语言模型如何高效运行。',
    skipLink: '跳到正文',
    navLabel: '站点',
    nav: { lessons: '课程', model: '模型', widgets: '交互组件', bench: '基准测试', glossary: '术语表' },
    languageLabel: '语言',
    switchTo: 'Read this page in English',
    footer: '本站的一切都在你的浏览器中运行，所用文件全部来自本站。',
    themeToDark: '切换到深色主题',
    themeToLight: '切换到浅色主题',
    tocTitle: '本页目录',
    sources: '参考文献',
    prevNextLabel: '上一课与下一课',
    previous: '上一课',
    next: '下一课',
    forkBefore: '复刻本课',
    forkAfter: '：它只是一个 MDX 文件，',
    embedBack: (title: string) => `在《${title}》中打开此图`,
    embedMissing: '本页没有可嵌入的图“{want}”，因此这里显示整篇课程。',
    embedKeys: '本页的图：{keys}。',
    embedNoFigures: '本页没有交互图。',
    home: {
      intro:
        '每一课都是一本笔记：文字、公式，以及由一个小型 TypeScript 库在你的浏览器中实时计算的图。改动一个数字，看代价如何变化。',
      lessons: '课程',
    },
    notFound: {
      title: '页面不存在',
      body: '这个地址上没有内容。可以从',
      link: '课程列表',
      after: '开始。',
    },
    glossary: {
      title: '术语表',
      intro: '课程中用到的术语，中英对照。每个术语都链接到首次介绍它的那一课。',
      term: '术语',
      other: '英文',
      meaning: '含义',
      lesson: '首次出现',
    },
  },
});
