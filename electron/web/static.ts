/** Serves the built renderer (renderer/dist): no directory listing, no path escape, SPA fallback to index.html. */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webp': 'image/webp',
};

/** Resolves a URL path inside root, or null when it would escape it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** Sends a file of the renderer build, or index.html for app routes; 404 for missing assets. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, head: boolean): void {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Interface non construite : lancez « npm run build:renderer ».\n');
    return;
  }
  let file = resolveStatic(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) {
    res.writeHead(400).end();
    return;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    // Browsers ask for /favicon.ico on their own: answer "nothing" rather than log a 404.
    if (urlPath === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    // Client-side routes have no extension; a missing asset (with one) is a real 404.
    if (path.extname(urlPath)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    file = index;
  }
  const ext = path.extname(file).toLowerCase();
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': body.length,
    // Hashed assets are immutable; index.html must always be revalidated.
    'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(head ? undefined : body);
}
