// jsdom, with the test's imports transformed for the server: Astro compiles a .astro file into a component that
// renders only under SSR (for the browser it compiles to an empty stub), so a jsdom test that renders a widget's
// real shell (Astro's container API) and then runs its element needs both. Use: `// @vitest-environment jsdom-ssr`.
import { builtinEnvironments } from 'vitest/runtime';

const { jsdom } = builtinEnvironments;

export default {
  ...jsdom,
  name: 'jsdom-ssr',
  viteEnvironment: 'ssr',
  // In a vm pool the file runs in the window's own context, whose crypto has no `subtle`: the server's render (Astro
  // decodes its manifest's key with it) gets Node's, as it has outside a vm pool.
  async setupVM(options: Parameters<NonNullable<typeof jsdom.setupVM>>[0]) {
    const env = await jsdom.setupVM!(options);
    Object.defineProperty(env.getVmContext(), 'crypto', { value: globalThis.crypto, configurable: true });
    return env;
  },
};
