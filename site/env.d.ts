// `tsc --noEmit` (npm run check) reads .ts files without Astro's language service, so an import of a .astro
// component would not resolve. This declares what such an import is: a component factory. `astro check` resolves
// the real files (and their Props) first, so nothing is lost there.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
  const Component: AstroComponentFactory;
  export default Component;
}
