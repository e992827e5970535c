// A button that disables itself while its job runs ("Run", "Measure this device") would drop keyboard focus to
// <body>, and a keyboard reader would have to tab from the top of the page again. keepFocus() watches a widget: when
// the control that has focus becomes disabled, focus moves to a sensible place inside the same widget: the first
// enabled button (usually Stop), else the widget's result summary, which is made focusable for that.
const FOCUSABLE = 'button:not([disabled]):not([hidden]), input:not([disabled]):not([type="hidden"])';

/** Keeps focus inside `root` when its focused control is disabled; returns a function that stops watching. */
export function keepFocus(root: HTMLElement): () => void {
  let focused: Element | null = null;
  const onFocusIn = (e: FocusEvent) => {
    focused = e.target as Element;
  };
  root.addEventListener('focusin', onFocusIn);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLButtonElement;
      if (el !== focused || !el.disabled) continue;
      const active = document.activeElement;
      if (active && active !== el && active !== document.body) continue; // the reader has moved on already
      const next =
        [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].find((c) => c !== el && c.offsetParent !== null) ??
        root.querySelector<HTMLElement>('[data-summary]') ??
        root;
      if (!next.matches(FOCUSABLE) && !next.hasAttribute('tabindex')) next.tabIndex = -1;
      next.focus({ preventScroll: true });
      focused = next;
    }
  });
  observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
