// The lessons, one collection per edition: every lessons/*.mdx file is an English lesson and every lessons/zh/*.mdx
// file its Chinese edition, under the same file name; files starting with `_` are not published.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** A paper the lesson draws on, cited by its arXiv id. */
const source = z.object({
  /** arXiv identifier without version, e.g. "2312.11514". */
  arxiv: z.string().regex(/^\d{4}\.\d{4,5}$/, 'expected an arXiv id like "2312.11514"'),
  /** Version cited, e.g. "v3"; omit to link the latest. */
  version: z
    .string()
    .regex(/^v\d+$/, 'expected a version like "v2"')
    .optional(),
  /** The paper's title, shown in the Sources list. */
  title: z.string(),
  /** What the lesson takes from it, e.g. "§3.1, the sliding window". */
  note: z.string().optional(),
});

const schema = z.object({
  /** Lesson title, shown as the page heading and in the lesson list. */
  title: z.string(),
  /** One or two sentences saying what the reader will learn; shown under the title and on the index. */
  summary: z.string(),
  /** Position in the course; lessons are listed and linked prev/next by ascending order. */
  order: z.number(),
  /** Papers cited by the lesson, rendered as a Sources section at the end. */
  sources: z.array(source).default([]),
  /** A draft shows in `npm run dev` but is left out of `npm run build` (and so of `npm start`). */
  draft: z.boolean().default(false),
});

const lessons = defineCollection({ loader: glob({ base: './lessons', pattern: '[!_]*.mdx' }), schema });
const lessonsZh = defineCollection({ loader: glob({ base: './lessons/zh', pattern: '[!_]*.mdx' }), schema });

export const collections = { lessons, lessonsZh };
