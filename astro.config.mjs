// Astro configuration: a static site whose pages live in site/ and lessons in lessons/ (see site/content.config.ts).
// Every asset is served from our own origin: KaTeX CSS and fonts are bundled by Vite, nothing loads from a CDN.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeScrollBoxes from './site/markdown/rehype-scroll-boxes.mjs';
import embedPages from './site/embed/embed-pages.mjs';
import offline from './site/offline/offline-integration.mjs';

export default defineConfig({
  output: 'static',
  srcDir: './site',
  publicDir: './public',
  // After the build: embed pages first, then the service worker, whose precache list must include them.
  integrations: [mdx(), embedPages(), offline()],
  markdown: {
    // Astro 7's default processor runs no remark/rehype plugins; `unified` does, and MDX inherits it.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [rehypeKatex, rehypeScrollBoxes],
    }),
    // Two Shiki themes emitted as CSS variables; site/styles/content.css picks one per colour scheme.
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-default' },
      defaultColor: false,
    },
  },
  vite: {
    // The tfjs worker imports modules, so it must be bundled as an ES module worker.
    worker: { format: 'es' },
  },
});
