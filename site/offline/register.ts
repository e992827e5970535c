// Register the service worker (site/offline/sw.js, written into the build by offline-integration.mjs) once the page
// has loaded, so precaching never competes with the first view. Only in a build: the dev server has no sw.js.
import { BASE } from '../base-url.ts';

function register() {
  // A browser may refuse (private window, storage off): the site then simply needs the network.
  navigator.serviceWorker.register(`${BASE}sw.js`, { scope: BASE }).catch(() => {});
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
