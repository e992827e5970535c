// Register the service worker (site/offline/sw.js, written into the build by offline-integration.mjs) once the page
// has loaded, so precaching never competes with the first view. Only in a build: the dev server has no sw.js.
// When a new deploy's worker has installed and waits, a small banner says a new version is ready; its button lets
// that worker take over and reloads. Until then this page keeps running on the build it was opened from.
import { BASE } from '../base-url.ts';
import { removeScratchFiles } from '../components/site-storage.ts';

const BANNER_ID = 'new-version-banner';

function showNewVersion(waiting: ServiceWorker) {
  if (document.getElementById(BANNER_ID)) return;
  const banner = document.createElement('div');
  banner.id = BANNER_ID;
  banner.setAttribute('role', 'status');
  // Styled through the CSSOM (not a style attribute), which a strict Content-Security-Policy allows.
  Object.assign(banner.style, {
    position: 'fixed',
    insetInline: '0',
    bottom: '0',
    zIndex: '1000',
    display: 'flex',
    gap: '0.75rem',
    justifyContent: 'center',
    alignItems: 'center',
    padding: '0.5rem 1rem',
    background: 'Canvas',
    color: 'CanvasText',
    borderTop: '1px solid GrayText',
    font: 'inherit',
  });
  const text = document.createElement('span');
  text.textContent = 'A new version of this site is ready.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload to use it';
  Object.assign(button.style, { color: 'CanvasText', background: 'Canvas', border: '1px solid CanvasText' });
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = 'Reloading…';
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage('skip-waiting');
  });
  banner.append(text, button);
  document.body.append(banner);
}

async function register() {
  // A browser may refuse (private window, storage off): the site then simply needs the network.
  const registration = await navigator.serviceWorker.register(`${BASE}sw.js`, { scope: BASE }).catch(() => null);
  if (!registration) return;
  // Only an update is news: on the first visit there is no controller and nothing older to replace.
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) showNewVersion(registration.waiting);
  };
  offer();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer();
    });
  });
}

function afterLoad() {
  if ('serviceWorker' in navigator) void register();
  void removeScratchFiles(); // a measurement the reader left half-way leaves its test file behind
}

if (import.meta.env.PROD) {
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
}
