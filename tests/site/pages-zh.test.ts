// The page pass over the Chinese edition (/zh/…), in the phone setup: its fonts, line breaking at 375 px and dark
// theme are what differ (the checks are in page-suite.ts; page-suite.ts says what the pass checks).
import { describePages, passedPages } from './page-suite.ts';

describePages(passedPages().filter((p) => p.startsWith('/zh/')));
