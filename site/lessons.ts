// The published lessons in course order: the one place that decides which lessons exist, in what order, and in
// which editions. A Chinese lesson is lessons/zh/<same file name>.mdx (tests/lessons/editions.test.ts keeps the two
// in step).
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Lang } from './i18n/lang.ts';
import { editionParams, inLang } from './i18n/lang.ts';

export type Lesson = CollectionEntry<'lessons'> | CollectionEntry<'lessonsZh'>;

const COLLECTION = { en: 'lessons', zh: 'lessonsZh' } as const;

/** The edition a lesson entry is written in. */
export const lessonLang = (lesson: Lesson): Lang => (lesson.collection === 'lessonsZh' ? 'zh' : 'en');

/** One edition's lessons sorted by `order`; drafts only in the dev server. Two lessons with one `order` fail. */
export async function getLessons(lang: Lang = 'en'): Promise<Lesson[]> {
  const all: Lesson[] = await getCollection(COLLECTION[lang], ({ data }) => import.meta.env.DEV || !data.draft);
  all.sort((a, b) => a.data.order - b.data.order);
  all.forEach((lesson, i) => {
    const prev = all[i - 1];
    if (prev && prev.data.order === lesson.data.order) {
      throw new Error(`lessons: order ${lesson.data.order} is used by both "${prev.id}" and "${lesson.id}"`);
    }
  });
  return all;
}

/** Static paths for both editions' lesson pages (site/pages/[...lang]/lessons/[slug].astro), with neighbours. */
export async function lessonPaths() {
  const paths = await Promise.all(
    editionParams().map(async ({ lang }) => {
      const lessons = await getLessons(lang ?? 'en');
      return lessons.map((lesson, i) => ({
        params: { lang, slug: lesson.id },
        props: { lesson, prev: lessons[i - 1], next: lessons[i + 1] },
      }));
    }),
  );
  return paths.flat();
}

export const lessonUrl = (lesson: Lesson) => inLang(lessonLang(lesson), `/lessons/${lesson.id}/`);
