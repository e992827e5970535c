// An Astro integration that writes /embed/<lesson>/<widget-key>/ (and /zh/embed/… for the Chinese edition) for
// every widget of every built lesson: the lesson's page with data-embed="<widget-key>" on <html>, which makes it show
// that one widget alone, with no page chrome (site/embed/EmbedMode.astro does the rest in the browser). A widget is
// any element carrying data-key, the urlKey its shell renders, so a new widget gets its embed page with no change.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The widget keys on a built page, in page order: <tag-name class="widget …" data-key="vecmat">. */
export function widgetKeys(html) {
  const keys = [...html.matchAll(/<[a-z][a-z0-9]*-[a-z0-9-]+\b[^>]*\sdata-key="([a-z][a-z0-9-]*)"/g)].map((m) => m[1]);
  return [...new Set(keys)];
}

export default function embedPages() {
  return {
    name: 'llm-preliminaries:embed-pages',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        let count = 0;
        // Each edition's lessons get their embeds beside them: lessons/ → embed/, zh/lessons/ → zh/embed/.
        for (const edition of ['', 'zh/']) {
          const lessonsDir = join(out, `${edition}lessons`);
          if (!existsSync(lessonsDir)) continue;
          for (const lesson of readdirSync(lessonsDir)) {
            const page = join(lessonsDir, lesson, 'index.html');
            if (!existsSync(page)) continue;
            const html = readFileSync(page, 'utf8');
            for (const key of widgetKeys(html)) {
              const target = join(out, `${edition}embed`, lesson, key);
              mkdirSync(target, { recursive: true });
              const embedded = html
                .replace(/<html\b([^>]*)>/, `<html$1 data-embed="${key}">`)
                .replace('<head>', '<head><meta name="robots" content="noindex" />')
                // The hreflang alternates and the language switch name this embed in the other edition (EmbedHead's
                // ?lang= follows the alternates); the link back to the lesson stays.
                .replace(/<(?:link rel="alternate"|a\b[^>]*\bdata-lang-switch)[^>]*>/g, (tag) =>
                  tag.replace(`/lessons/${lesson}/"`, `/embed/${lesson}/${key}/"`),
                );
              writeFileSync(join(target, 'index.html'), embedded);
              count++;
            }
          }
        }
        logger.info(`${count} embed pages under embed/`);
      },
    },
  };
}
