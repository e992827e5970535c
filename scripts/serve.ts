// `npm start` after the build: serves dist/ as a static host would, with the headers of dist/_headers (written at
// build time by node/deploy-headers.ts), so what is tried locally is what a deploy sends (node/serve-site.ts).
//   node scripts/serve.ts [--dir dist] [--port 4321] [--host 127.0.0.1]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEADERS_FILE } from '../node/deploy-headers.ts';
import { serveSite } from '../node/serve-site.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4321' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (!existsSync(join(values.dir, 'index.html')))
  throw new Error(`${values.dir}/index.html not found: build the site first (npm run build)`);
const { baseURL: url } = await serveSite(values.dir, {
  port: Number(values.port),
  host: values.host,
  deployHeaders: true,
});
console.log(`Serving ${values.dir}/ at ${url} with the headers of ${values.dir}/${HEADERS_FILE} (Ctrl+C stops)`);
