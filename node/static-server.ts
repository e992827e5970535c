// A tiny static file server for the built site: what a static host does, and nothing more.
// Directories serve their index.html, a directory without a trailing slash redirects to one,
// unknown paths get dist/404.html with status 404.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

export const mimeType = (path: string) => MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

async function isFile(path: string) {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

export interface StaticServerOptions {
  /** Headers added to every response (a host's cross-origin isolation, a CDN's `Vary: Origin`). */
  headers?: Record<string, string>;
  /** Answers a request itself when it returns true (a test's "new deploy"); the file is served otherwise. */
  intercept?: (pathname: string, res: ServerResponse) => boolean;
}

/** Serve `root` on 127.0.0.1 at a free port; resolves to the server and its base URL (ending in '/'). */
export async function serveStatic(
  root: string,
  { headers = {}, intercept }: StaticServerOptions = {},
): Promise<{ server: Server; baseURL: string }> {
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
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let file = path;
    if (!(await isFile(file))) {
      const index = join(path, 'index.html');
      if (await isFile(index)) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
          return;
        }
        file = index;
      } else {
        const notFound = join(root, '404.html');
        res.writeHead(404, { 'content-type': MIME['.html'] });
        if (await isFile(notFound)) createReadStream(notFound).pipe(res);
        else res.end('not found');
        return;
      }
    }
    res.writeHead(200, { 'content-type': mimeType(file), 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseURL: `http://127.0.0.1:${port}/` };
}
