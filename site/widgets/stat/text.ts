// Stat's words in both editions: the badge that says where a number comes from. The number itself (statText) and the
// unit the author wrote are the same in both; the build errors for authors stay in English.
import { bilingual } from '../../i18n/text.ts';

export const text = bilingual({
  en: {
    badge: { measured: 'measured on our model', paper: 'from the paper', modelled: 'modelled' },
    /** Between the badge and its citation: "from the paper, 2312.12456 Fig. 4". */
    beforeCite: ', ',
  },
  zh: {
    badge: { measured: '在我们的模型上实测', paper: '来自论文', modelled: '建模' },
    beforeCite: '，',
  },
});
