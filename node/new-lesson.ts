// newLesson, behind `npm run new-lesson` (scripts/new-lesson.ts): start a lesson as lessons/NN-<slug>.mdx, copied from
// lessons/_template.mdx (or from an existing lesson), with its title and order filled in so that it is the last
// lesson of the course. NN is one more than the highest number in lessons/. A lesson from the template also gets
// its exercises' answers file, lessons/exercises/NN-<slug>.ts (from lessons/exercises/_template.ts); a fork keeps
// importing the source lesson's until its author writes its own.
// `lang` picks the edition: 'en' (lessons/), 'zh' (lessons/zh/, the same file name) or 'both', the Chinese file a copy
// of the English one for the translator to rewrite (tests/widgets/lessons/editions.test.ts keeps them in step). A
// lesson in Chinese alone starts as a draft: the site publishes a lesson in both editions or not at all.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** "kv-cache-basics" → "Kv cache basics": a starting title the author rewrites. */
const titleFromSlug = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');

/** Replace the first `key:` line of the YAML frontmatter; fails if the file has none. */
function setFrontmatter(mdx: string, key: string, value: string): string {
  const match = /^---\n([\s\S]*?)\n---/.exec(mdx);
  if (!match) throw new Error('the source lesson has no frontmatter (--- … --- at the top)');
  const line = new RegExp(`^${key}:.*$`, 'm');
  const front = line.test(match[1]) ? match[1].replace(line, `${key}: ${value}`) : `${match[1]}\n${key}: ${value}`;
  return mdx.replace(match[0], `---\n${front}\n---`);
}

export type LessonLang = 'en' | 'zh' | 'both';

/** The same MDX one folder deeper (lessons/zh/): every relative import path gains a "../". */
export const inZhFolder = (mdx: string) =>
  mdx.replace(/(from\s+|import\s+)'(\.{1,2})\//g, (_, lead: string, dots: string) =>
    dots === '.' ? `${lead}'../` : `${lead}'../../`,
  );

/** The published lessons' file names (no "_" prefix). */
const lessonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.mdx') && !f.startsWith('_'));

export function newLesson(root: string, slug: string, from?: string, lang: LessonLang = 'en'): string {
  const dir = join(root, 'lessons');
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(slug)) {
    throw new Error(`slug must be lowercase words joined by "-", e.g. "kv-cache"; received ${JSON.stringify(slug)}`);
  }
  const files = lessonFiles(dir);
  if (files.some((f) => f.replace(/^\d+-/, '') === `${slug}.mdx`))
    throw new Error(`a lesson named "${slug}" already exists`);

  let source = join(dir, '_template.mdx');
  if (from !== undefined) {
    const name = basename(from).replace(/\.mdx$/, '');
    const match = files.find((f) => f === `${name}.mdx`) ?? files.find((f) => f.replace(/^\d+-/, '') === `${name}.mdx`);
    if (!match) throw new Error(`--from: no lesson "${from}" in lessons/; there are ${files.join(', ')}`);
    source = join(dir, match);
  }

  const number = Math.max(0, ...files.map((f) => Number(/^(\d+)-/.exec(f)?.[1] ?? 0))) + 1;
  const order =
    Math.max(
      0,
      ...files.map((f) => Number(/^order:\s*([-\d.]+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? 0)),
    ) + 1;
  const target = join(dir, `${String(number).padStart(2, '0')}-${slug}.mdx`);
  if (existsSync(target)) throw new Error(`${target} already exists`);

  let mdx = readFileSync(source, 'utf8');
  const id = basename(target, '.mdx');
  if (from === undefined) {
    mdx = mdx.replace(/^\{\/\* template:[\s\S]*?\*\/\}\n/m, ''); // the template's note to its reader
    const answers = join(dir, 'exercises', `${id}.ts`);
    if (existsSync(answers)) throw new Error(`${answers} already exists`);
    writeFileSync(answers, readFileSync(join(dir, 'exercises', '_template.ts'), 'utf8'));
    mdx = mdx.replace("'./exercises/_template.ts'", `'./exercises/${id}.ts'`);
  }
  mdx = setFrontmatter(mdx, 'title', JSON.stringify(titleFromSlug(slug)));
  mdx = setFrontmatter(mdx, 'order', String(order));
  if (lang !== 'zh') writeFileSync(target, mdx);
  if (lang === 'en') return target;
  const zh = join(dir, 'zh', basename(target));
  if (existsSync(zh)) throw new Error(`${zh} already exists`);
  mkdirSync(join(dir, 'zh'), { recursive: true });
  writeFileSync(zh, inZhFolder(lang === 'zh' ? setFrontmatter(mdx, 'draft', 'true') : mdx));
  return lang === 'zh' ? zh : target;
}

/** The command line of `npm run new-lesson`: one slug, `--from <lesson>`, `--lang en|zh|both`, in any order. */
export function parseNewLessonArgs(args: string[]): { slug: string; from?: string; lang: LessonLang } | undefined {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return { at, value: at >= 0 ? args[at + 1] : undefined };
  };
  const from = option('--from');
  const lang = option('--lang');
  const taken = new Set([from, lang].filter((o) => o.at >= 0).flatMap((o) => [o.at, o.at + 1]));
  const rest = args.filter((_, i) => !taken.has(i));
  const language = lang.value ?? 'en';
  const isLang = (v: string): v is LessonLang => v === 'en' || v === 'zh' || v === 'both';
  if (rest.length !== 1 || (from.at >= 0 && !from.value) || (lang.at >= 0 && !lang.value) || !isLang(language))
    return undefined;
  return { slug: rest[0], ...(from.value ? { from: from.value } : {}), lang: language };
}
