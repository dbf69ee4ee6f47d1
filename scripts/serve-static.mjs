/**
 * A tiny static file server for the H5 preview (dist/h5): correct MIME types, index.html for unknown
 * paths (the app routes by hash, but deep paths still get the app), and no way out of the root.
 *
 *   node scripts/serve-static.mjs [dir] [port]     (defaults: dist/h5, $PORT or 10086)
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The file a URL path names inside root, or null when it would leave root. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function fileAt(path) {
  try {
    const info = await stat(path);
    if (info.isFile()) return { path, size: info.size };
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch (error) {
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw error;
  }
  return null;
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0 picks a free port). Resolves with the server and its URL.
 * @param {{ dir?: string; port?: number; host?: string; log?: (line: string) => void }} [options]
 */
export function serveStatic({ dir = 'dist/h5', port = 10086, host = '127.0.0.1', log } = {}) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const send = (status, body) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
    };
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return send(405, 'Method Not Allowed');
      }
      const target = resolveInside(root, request.url ?? '/');
      if (!target) return send(403, 'Forbidden');
      // Unknown paths without an extension get the app (index.html); a missing asset is a real 404.
      const found = (await fileAt(target)) ?? (extname(target) === '' ? await fileAt(join(root, 'index.html')) : null);
      if (!found) return send(404, 'Not Found');
      const type = MIME[extname(found.path).toLowerCase()] ?? 'application/octet-stream';
      const html = type.startsWith('text/html');
      response.writeHead(200, {
        'Content-Type': type,
        'Content-Length': found.size,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': html ? 'no-cache' : 'public, max-age=31536000, immutable',
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(found.path)
        .on('error', (error) => response.destroy(error))
        .pipe(response);
    } catch (error) {
      log?.(`static server error: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(500, 'Internal Server Error');
      else response.destroy();
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolvePromise({ server, url: `http://${host}:${actualPort}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist/h5';
  const port = Number(process.argv[3] ?? process.env.PORT ?? 10086);
  const { server, url } = await serveStatic({ dir, port, log: console.error });
  console.log(`Serving ${dir} at ${url}/`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
