// @vitest-environment jsdom-ssr
// Issue 19's rule for every widget, share 2 of 2 (the suite and what it checks: stale-suite.ts).
import { staleSuite } from './stale-suite.ts';

staleSuite({ index: 1, of: 2 });
