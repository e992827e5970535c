// The built site as a static host serves it, plus one script at the top of every HTML page that records what went
// wrong in the page (uncaught errors, unhandled rejections, console.error) in window.__pageErrors, so a test can read
// them in any engine through plain script evaluation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveSite } from '../../node/serve-site.ts';

const RECORDER = `<script>(() => {
  const errors = (window.__pageErrors = []);
  const text = (x) => (x && x.message) || String(x);
  addEventListener('error', (e) => { if (e instanceof ErrorEvent) errors.push('uncaught: ' + text(e.error || e.message)); });
  addEventListener('unhandledrejection', (e) => errors.push('unhandled rejection: ' + text(e.reason)));
  const original = console.error.bind(console);
  console.error = (...args) => { errors.push('console.error: ' + args.map(text).join(' ')); original(...args); };
})();</script>`;

/** Serve `distDir` with the recorder in every HTML page; resolves to the server and its base URL (ending in '/'). */
export async function serveWithRecorder(
  distDir: string,
): Promise<{ server: Server; baseURL: string; close: () => Promise<void> }> {
  const inner = await serveSite(distDir);
  const server = createServer(async (req, res) => {
    const upstream = await fetch(new URL(req.url ?? '/', inner.baseURL), { method: req.method, redirect: 'manual' });
    const headers = Object.fromEntries(upstream.headers);
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    delete headers.connection;
    const type = upstream.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      const html = await upstream.text();
      res.writeHead(upstream.status, headers).end(html.replace(/<head>/i, `<head>${RECORDER}`));
    } else {
      res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const closeOne = (s: Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  return {
    server,
    baseURL: `http://127.0.0.1:${port}/`,
    close: async () => {
      await closeOne(server);
      await closeOne(inner.server);
    },
  };
}
