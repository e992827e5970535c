// Site-wide constants (the site's title and description, in both editions, are in site/i18n/ui.ts). Change the repository here and every "Fork this lesson" link follows.

/** The public repository that holds this site's source. */
export const REPO_URL = 'https://github.com/llm-preliminaries/llm-preliminaries';

/** Link to a file in the repository, e.g. sourceUrl('lessons/01-x.mdx'). */
export const sourceUrl = (filePath: string) => `${REPO_URL}/blob/main/${filePath}`;
