// SiteStorage's words in both editions (the component on /model/ and its helper site-storage.ts). Store names
// (Cache Storage, Origin Private File System, localStorage) are the browsers' own and stay as they are.
import { bilingual } from '../i18n/text.ts';

export const text = bilingual({
  en: {
    title: 'Storage used by this site',
    notMeasured: 'Not measured yet: this needs JavaScript.',
    clear: 'Clear everything this site stored',
    unknown: 'This browser does not say how much it stores for the site.',
    usage: (usage: string, quota: string | null) =>
      `This browser keeps ${usage} for this site${quota ? ` (of ${quota} it would allow)` : ''}.`,
    clearing: 'Clearing…',
    clearedExcept: (problems: string[]) => `Cleared, except: ${problems.join('; ')}.`,
    cleared: 'Cleared. The site downloads what it needs again; offline reading is set up again on your next visit.',
    offlineCopy: 'the offline copy of the site',
    models: 'downloaded models and data',
    aCache: 'a cache',
    cache: (name: string, what: string, files: number) =>
      `Cache Storage “${name}”, ${what}: ${files} ${files === 1 ? 'file' : 'files'}`,
    opfsFile: (name: string, size: string | null) =>
      `File “${name}” in the Origin Private File System${size === null ? '' : `: ${size}`}`,
    settings: (n: number) => `localStorage: ${n} ${n === 1 ? 'remembered setting' : 'remembered settings'}`,
    serviceWorker: 'the offline service worker',
    fileOpen: (name: string) => `“${name}” is open in another tab or a running widget`,
  },
  zh: {
    title: '本站使用的存储空间',
    notMeasured: '尚未测量：这需要 JavaScript。',
    clear: '清除本站存储的全部内容',
    unknown: '这个浏览器没有告知它为本站存储了多少数据。',
    usage: (usage: string, quota: string | null) =>
      `这个浏览器为本站保存了 ${usage}${quota ? `（上限为 ${quota}）` : ''}。`,
    clearing: '正在清除…',
    clearedExcept: (problems: string[]) => `已清除，但以下内容除外：${problems.join('；')}。`,
    cleared: '已清除。本站会重新下载所需的文件；下次访问时会重新设置离线阅读。',
    offlineCopy: '本站的离线副本',
    models: '已下载的模型和数据',
    aCache: '一个缓存',
    cache: (name: string, what: string, files: number) => `Cache Storage“${name}”，${what}：${files} 个文件`,
    opfsFile: (name: string, size: string | null) =>
      `Origin Private File System 中的文件“${name}”${size === null ? '' : `：${size}`}`,
    settings: (n: number) => `localStorage：${n} 项记住的设置`,
    serviceWorker: '离线 service worker',
    fileOpen: (name: string) => `“${name}”正在另一个标签页或运行中的交互组件里打开`,
  },
});
