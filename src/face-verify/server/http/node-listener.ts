/** Mounting the Web-standard handlers on node:http (and so on Express, Koa's `ctx.req/res`, Fastify's raw objects). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { errorToResponse, HttpError } from './errors';

/**
 * The body a framework's parser already read (Express `express.json()` / `express.text()`, Koa bodyparser
 * set `req.body` and drain the stream), serialised back; undefined when the stream is still unread.
 */
function alreadyParsedBody(req: IncomingMessage): string | Buffer | undefined {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed === undefined || !req.readableEnded) return undefined;
  return typeof parsed === 'string' || Buffer.isBuffer(parsed) ? parsed : JSON.stringify(parsed);
}

/** Turns a node request into a Web `Request` (the body streams; nothing is buffered here). */
export function toWebRequest(req: IncomingMessage, origin = `http://${req.headers.host ?? '127.0.0.1'}`): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const parsed = hasBody ? alreadyParsedBody(req) : undefined;
  if (parsed !== undefined) headers.delete('content-length');
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: !hasBody ? undefined : (parsed ?? (Readable.toWeb(req) as ReadableStream<Uint8Array>)),
    ...(hasBody && parsed === undefined ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a Web `Response` to a node response. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * A node:http listener for a handler: `http.createServer(toNodeListener(handler))`, or in Express
 * `app.post('/api/face/verify', toNodeListener(verify))`. Mount it before any body parser when you can; a body
 * a parser already read (`req.body`) is serialised back. A handler that throws answers 500 JSON; a request the
 * Fetch API cannot represent (a TRACE method, a malformed Host header) answers 400 JSON.
 *
 * @example
 * // Koa
 * router.post('/api/face/verify', async (ctx) => { ctx.respond = false; await toNodeListener(verify)(ctx.req, ctx.res); });
 * // Hono (no adapter needed)
 * app.post('/api/face/verify', (c) => verify(c.req.raw));
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let response: Response;
    let request: Request | undefined;
    try {
      request = toWebRequest(req);
    } catch {
      // A method (TRACE, …) or Host header the Fetch API refuses: the client's fault, answered 400.
    }
    try {
      if (request === undefined) throw new HttpError(400, 'bad_request', 'The method or Host header is not acceptable.');
      response = await handler(request);
    } catch (error) {
      response = errorToResponse(error);
    }
    try {
      await writeWebResponse(response, res);
    } catch {
      res.destroy();
    }
  };
}
