// Serves dist/ under a sub-path (default /a/b/c/), as a school's static web
// space would, for the browser tests. Files are read on every request, and
// `<base>__new-version` makes sw.js differ from then on, as a new deployment
// would: the page's update offer can be tested without a second build.
//   node scripts/serve-subpath.mjs [port] [base]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const port = Number(process.argv[2] ?? 4174);
const base = process.argv[3] ?? '/a/b/c/';
const root = join(process.cwd(), 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
let version = 0;

createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  if (!path.startsWith(base)) {
    response.writeHead(404).end('not under the base path');
    return;
  }
  if (path === `${base}__new-version`) {
    version++;
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`version ${version}`);
    return;
  }
  const relative = normalize(path.slice(base.length) || 'index.html');
  if (relative.startsWith('..')) {
    response.writeHead(403).end();
    return;
  }
  try {
    let body = await readFile(join(root, relative));
    if (relative === 'sw.js' && version > 0) body = Buffer.concat([body, Buffer.from(`\n// deployment ${version}\n`)]);
    response
      .writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
      .end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`dist/ at http://127.0.0.1:${port}${base}`));
