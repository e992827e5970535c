// <theme-toggle>: a button that names its action, "Switch to dark theme" or "Switch to light theme" (CSS in
// ThemeToggle.astro shows the right one). Pressing it sets data-theme on <html> and remembers the choice; until the
// reader chooses, the page follows the system colour scheme.

const KEY = 'theme';
const systemDark = matchMedia('(prefers-color-scheme: dark)');

type Theme = 'light' | 'dark';

function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return systemDark.matches ? 'dark' : 'light';
}

class ThemeToggle extends HTMLElement {
  #button: HTMLButtonElement | null = null;

  connectedCallback() {
    this.#button = this.querySelector('button');
    if (!this.#button) return;
    this.#button.disabled = false; // rendered disabled so it is inert until this script runs
    this.#button.addEventListener('click', this.#toggle);
  }

  disconnectedCallback() {
    this.#button?.removeEventListener('click', this.#toggle);
  }

  #toggle = () => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next; // the label follows through CSS
    try {
      localStorage.setItem(KEY, next);
    } catch {} // storage blocked: the choice lasts for this page only
  };
}

customElements.define('theme-toggle', ThemeToggle);
