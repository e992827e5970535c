// The site may be served under a sub-path (Astro `base`, e.g. `astro build --base /courses/llm/`). Every link the
// site builds to its own pages and files goes through withBase, so it works at / and under any sub-path alike.

/** The site's root URL path, always ending in "/": "/" or "/courses/llm/". */
export const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** A site path with the base in front: withBase('/model/') → "/courses/llm/model/". */
export const withBase = (path: string) => BASE + path.replace(/^\//, '');
