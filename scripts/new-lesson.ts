// npm run new-lesson -- <slug> [--from <lesson>]: start lessons/NN-<slug>.mdx from the template (or a lesson), with
// its exercises' answers file; the work is node/new-lesson.ts.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newLesson } from '../node/new-lesson.ts';

const USAGE = 'usage: npm run new-lesson -- <slug> [--from <lesson, e.g. 01-three-views-of-xw>]';

const args = process.argv.slice(2);
const fromAt = args.indexOf('--from');
const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
const rest = args.filter((_, i) => fromAt < 0 || (i !== fromAt && i !== fromAt + 1));
if (rest.length !== 1 || (fromAt >= 0 && !from)) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const file = newLesson(root, rest[0], from);
  const id = basename(file, '.mdx');
  console.log(`created ${file.slice(root.length)}\npreview: npm start, then http://localhost:4321/lessons/${id}/`);
} catch (err) {
  console.error(`new-lesson: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(1);
}
