// npm run new-lesson -- <slug> [--from <lesson>] [--lang en|zh|both]: start lessons/NN-<slug>.mdx from the template
// (or a lesson), with its exercises' answers file, in English, Chinese (lessons/zh/) or both; the work is
// node/new-lesson.ts.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newLesson, parseNewLessonArgs } from '../node/new-lesson.ts';

const USAGE =
  'usage: npm run new-lesson -- <slug> [--from <lesson, e.g. 01-three-views-of-xw>] [--lang en|zh|both (default en)]';

const parsed = parseNewLessonArgs(process.argv.slice(2));
if (!parsed) {
  console.error(USAGE);
  process.exit(2);
}
const { slug, from, lang } = parsed;
try {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const file = newLesson(root, slug, from, lang);
  const id = basename(file, '.mdx');
  const page = lang === 'zh' ? `zh/lessons/${id}/ (a draft: npm run dev shows it)` : `lessons/${id}/`;
  console.log(`created ${file.slice(root.length)}\npreview: npm start, then http://localhost:4321/${page}`);
} catch (err) {
  console.error(`new-lesson: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(1);
}
