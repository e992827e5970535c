// The service worker, for reading offline: on install it caches every file of this build (pages, scripts, styles,
// KaTeX fonts, wasm binaries, models); it answers from that cache, falling back to the network. Written into the
// build as sw.js by offline-integration.mjs, which replaces __VERSION__ (a hash of the build's files) and __FILES__
// (their paths, relative to this script's scope).
// A new deploy installs a new worker that waits: pages opened from the old build keep the old worker and its
// cache until the reader chooses to reload (site/offline/register.ts shows "a new version is ready"). Even then the
// old build's cache is kept while any page that was open before the switch is still open, because such a page may
// still ask for its own files (its model worker, hashed scripts) that the new build no longer has.
// Model files (models/…) are stored once, in the model loader's own Cache API store (lib/fetch-file.ts), not in the
// build's cache: the loader reads them from there without a download, and this worker answers requests for them from
// there too. Model folders are versioned and never edited, so that store outlives builds; files already in it are
// not fetched again.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const PREFIX = 'llm-preliminaries-offline-';
const CACHE = PREFIX + VERSION;
/** lib/fetch-file.ts's MODEL_CACHE_NAME (tests/site/offline.test.ts fails if they differ: the models would be stored twice). */
const MODEL_CACHE = 'llm-preliminaries-models-v1';
const isModelFile = (url) => url.startsWith(new URL('models/', scope).href);
/** Where the ids of the pages open when this version took over are kept (a worker's memory does not last). */
const OLD_CLIENTS = '__old-clients__';
const scope = self.registration.scope; // the site's base URL, e.g. https://host/courses/llm/

// Hosts add `Vary: Origin` (astro preview, S3/R2 with CORS rules); a module script's request carries an Origin
// header the precache request did not, so Vary must not stop a match.
const MATCH = { ignoreVary: true };

/** A page's path ends in "/" (or is .html); anything else answered with HTML is a captive portal or an error page. */
const isPage = (url) => url.endsWith('/') || url.endsWith('.html');

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  const models = await caches.open(MODEL_CACHE);
  await Promise.all(
    FILES.map(async (file) => {
      const url = new URL(file, scope).href;
      const store = isModelFile(url) ? models : cache;
      if (store === models && (await models.match(url, MATCH))) return;
      // cache: 'reload' skips the HTTP cache, so a new build never precaches an old file.
      const response = await fetch(new Request(url, { cache: 'reload' }));
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || (!isPage(url) && type.startsWith('text/html')))
        throw new Error(`precaching ${url}: HTTP ${response.status}, ${type || 'no type'}`); // retried next visit
      await store.put(url, response);
    }),
  );
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Pages that were open before this version took over (the reader pressed "reload" in one of several tabs).
      const open = (await self.clients.matchAll({ type: 'window' })).map((c) => c.id);
      const cache = await caches.open(CACHE);
      await cache.put(OLD_CLIENTS, new Response(JSON.stringify(open)));
      await deleteOldCachesWhenUnused();
      await self.clients.claim(); // the page that installed us works offline without a reload
    })(),
  );
});

/** Deletes older builds' caches once no page that was open before this version took over is still open. */
async function deleteOldCachesWhenUnused() {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(OLD_CLIENTS);
  const ids = stored ? await stored.json() : [];
  const stillOpen = (await Promise.all(ids.map((id) => self.clients.get(id)))).filter(Boolean);
  if (stillOpen.length > 0) return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
}

self.addEventListener('message', (event) => {
  // register.ts's "Reload" button: take over now rather than when every tab of the old build is closed.
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
    event.waitUntil(deleteOldCachesWhenUnused());
  } else event.respondWith(file(request));
});

/** Any of this site's caches, newest build first: an older page's files stay reachable while it is open. */
async function cached(request, options) {
  const own = await (await caches.open(CACHE)).match(request, options);
  if (own) return own;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const hit = await (await caches.open(name)).match(request, options);
    if (hit) return hit;
  }
  return undefined;
}

async function file(request) {
  const model = isModelFile(request.url) ? await (await caches.open(MODEL_CACHE)).match(request, MATCH) : undefined;
  return model ?? (await cached(request, MATCH)) ?? fetch(request);
}

/**
 * A page: its query holds widget state (?vecmat.x=…), so it matches without it; "/lessons/x" and
 * "/lessons/x/index.html" are the page "/lessons/x/". Offline, an unknown path gets the site's own 404 page.
 */
async function page(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const path = url.pathname;
  const candidates = [url.href];
  if (path.endsWith('/index.html')) candidates.push(url.href.slice(0, -'index.html'.length));
  else if (!path.endsWith('/') && !/\.\w+$/.test(path)) candidates.push(`${url.href}/`);
  for (const candidate of candidates) {
    const hit = await cached(candidate, MATCH);
    if (hit) return candidate === url.href ? hit : Response.redirect(candidate + new URL(request.url).search, 301);
  }
  try {
    return await fetch(request);
  } catch (offline) {
    const notFound = await cached(new URL('404.html', scope).href, MATCH);
    if (!notFound) throw offline;
    return new Response(notFound.body, { status: 404, headers: notFound.headers });
  }
}
