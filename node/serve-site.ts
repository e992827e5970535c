// The one static server for a built site: what a static host does, and nothing more. `npm start`
// (scripts/serve.ts), the site and browser tests, the Chromium helpers and the speculative bench all serve dist/
// through it. Directories serve their index.html, a directory without its trailing slash redirects to it, unknown
// paths get 404.html with status 404, and files carry an ETag (a repeated request with it gets 304).
// With `deployHeaders`, responses also carry the headers of the site's _headers file (written at build time by
// node/deploy-headers.ts), so what is tried locally is what a deploy sends.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HEADERS_FILE, headersFor, parseHeadersFile } from './deploy-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.lora': 'application/octet-stream',
};

/** The content type a static host sends for a file name. */
export const mimeType = (path: string) => TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
const fileStat = async (path: string) => {
  const s = await stat(path).catch(() => null);
  return s?.isFile() ? s : null;
};

export interface ServeOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  /** Send the headers of the site's _headers file, as the deploy does (`npm start`, the deploy-header tests). */
  deployHeaders?: boolean;
  /** Headers added to every response, after _headers' (a test's cross-origin isolation, a CDN's `Vary: Origin`). */
  headers?: Record<string, string>;
  /** Answers a request itself when it returns true (a test's "new deploy"); the file is served otherwise. */
  intercept?: (pathname: string, res: ServerResponse) => boolean;
}

/** Serves the built site in `dir`; resolves once listening, to the server and its base URL (ending in '/'). */
export async function serveSite(
  dir: string,
  { port = 0, host = '127.0.0.1', deployHeaders = false, headers = {}, intercept }: ServeOptions = {},
): Promise<{ server: Server; baseURL: string }> {
  const root = resolve(dir);
  const headersPath = join(root, HEADERS_FILE);
  const rules = deployHeaders && existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : [];
  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://x');
    if (intercept?.(url.pathname, res)) return;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const path = normalize(join(root, pathname));
    if ((path !== root && !path.startsWith(root + sep)) || pathname.endsWith(`/${HEADERS_FILE}`)) {
      res.writeHead(404).end('not found');
      return;
    }
    const send = (status: number, file: string, size: number, etag?: string) => {
      for (const [name, value] of headersFor(rules, url.pathname)) res.appendHeader(name, value);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (!res.hasHeader('content-type')) res.setHeader('content-type', mimeType(file));
      if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-cache');
      if (etag) res.setHeader('etag', etag);
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304).end();
        return;
      }
      res.setHeader('content-length', size);
      res.writeHead(status);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    };
    let file = path;
    let s = await fileStat(file);
    if (!s) {
      const index = join(path, 'index.html');
      const indexStat = await fileStat(index);
      if (indexStat && !pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      if (!indexStat) {
        const notFound = join(root, '404.html');
        const nf = await fileStat(notFound);
        if (nf) send(404, notFound, nf.size);
        else res.writeHead(404).end('not found');
        return;
      }
      file = index;
      s = indexStat;
    }
    send(200, file, s.size, `"${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}"`);
  });
  await new Promise<void>((done) => server.listen(port, host, done));
  const { port: actual } = server.address() as AddressInfo;
  return { server, baseURL: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/` };
}
