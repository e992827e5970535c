// The order vitest starts test files in: project by project, the project with the longest file first, and within a
// project the longest file first. Two workers take files in this order, so the long Chromium page passes start at
// once and the short files fill the gaps at the end (vitest's fallback on a fresh clone started the longest files
// last and left one core idle at the end; ordering projects by their total seconds left the one-file browsers
// project, 45 s, to run alone at the end). A project's files stay together because vitest reuses a worker process
// only for a file of the same project: the projects that share workers (isolate: false, vmForks) then load their
// modules once per worker, not once per file. Each file's duration comes from tests/durations.json (refresh it with
// `npm run test:durations` after a full run); a file not listed yet counts as NEW_FILE_SECONDS, or as its last local
// run when vitest has one.
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
    const timed = files.map((spec) => ({ spec, s: seconds(spec), project: spec.project.name }));
    const longest = new Map<string, number>();
    for (const { s, project } of timed) longest.set(project, Math.max(longest.get(project) ?? 0, s));
    return timed
      .sort(
        (a, b) => longest.get(b.project)! - longest.get(a.project)! || a.project.localeCompare(b.project) || b.s - a.s,
      )
      .map(({ spec }) => spec);
  }
}
