// A Vite plugin for the model worker's bundle. The `highs` package's Emscripten glue (build/highs.mjs) has two
// Node-or-fallback paths that cost the browser build:
//   - new URL("highs.wasm", import.meta.url): Vite copies the 3.5 MB wasm into _astro/ for it, although the
//     worker always passes locateFile to our own public/highs/highs.wasm (lib/offload/policy-search.ts, getHighs),
//     so the site shipped it twice;
//   - await import("node:module") in the Node-only branch, which Vite warns it externalizes for the browser.
// Both are dead in a browser; this rewrites them. If an upgrade changes the glue, the build fails here, loudly.
const GLUE = /[\\/]node_modules[\\/]highs[\\/]build[\\/]highs\.mjs$/;

const EDITS = [
  [
    'return new URL("highs.wasm",import.meta.url).href',
    'throw new Error("highs: pass locateFile (the site serves highs/highs.wasm from its own origin)")',
  ],
  [
    'const{createRequire}=await import("node:module");var require=createRequire(import.meta.url)',
    'var require=()=>{throw new Error("highs: this bundle is for browsers, not Node")}',
  ],
];

export default function highsForBrowser() {
  return {
    name: 'llm-preliminaries:highs-for-browser',
    enforce: 'pre',
    transform(code, id) {
      if (!GLUE.test(id)) return null;
      for (const [from, to] of EDITS) {
        if (!code.includes(from))
          throw new Error(
            `highs-for-browser: highs.mjs no longer contains ${from}; update site/worker/highs-for-browser.mjs`,
          );
        code = code.replace(from, to);
      }
      return { code, map: null };
    },
  };
}
