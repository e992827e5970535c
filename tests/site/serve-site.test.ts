// The one static server (node/serve-site.ts), in Node against a small site in a temporary folder: what a static
// host does, with and without the deploy's _headers. The page tests use it for every build they open.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveSite } from '../../node/serve-site.ts';
import { closeServer } from './subpath-site.ts';

let dir: string;
const servers: Server[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'serve-site-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'index.html'), '<p>home</p>');
  writeFileSync(join(dir, 'sub', 'index.html'), '<p>sub</p>');
  writeFileSync(join(dir, '404.html'), '<p>lost</p>');
  writeFileSync(join(dir, 'k.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(dir, 'a.lora'), 'x');
  writeFileSync(join(dir, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n/sub/*\n  Cache-Control: max-age=60\n');
});
afterAll(async () => {
  await Promise.all(servers.map(closeServer));
  rmSync(dir, { recursive: true, force: true });
});
async function serve(...args: Parameters<typeof serveSite>) {
  const s = await serveSite(...args);
  servers.push(s.server);
  return (path: string, init?: RequestInit) => fetch(new URL(path, s.baseURL), { redirect: 'manual', ...init });
}

describe('serveSite', () => {
  test('directories serve index.html; without the slash they redirect, keeping the query', async () => {
    const get = await serve(dir);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toBe('<p>home</p>');
    const moved = await get('/sub?x=1');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/sub/?x=1');
    expect(await (await get('/sub/')).text()).toBe('<p>sub</p>');
  });

  test('unknown paths, paths outside the folder and the _headers file get 404 with 404.html', async () => {
    const get = await serve(dir);
    const lost = await get('/nope/');
    expect(lost.status).toBe(404);
    expect(await lost.text()).toBe('<p>lost</p>');
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/_headers')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  test('types, HEAD, and an ETag that answers a repeat with 304', async () => {
    const get = await serve(dir);
    expect((await get('/k.wasm')).headers.get('content-type')).toBe('application/wasm');
    expect((await get('/a.lora')).headers.get('content-type')).toBe('application/octet-stream');
    const head = await get('/', { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('11');
    expect(await head.text()).toBe('');
    const etag = head.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await get('/', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  test("_headers' rules apply only with deployHeaders; extra headers apply to every response, and win", async () => {
    const plain = await serve(dir);
    expect((await plain('/')).headers.get('x-content-type-options')).toBeNull();
    const deploy = await serve(dir, { deployHeaders: true, headers: { 'Cross-Origin-Opener-Policy': 'same-origin' } });
    const sub = await deploy('/sub/');
    expect(sub.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sub.headers.get('cache-control')).toBe('max-age=60');
    expect((await deploy('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await deploy('/nope/')).headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect((await deploy('/sub')).headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  test('intercept answers a request itself', async () => {
    const get = await serve(dir, {
      intercept: (pathname, res) => {
        if (pathname !== '/sw.js') return false;
        res.writeHead(200).end('new');
        return true;
      },
    });
    expect(await (await get('/sw.js')).text()).toBe('new');
    expect((await get('/')).status).toBe(200);
  });
});
