// Words in both editions, declared side by side: `bilingual({ en: {...}, zh: {...} })` checks that the Chinese
// table has exactly the English one's keys and function signatures (a string missing in one language is a type
// error), and `textFor` picks the table of the page being rendered.
import type { Lang } from './lang.ts';
import { langOfPath } from './lang.ts';

export type Bilingual<S> = Readonly<Record<Lang, S>>;

/** Both editions' words for one component: the Chinese must have the English's shape. */
export const bilingual = <S>(text: { en: S; zh: NoInfer<S> }): Bilingual<S> => text;

/** The edition an Astro component renders for, from the page's URL (embed pages are copies of lesson pages). */
export const langOf = (astro: { url: URL }): Lang => langOfPath(astro.url.pathname);
