// Lesson 9's models read from public/models in Node (tests and `npm run bench`, lib/capstone/models.ts does the
// loading); and the flash back end Node has, a file.
import { join } from 'node:path';
import { loadCapstoneModels as loadFrom } from '../lib/capstone/models.ts';
import { NodeFileStorage } from '../lib/storage/node-file.ts';
import { MODELS_DIR, readFromDisk } from './model-files.ts';

export { INT4_MODEL } from '../lib/capstone/models.ts';

/** The models from public/models, plus the tfjs ones they came from (dispose them). */
export const loadCapstoneModels = () => loadFrom(MODELS_DIR, readFromDisk);

/** Flash in Node: one file per store in `dir` (the OS page cache holds it, so reads are an upper bound). */
export const fileFlash = (dir: string) => (key: string) =>
  new NodeFileStorage(join(dir, `${key}.bin`), { truncate: true });
