// Start a widget's work when it comes near the viewport, not at page load.

/**
 * Call `start` once, when `el` is within `rootMargin` of the viewport (at once where IntersectionObserver is
 * missing). Returns a function that cancels the wait.
 */
export function whenNear(el: Element, start: () => void, rootMargin = '300px'): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    start();
    return () => {};
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        start();
      }
    },
    { rootMargin },
  );
  io.observe(el);
  return () => io.disconnect();
}

/** True when the reader asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
