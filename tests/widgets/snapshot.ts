// SVG snapshots for chart helpers, Plot's own practice: the first run writes tests/widgets/snapshots/<name>.html;
// later runs compare. A changed chart fails and writes <name>-changed.html beside the old one, for review: open
// both, and if the new one is right, move it over the old.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, 'snapshots');

/** Markup with one element per line, so a diff points at the mark that moved. */
function pretty(el: Element): string {
  return el.outerHTML.replace(/></g, '>\n<') + '\n';
}

export function expectSnapshot(name: string, el: Element): void {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `${name}.html`);
  const changed = join(DIR, `${name}-changed.html`);
  const now = pretty(el);
  if (!existsSync(path)) {
    writeFileSync(path, now);
    return;
  }
  const before = readFileSync(path, 'utf8');
  if (before === now) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, now);
  expect.fail(`chart "${name}" changed: compare ${path} with ${changed}; move the new one over the old if it is right`);
}
