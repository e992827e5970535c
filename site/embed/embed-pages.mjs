// An Astro integration that writes /embed/<lesson>/<widget-key>/ (and /zh/embed/… for the Chinese edition) for
// every widget of every built lesson: the lesson's page with data-embed="<widget-key>" on <html>, which makes it show
// that one widget alone, with no page chrome (site/embed/EmbedMode.astro does the rest in the browser), and cut down
// to that widget (oneWidget below). A widget is any element carrying data-key, the urlKey its shell renders, so a
// new widget gets its embed page with no change.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'parse5';

/** The widget keys on a built page, in page order: <tag-name class="widget …" data-key="vecmat">. */
export function widgetKeys(html) {
  const keys = [...html.matchAll(/<[a-z][a-z0-9]*-[a-z0-9-]+\b[^>]*\sdata-key="([a-z][a-z0-9-]*)"/g)].map((m) => m[1]);
  return [...new Set(keys)];
}

/** Every element under `node`, depth first. */
function* elements(node) {
  for (const child of node.childNodes ?? []) {
    if (child.tagName) yield child;
    yield* elements(child);
  }
}
const attr = (node, name) => node.attrs?.find((a) => a.name === name)?.value;
const hasClass = (node, name) => (attr(node, 'class') ?? '').split(/\s+/).includes(name);
const isWidget = (node) => attr(node, 'data-key') !== undefined && (hasClass(node, 'widget') || hasClass(node, 'kit'));
const find = (node, match) => elements(node).find(match);

/**
 * A lesson page cut down to the widget `key`: the lesson's prose holds that widget's element alone (as
 * EmbedMode.astro would leave it), with no table of contents before it, followed by the prose's module scripts but those of the other widgets, so an embed
 * parses, lays out and runs one widget, not a lesson. (Astro writes a component's script once, right after its first
 * element: a script that follows another widget of a kind not kept is that widget's.) Every other byte stays as
 * built: the deploy's Content-Security-Policy hashes the inline scripts. The page comes back whole for a key that is
 * not a widget of its prose. (Parsed once per lesson: `oneWidget(html)` returns the cut for each key.)
 */
export const oneWidget = (html) => {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  return (key) => cut(html, doc, key);
};

function cut(html, doc, key) {
  const lesson = find(doc, (n) => n.tagName === 'article' && hasClass(n, 'lesson'));
  const prose = lesson && find(lesson, (n) => hasClass(n, 'prose'));
  const widget = prose && find(prose, (n) => isWidget(n) && attr(n, 'data-key') === key);
  if (!widget) return html;
  const kinds = new Set([widget.tagName, ...elements(widget).map((n) => n.tagName)]);
  const source = (n) => html.slice(n.sourceCodeLocation.startOffset, n.sourceCodeLocation.endOffset);
  const scripts = elements(prose).filter((n) => {
    if (n.tagName !== 'script' || attr(n, 'type') !== 'module') return false;
    const siblings = n.parentNode.childNodes.filter((c) => c.tagName);
    const before = siblings[siblings.indexOf(n) - 1];
    return !(before && isWidget(before) && before !== widget && !kinds.has(before.tagName));
  });
  const { startTag, endTag } = prose.sourceCodeLocation;
  // The table of contents goes too: its links name headings the embed no longer has.
  const toc = find(lesson, (n) => n.tagName === 'nav' && hasClass(n, 'toc'))?.sourceCodeLocation;
  const before = html.slice(0, startTag.endOffset);
  return [
    toc ? before.slice(0, toc.startOffset) + before.slice(toc.endOffset) : before,
    source(widget),
    ...scripts.map(source),
    html.slice(endTag.startOffset),
  ].join('');
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
            const cutTo = oneWidget(html);
            for (const key of widgetKeys(html)) {
              const target = join(out, `${edition}embed`, lesson, key);
              mkdirSync(target, { recursive: true });
              const embedded = cutTo(key)
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
