// The published lessons in course order: the one place that decides which lessons exist and in what order.
import { getCollection, type CollectionEntry } from 'astro:content';
import { withBase } from './base-url.ts';

export type Lesson = CollectionEntry<'lessons'>;

/** Lessons sorted by `order`; drafts only in the dev server. Two lessons with one `order` fail the build. */
export async function getLessons(): Promise<Lesson[]> {
  const all = await getCollection('lessons', ({ data }) => import.meta.env.DEV || !data.draft);
  all.sort((a, b) => a.data.order - b.data.order);
  all.forEach((lesson, i) => {
    const prev = all[i - 1];
    if (prev && prev.data.order === lesson.data.order) {
      throw new Error(`lessons: order ${lesson.data.order} is used by both "${prev.id}" and "${lesson.id}"`);
    }
  });
  return all;
}

export const lessonUrl = (lesson: Lesson) => withBase(`/lessons/${lesson.id}/`);
