// npm run test:durations: run every test once and write each file's duration to tests/durations.json, the table
// tests/longest-first.ts orders test files by. Run it on a quiet machine after adding or reshaping a long test file;
// `node scripts/test-durations.ts --from <report.json>` re-reads a vitest JSON report instead of running the tests.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const from = process.argv.indexOf('--from');
let report = from > 0 ? process.argv[from + 1] : 'test-results/durations-run.json';
if (from < 0) {
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0)
    console.warn(`vitest exited with ${run.status}: durations of failed files are kept as measured`);
  report = `${root}${report}`;
}

interface JsonReport {
  testResults: { name: string; startTime: number; endTime: number }[];
}
const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
const seconds = Object.fromEntries(
  testResults
    .map((r) => [relative(root, r.name), Math.round((r.endTime - r.startTime) / 100) / 10] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);
const out = fileURLToPath(new URL('../tests/durations.json', import.meta.url));
const note =
  'Seconds per test file in one full run (npm run test:durations); tests/longest-first.ts starts the longest first.';
writeFileSync(out, `${JSON.stringify({ note, seconds }, null, 2)}\n`);
console.log(`wrote ${Object.keys(seconds).length} files' durations to tests/durations.json`);
