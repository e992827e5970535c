// Stat's words in both editions: the badge that says where a number comes from. The number itself (statText) and the
// unit the author wrote are the same in both; the build errors for authors stay in English.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';

export const text = bilingual({
  en: {
    badge: KIT.en.badge,
    /** Between the badge and its citation: "from the paper, 2312.12456 Fig. 4". */
    beforeCite: ', ',
  },
  zh: {
    badge: KIT.zh.badge,
    beforeCite: '，',
  },
});
