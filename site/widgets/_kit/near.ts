// When a widget starts: once it comes near the viewport, so a long lesson does not compute every figure on load.

/** How close to the viewport (CSS pixels, above or below) a widget starts. */
export const NEAR_PX = 300;

/** Start `start` once `el` is within `margin` of the viewport (at once without IntersectionObserver). Returns a cancel. */
export function whenNear(el: Element, start: () => void, margin = `${NEAR_PX}px`): () => void {
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
    { rootMargin: margin },
  );
  io.observe(el);
  return () => io.disconnect();
}
