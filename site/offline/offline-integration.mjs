// An Astro integration that, once the site is built, writes sw.js (from site/offline/sw.js) into the output with
// the list of every built file and a version that changes whenever any file does. A deploy therefore installs a
// new service worker, which precaches the new files and waits (see sw.js).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SW_SOURCE = fileURLToPath(new URL('./sw.js', import.meta.url));
const SW_NAME = 'sw.js';

/** Paths of all files under `dir`, relative to it with "/" separators, sorted. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length).replace(/\\/g, '/').replace(/^\//, ''))
    .sort();
}

/** The URL a file is requested by, relative to the site root: "lessons/x/index.html" → "lessons/x/". */
const urlOf = (file) => (file === 'index.html' ? './' : file.replace(/(^|\/)index\.html$/, '$1'));

export function precacheManifest(dir) {
  // _headers (node/deploy-headers.ts) is read by the host, never served.
  const files = filesUnder(dir).filter((file) => file !== SW_NAME && file !== '_headers');
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  // Embed pages are copies of lesson pages (one per figure, in both editions: about 12 MB of HTML) shown inside other
  // sites; they are not precached, so the offline copy holds each lesson once per edition.
  const cached = files.filter((file) => !/^(zh\/)?embed\//.test(file));
  return { version: hash.digest('hex').slice(0, 16), urls: cached.map(urlOf) };
}

export default function offline() {
  return {
    name: 'llm-preliminaries:offline',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { version, urls } = precacheManifest(out);
        const source = readFileSync(SW_SOURCE, 'utf8')
          .replace("'__VERSION__'", JSON.stringify(version))
          .replace('const FILES = __FILES__;', `const FILES = ${JSON.stringify(urls)};`);
        writeFileSync(join(out, SW_NAME), source);
        logger.info(`${SW_NAME}: ${urls.length} files precached, version ${version}`);
      },
    },
  };
}
