// The HTTP headers a deploy of this site should send, computed from the built site and written into it as a
// Netlify-style `_headers` file (an Astro integration, run after the build). `npm start` (scripts/serve.ts) reads
// that same file, so the headers tested locally are the ones a host is told to send. The README's deploy section
// explains each header.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HEADERS_FILE = '_headers';

/** One rule of a `_headers` file: a path pattern ("/", "/lessons/*", "/sw.js") and the headers it gets. */
export interface HeaderRule {
  path: string;
  headers: [name: string, value: string][];
}

/** Inline scripts the browser runs (no src; no type, or a JavaScript one), as CSP hash sources. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1];
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'module' && !type.includes('javascript')) continue; // data blocks are never run
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.replace(/\\/g, '/'));

/**
 * The site's Content-Security-Policy: everything from our own origin; inline scripts only by hash; wasm compiled
 * ('wasm-unsafe-eval', for TensorFlow.js and HiGHS); inline styles allowed, because KaTeX positions its glyphs with
 * style attributes. frame-ancestors is left out: it is a second policy, per path (embeds may be framed anywhere).
 */
export function contentSecurityPolicy(scriptHashes: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${[...new Set(scriptHashes)].sort().join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The rules for the built site in `dist` (a directory), in the order a host applies them. */
export function deployHeaderRules(dist: string): HeaderRule[] {
  const files = filesUnder(dist);
  const hashes = files
    .filter((f) => f.endsWith('.html'))
    .flatMap((f) => inlineScriptHashes(readFileSync(join(dist, f), 'utf8')));
  const rules: HeaderRule[] = [
    {
      path: '/*',
      headers: [
        ['Content-Security-Policy', contentSecurityPolicy(hashes)],
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
        ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()'],
      ],
    },
  ];
  // Per top-level entry, so no two rules set the same header on one path (hosts merge overlapping rules):
  // only embeds may be framed by other sites, and only Vite's hashed files are immutable.
  const top = [...new Set(files.map((f) => f.split('/')[0]))].filter((f) => f !== HEADERS_FILE).sort();
  const isDir = (name: string) => files.some((f) => f.startsWith(`${name}/`));
  const own = (name: string): [string, string][] => [
    ...(name === 'embed' ? [] : [['Content-Security-Policy', "frame-ancestors 'self'"] as [string, string]]),
    name === '_astro' ? ['Cache-Control', 'public, max-age=31536000, immutable'] : ['Cache-Control', 'no-cache'], // pages, sw.js, models: revalidated, so a deploy shows at once
  ];
  rules.push({ path: '/', headers: own('index.html') });
  for (const name of top) rules.push({ path: isDir(name) ? `/${name}/*` : `/${name}`, headers: own(name) });
  // Types a host may not know: LoRA adapter files are bytes, not text to sniff.
  for (const f of files.filter((f) => f.endsWith('.lora')))
    rules.push({ path: `/${f}`, headers: [['Content-Type', 'application/octet-stream']] });
  return rules;
}

/** The rules as a Netlify `_headers` file (also read by Cloudflare Pages). */
export function formatHeadersFile(rules: HeaderRule[]): string {
  const head = '# Written by scripts/deploy-headers.ts at build time; see the README, "Deploying".\n';
  return head + rules.map((r) => `${r.path}\n${r.headers.map(([n, v]) => `  ${n}: ${v}\n`).join('')}`).join('');
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
    else {
      const at = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** Does `pattern` ("/lessons/*", "/sw.js", "/") match the URL path `path`? A "*" matches any characters. */
export function pathMatches(pattern: string, path: string): boolean {
  const re = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}$`).test(path);
}

/** The headers for `path` under `rules`: every matching rule's, in order (a repeated name is sent twice). */
export function headersFor(rules: HeaderRule[], path: string): [string, string][] {
  return rules.filter((r) => pathMatches(r.path, path)).flatMap((r) => r.headers);
}

/** An Astro integration writing `_headers` into the build, after the service worker (which must not precache it). */
export default function deployHeaders() {
  return {
    name: 'llm-preliminaries:deploy-headers',
    hooks: {
      'astro:build:done': ({ dir, logger }: { dir: URL; logger: { info: (m: string) => void } }) => {
        const out = fileURLToPath(dir);
        const rules = deployHeaderRules(out);
        writeFileSync(join(out, HEADERS_FILE), formatHeadersFile(rules));
        logger.info(`${HEADERS_FILE}: ${rules.length} rules`);
      },
    },
  };
}
