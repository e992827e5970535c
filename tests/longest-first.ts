// The order vitest starts test files in: longest first, across projects. Two workers take files in this order, so
// the long Chromium page passes start at once and the short files fill the gaps, instead of vitest's fallback on a
// fresh clone (project by project, larger files first), which started the longest files last and left one core idle
// at the end. Each file's duration comes from tests/durations.json (refresh it with `npm run test:durations` after
// a full run); a file not listed yet counts as NEW_FILE_SECONDS, or as its last local run when vitest has one.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per test file, relative path → seconds, from a full run (scripts/test-durations.ts). */
const durations: Record<string, number> = JSON.parse(
  readFileSync(new URL('durations.json', import.meta.url), 'utf8'),
).seconds;

/** A file the table does not know yet: about a typical lib file. */
const NEW_FILE_SECONDS = 10;

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification) =>
      durations[relative(root, spec.moduleId)] ??
      (this.ctx.cache.getTestSpecificationResult(spec)?.duration ?? NEW_FILE_SECONDS * 1000) / 1000;
    return files
      .map((spec) => ({ spec, s: seconds(spec) }))
      .sort((a, b) => b.s - a.s)
      .map(({ spec }) => spec);
  }
}
