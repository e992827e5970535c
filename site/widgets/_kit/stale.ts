// Stale figures. A widget whose numbers come from a button (Run, Race, Measure) cannot recompute on every input, so
// when an input changes it marks its figures stale until the button is pressed: the host gets data-stale, frame.css
// dims every [data-out], [data-chart] and .kit-stats value, and the progress line says why and which button updates
// them. Tests read host.dataset.stale.
//
//   this.bind('window', () => markStale(this, 'Press Run to measure this window.'));
//   // …in the Run job's done(): clearStale(this);

/** A widget's host element (only what this file touches). */
type Host = Pick<HTMLElement, 'dataset' | 'querySelector'>;

/** Mark the host's figures stale, with a sentence naming the button that brings them up to date. */
export function markStale(host: Host, why: string): void {
  host.dataset.stale = 'true';
  const line = host.querySelector<HTMLElement>('[data-progress]');
  if (line) {
    line.textContent = why;
    line.title = why;
  }
}

/** The figures now come from the current inputs. */
export function clearStale(host: Host): void {
  delete host.dataset.stale;
}

export function isStale(host: Host): boolean {
  return host.dataset.stale === 'true';
}
