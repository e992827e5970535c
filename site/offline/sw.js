// The service worker, for reading offline: on install it caches every file of this build (pages, scripts, styles,
// KaTeX fonts, wasm binaries, models); it answers from that cache, falling back to the network; on activate it
// deletes the caches of older builds. Written into the build as sw.js by offline-integration.mjs, which replaces
// __VERSION__ (a hash of the build's files) and __FILES__ (their paths, relative to this script's scope).
// The model loader's own Cache API store (lib/load.ts) has another name and is left alone.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const PREFIX = 'llm-preliminaries-offline-';
const CACHE = PREFIX + VERSION;
const scope = self.registration.scope; // the site's base URL, e.g. https://host/courses/llm/

self.addEventListener('install', (event) => {
  // cache: 'reload' skips the HTTP cache, so a new build never precaches an old file.
  const requests = FILES.map((file) => new Request(new URL(file, scope), { cache: 'reload' }));
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(requests))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()), // the page that installed us works offline without a reload
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  event.respondWith(cachedOrNetwork(request));
});

async function cachedOrNetwork(request) {
  const cache = await caches.open(CACHE);
  // A page's query holds widget state (?vecmat.x=…), so pages match without it; files keep theirs.
  const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
  return hit ?? fetch(request);
}
