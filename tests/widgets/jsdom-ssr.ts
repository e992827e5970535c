// jsdom, with the test's imports transformed for the server: Astro compiles a .astro file into a component that
// renders only under SSR (for the browser it compiles to an empty stub), so a jsdom test that renders a widget's
// real shell (Astro's container API) and then runs its element needs both. Use: `// @vitest-environment jsdom-ssr`.
import { builtinEnvironments } from 'vitest/runtime';

export default { ...builtinEnvironments.jsdom, name: 'jsdom-ssr', viteEnvironment: 'ssr' };
