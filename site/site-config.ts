// Site-wide constants. Change the repository here and every "Fork this lesson" link follows.

export const SITE_TITLE = 'LLM Preliminaries';
export const SITE_DESCRIPTION = 'Interactive notebooks on how large language models run efficiently.';

/** The public repository that holds this site's source. */
export const REPO_URL = 'https://github.com/llm-preliminaries/llm-preliminaries';

/** Link to a file in the repository, e.g. sourceUrl('lessons/01-x.mdx'). */
export const sourceUrl = (filePath: string) => `${REPO_URL}/blob/main/${filePath}`;
