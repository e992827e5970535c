// The page pass over the English pages that are not lessons or embeds: home, /model/, /bench/, /glossary/, the
// widgets' docs pages, 404 (the checks are in page-suite.ts; page-suite.ts says what the pass checks).
import { describePages, passedPages } from './page-suite.ts';

describePages(passedPages().filter((p) => !p.startsWith('/zh/') && !/^\/(lessons|embed)\//.test(p)));
