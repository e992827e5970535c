// What the tests expect to find in the built site, read from the source of truth: dist/ and lessons/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every page in the build as a site path ("/", "/lessons/x/"), from dist/**\/index.html. */
export function builtPages(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.html' || file.endsWith('/index.html'))
    .map((file) => '/' + file.replace(/index\.html$/, ''))
    .sort();
}

export interface LessonFile {
  /** Path from the repository root, e.g. "lessons/01-tokens.mdx". */
  file: string;
  /** URL of its page, e.g. "/lessons/01-tokens/". */
  url: string;
  order: number;
  /** How many papers its frontmatter `sources` lists. */
  sources: number;
}

/** Published lessons of an edition (no `_` prefix, not drafts) in course order, from their frontmatter. */
export function publishedLessons(root: string, edition: 'en' | 'zh' = 'en'): LessonFile[] {
  const folder = edition === 'en' ? 'lessons' : 'lessons/zh';
  const prefix = edition === 'en' ? '' : '/zh';
  const dir = join(root, folder);
  if (!existsSync(dir)) return []; // git keeps no empty folder; the tests then fail on "no lessons" instead
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
    .map((name) => {
      const frontmatter = readFileSync(join(dir, name), 'utf8').split(/^---$/m)[1] ?? '';
      const order = Number(/^order:\s*([-\d.]+)/m.exec(frontmatter)?.[1]);
      const draft = /^draft:\s*true/m.test(frontmatter);
      const sources = frontmatter.match(/^\s*-\s*arxiv:/gm)?.length ?? 0;
      return {
        file: `${folder}/${name}`,
        url: `${prefix}/lessons/${name.replace(/\.mdx$/, '').toLowerCase()}/`,
        order,
        sources,
        draft,
      };
    })
    .filter((lesson) => !lesson.draft)
    .sort((a, b) => a.order - b.order)
    .map(({ draft, ...lesson }) => lesson);
}
