// The browser half of Share.astro: fills the "Share or embed" panel with links to the widget's current view (and
// hides the ticked controls in them), copies them, and, once per page, says when the address carries settings for
// a figure that is not on this page (they are ignored). Called by WidgetElement once the widget has started.
import { BASE } from '../../base-url.ts';
import { embedSize, iframeSnippet, propRows } from './docs.ts';
import type { WidgetElement } from './element.ts';
import type { Params } from './params.ts';
import { lessonOf, shareQuery, strayState } from './share-link.ts';
import { KIT } from './text.ts';
import { pageLang } from '../../i18n/lang.ts';

/** The id of the last heading before `el`, so a shared link scrolls to the figure's section. */
function anchorBefore(el: Element): string {
  let found = '';
  for (const h of document.querySelectorAll('h2[id], h3[id]')) {
    if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = h.id;
  }
  return found ? `#${found}` : '';
}

export function attachShare<P extends Params>(w: WidgetElement<P>): void {
  noteStrayState();
  const root = w.querySelector(':scope > [data-share]');
  if (!root) return;
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const panel = q<HTMLDetailsElement>('[data-share-panel]');
  const link = q<HTMLInputElement>('[data-share-link]');
  const embed = q<HTMLTextAreaElement>('[data-share-embed]');
  const status = q<HTMLElement>('[data-share-status]');
  const boxes: HTMLInputElement[] = [];
  const makeBoxes = () => {
    if (boxes.length) return;
    const group = q('[data-hide-choices]');
    for (const row of propRows(w.schema, w.lang)) {
      const box = Object.assign(document.createElement('input'), {
        type: 'checkbox',
        value: row.name,
        checked: w.hiddenParams.has(row.name),
      });
      box.dataset.hideChoice = '';
      // Named by URL key (the control's label as tooltip), so no box shares an accessible name with its control.
      const label = Object.assign(document.createElement('label'), { title: row.label });
      label.append(box, ' ', Object.assign(document.createElement('code'), { textContent: `${w.key}.${row.name}` }));
      group.append(label);
      boxes.push(box);
    }
  };
  for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) b.disabled = false;
  const lesson = lessonOf(location.pathname, BASE);
  const t = KIT[w.lang];
  const edition = w.lang === 'en' ? '' : `${w.lang}/`; // links stay in the reader's edition
  for (const el of root.querySelectorAll<HTMLElement>('[data-share-embed-field]')) el.hidden = !lesson;

  const refresh = () => {
    if (!panel.open) return;
    makeBoxes();
    const hide = boxes.filter((b) => b.checked).map((b) => b.value);
    const query = shareQuery(w.schema, w.key, w.values, w.defaults, hide);
    const page = lesson ? `${BASE}${edition}lessons/${lesson}/` : location.pathname;
    link.value = `${location.origin}${page}${query}${lesson ? anchorBefore(w) : ''}`;
    if (lesson)
      embed.value = iframeSnippet(
        `${location.origin}${BASE}${edition}embed/${lesson}/${w.key}/${query}`,
        t.iframeTitle(w.schema.name, document.title),
        embedSize(w.getBoundingClientRect(), root.getBoundingClientRect().height),
      );
  };
  const copy = async (text: string, field: HTMLInputElement | HTMLTextAreaElement, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = t.copied(what);
    } catch {
      field.select(); // no clipboard access (an insecure page, a refusal): the reader copies it by hand
      status.textContent = t.copyFailed(what);
    }
  };
  w.listen(panel, 'toggle', refresh);
  w.listen(w, 'input', () => requestAnimationFrame(refresh)); // any control of the widget, the hide boxes included
  w.listen(w, 'change', () => requestAnimationFrame(refresh));
  w.listen(q('button[data-copy="link"]'), 'click', () => void copy(link.value, link, t.link));
  w.listen(q('button[data-copy="embed"]'), 'click', () => void copy(embed.value, embed, t.embed));
}

let strayChecked = false;

/** Once per page: a note when the address sets state for figures that are not on it. Not inside an embed. */
function noteStrayState(): void {
  if (strayChecked || document.documentElement.classList.contains('embed')) return;
  strayChecked = true;
  const keys = new Set([...document.querySelectorAll<HTMLElement>('[data-key]')].map((el) => el.dataset.key ?? ''));
  const stray = strayState(location.search, keys);
  if (stray.length === 0) return;
  const note = document.createElement('p');
  note.className = 'kit-stray';
  note.setAttribute('role', 'status');
  const t = KIT[pageLang()];
  const list = stray.slice(0, 5).join(', ') + (stray.length > 5 ? t.andMore(stray.length - 5) : '');
  note.textContent = t.stray(list);
  (document.querySelector('.prose') ?? document.querySelector('main'))?.prepend(note);
}
