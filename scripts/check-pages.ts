// Open every page of a running site in Chromium, scroll it so each widget starts, and print what the console said.
// For checking `npm run dev` (and `npm start`) by hand, the way a reader's browser sees them:
//   npm run dev &            # or: npm start &
//   node scripts/check-pages.ts http://localhost:4321/
// Exits 1 if any page logs an error or a warning, or fails to load. The built site has the same check as a test
// (tests/site/site.test.ts); this script is for the dev server, which the tests do not start.
import { readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4321/';
const lessons = readdirSync(new URL('../lessons/', import.meta.url))
  .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
  .map((f) => `/lessons/${f.replace(/\.mdx$/, '').toLowerCase()}/`);
const pages = ['/', '/model/', '/bench/', ...lessons];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
let bad = 0;
for (const path of pages) {
  const context = await browser.newContext();
  const said: string[] = [];
  context.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') said.push(`${m.type()}: ${m.text()} (${m.location().url})`);
  });
  context.on('weberror', (e) => said.push(`uncaught: ${e.error().message}`));
  const page = await context.newPage();
  const res = await page.goto(new URL(path, base).href, { waitUntil: 'load', timeout: 120_000 });
  if (!res?.ok()) said.push(`HTTP ${res?.status()}`);
  const scroll = () =>
    page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
  // A dev server may reload the page once while it optimises a dependency it met late; that is said, not hidden.
  await scroll().catch(async (err) => {
    said.push(`the page reloaded itself (${String(err).split('\n')[0]})`);
    await page.waitForLoadState('load');
    await scroll();
  });
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => said.push('network never went idle'));
  console.log(`${said.length ? '✗' : '✓'} ${path}${said.map((s) => `\n    ${s}`).join('')}`);
  bad += said.length ? 1 : 0;
  await context.close();
}
await browser.close();
process.exit(bad ? 1 : 0);
