// npm run new-lesson -- <slug> [--from <lesson>] [--lang en|zh|both]: start lessons/NN-<slug>.mdx from the template
// (or a lesson), with its exercises' answers file, in English, Chinese (lessons/zh/) or both; the work is
// node/new-lesson.ts.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LessonLang, newLesson } from '../node/new-lesson.ts';

const USAGE =
  'usage: npm run new-lesson -- <slug> [--from <lesson, e.g. 01-three-views-of-xw>] [--lang en|zh|both (default en)]';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return { at, value: at >= 0 ? args[at + 1] : undefined };
};
const fromOpt = option('--from');
const langOpt = option('--lang');
const from = fromOpt.value;
const lang = langOpt.value ?? 'en';
const taken = new Set([fromOpt.at, fromOpt.at + 1, langOpt.at, langOpt.at + 1].filter((i) => i >= 0));
const rest = args.filter((_, i) => !taken.has(i));
const isLang = (v: string): v is LessonLang => v === 'en' || v === 'zh' || v === 'both';
if (rest.length !== 1 || (fromOpt.at >= 0 && !from) || !isLang(lang)) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const file = newLesson(root, rest[0], from, lang);
  const id = basename(file, '.mdx');
  const page = lang === 'zh' ? `zh/lessons/${id}/ (a draft: npm run dev shows it)` : `lessons/${id}/`;
  console.log(`created ${file.slice(root.length)}\npreview: npm start, then http://localhost:4321/${page}`);
} catch (err) {
  console.error(`new-lesson: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(1);
}
