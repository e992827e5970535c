// Set up before each file of the `site` project (vitest.config.ts). The project's files share worker processes and
// one Chromium (harness.ts); when a file ends, the contexts it opened are closed (but openPage's idle tabs, left on
// about:blank), so no page of one file runs on while the next file's are timed.
import { afterAll } from 'vitest';
import { endFile } from './harness.ts';

afterAll(endFile);
