/**
 * The preview's static server: sirv over node:http. Unknown paths without an extension get index.html (the
 * app routes by hash, deep paths still get the app); a missing asset is a real 404; only GET and HEAD.
 */
import { createServer } from 'node:http';
import sirv from 'sirv';

/**
 * Listens on host:port (0 picks a free port) before there is anything to serve, so a caller can learn the
 * preview's URL (the demo backend's CORS origin) before the build; `serve(dir)` then serves the built folder.
 * Until then every request gets 503. Resolves with the URL, `serve` and `close`.
 */
export async function listenStatic({ port, host = '127.0.0.1' }) {
  // sirv lists the folder's files once, when it is created: so the handler is made after the build.
  let handler = null;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Method Not Allowed');
    }
    if (!handler) {
      response.writeHead(503, { 'Retry-After': '5', 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('The preview is still being built.');
    }
    handler(request, response);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://${host}:${server.address().port}`,
    /** Serves `dir` (an H5 build) from now on. */
    serve(dir) {
      handler = sirv(dir, {
        single: true,
        etag: true,
        // File names carry a content hash (config/: [contenthash:8]); index.html does not.
        maxAge: 31_536_000,
        immutable: true,
        setHeaders(response, pathname) {
          response.setHeader('X-Content-Type-Options', 'nosniff');
          if (pathname === '/' || pathname.endsWith('.html') || !/\.\w+$/.test(pathname)) response.setHeader('Cache-Control', 'no-cache');
        },
      });
    },
    /** Stops listening and drops open connections (a browser tab's keep-alive would hold the close). */
    close() {
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
