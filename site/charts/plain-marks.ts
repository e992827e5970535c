// Plot labels every mark's <g> with aria-label ("line", "dot", "rule"). A <g> has no role, so axe reports those as
// prohibited ARIA attributes; the chart's own ariaLabel/ariaDescription on the <svg> (and the widget's aria-live
// summary) already say what the figure shows. plainMarks removes the per-mark labels and returns the figure.
export function plainMarks<T extends Element>(figure: T): T {
  for (const g of figure.querySelectorAll('g[aria-label], g[aria-description]')) {
    g.removeAttribute('aria-label');
    g.removeAttribute('aria-description');
  }
  return figure;
}
