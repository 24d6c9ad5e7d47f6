import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves the built console; unknown paths get index.html so client-side routes survive a reload. */
export const serveStatic = (root: string, path: string, res: ServerResponse): void => {
  const base = resolve(root);
  const requested = resolve(join(base, normalize(decodeURIComponent(path))));
  const insideRoot = requested === base || requested.startsWith(`${base}/`);
  const file =
    insideRoot && existsSync(requested) && statSync(requested).isFile()
      ? requested
      : join(base, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The console is not built yet: run `npm run build:web`.');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
};
