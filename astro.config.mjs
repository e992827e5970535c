// Astro configuration: a static site whose pages live in site/ and lessons in lessons/ (see site/content.config.ts).
// Every asset is served from our own origin: KaTeX CSS and fonts are bundled by Vite, nothing loads from a CDN.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeHeadingMath from './site/markdown/rehype-heading-math.mjs';
import rehypeNoTemplateSource from './site/markdown/rehype-no-template-source.mjs';
import rehypeScrollBoxes from './site/markdown/rehype-scroll-boxes.mjs';
import rehypeEditionIds from './site/markdown/rehype-edition-ids.mjs';
import embedPages from './site/embed/embed-pages.mjs';
import offline from './site/offline/offline-integration.mjs';
import highsForBrowser from './site/worker/highs-for-browser.mjs';
import deployHeaders from './node/deploy-headers.ts';

export default defineConfig({
  output: 'static',
  srcDir: './site',
  publicDir: './public',
  // After the build: embed pages first, then the service worker, whose precache list must include them, then the
  // deploy's headers file (_headers, with hashes of the pages' inline scripts), which is not precached.
  integrations: [mdx(), embedPages(), offline(), deployHeaders()],
  // The dev toolbar is Astro's authoring overlay; readers never see it, and its pre-bundled deps can 504 after a
  // dependency change ("Outdated Optimize Dep"), so it stays off.
  devToolbar: { enabled: false },
  markdown: {
    // Astro 7's default processor runs no remark/rehype plugins; `unified` does, and MDX inherits it.
    processor: unified({
      remarkPlugins: [remarkMath],
      // After KaTeX: fail on template source printed inside math or a heading (checked while headings still carry
      // the TeX source), then give headings one copy of their math, then let wide things scroll in their own box;
      // last, a Chinese lesson's headings take its English edition's ids.
      rehypePlugins: [rehypeKatex, rehypeNoTemplateSource, rehypeHeadingMath, rehypeScrollBoxes, rehypeEditionIds],
    }),
    // Two Shiki themes emitted as CSS variables; site/styles/content.css picks one per colour scheme.
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  vite: {
    // The tfjs worker imports modules, so it must be bundled as an ES module worker. HiGHS's glue is trimmed for
    // the browser so its wasm ships once (public/highs/) and no Node built-in is pulled in.
    worker: { format: 'es', plugins: () => [highsForBrowser()] },
    // Pre-bundle in `npm run dev` what pages and the worker import, so the dev server does not meet them late and
    // reload the page mid-visit ("optimized dependencies changed").
    optimizeDeps: {
      include: ['@observablehq/plot', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'katex', 'highs'],
    },
    build: {
      rollupOptions: {
        // Astro marks each MDX page's propagated assets with a "use astro:head-inject" directive that the bundler
        // warns it may drop; Astro handles that itself, so the warning says nothing about our code and is silenced.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject'))
            return;
          warn(warning);
        },
      },
    },
  },
});
