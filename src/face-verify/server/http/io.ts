/**
 * Small Web-standard helpers the handlers share: JSON answers and a size- and time-limited body reader.
 * Readers throw an {@link HttpError}; the handlers' one mapper (`withErrorMapping`) turns it into the answer.
 */
import { HttpError, isHttpError, jsonResponse } from './errors';

export { jsonResponse, logError } from './errors';
export type { FetchHandler } from './errors';

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body still arriving after this long is refused with 408. */
export const BODY_TIMEOUT_MS = 10_000;

/** A client or server error as `{ ok: false, code, message }`. */
export const errorResponse = (status: number, code: string, message: string, headers?: Record<string, string>): Response =>
  jsonResponse(status, { ok: false, code, message }, headers);

/** Throws 405 unless the request uses one of `methods`. */
export function requireMethod(request: Request, ...methods: string[]): void {
  if (!methods.includes(request.method))
    throw new HttpError(405, 'method_not_allowed', `Use ${methods.join(', ')}.`, { allow: methods.join(', ') });
}

export interface BodyLimits {
  /** @default 65536 */
  limit?: number;
  /** @default 10000 */
  timeoutMs?: number;
}

/** Reads chunks until the end, `limit` bytes or the deadline, whichever comes first. */
async function readChunks(body: ReadableStream<Uint8Array>, limit: number, timeoutMs: number): Promise<Uint8Array[]> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HttpError(408, 'body_timeout', `The body must arrive within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) return chunks;
      size += value.byteLength;
      if (size > limit) throw new HttpError(413, 'body_too_large', `The body must be at most ${limit} bytes.`);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw isHttpError(error) ? error : new HttpError(400, 'body_unreadable', 'The body could not be read.');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the body as UTF-8 text, refusing more than `limit` bytes whether announced by Content-Length or only
 * found while streaming (413), a body still arriving after `timeoutMs` (408), and bytes that are not UTF-8 (400).
 */
export async function readText(
  request: Request,
  { limit = MAX_BODY_BYTES, timeoutMs = BODY_TIMEOUT_MS }: BodyLimits = {},
): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared)) throw new HttpError(400, 'bad_content_length', 'Content-Length is not a number.');
    if (Number(declared) > limit) throw new HttpError(413, 'body_too_large', `The body must be at most ${limit} bytes.`);
  }
  if (request.body === null) return '';
  const chunks = await readChunks(request.body, limit, timeoutMs);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'invalid_encoding', 'The body must be UTF-8.');
  }
}

/**
 * Reads a JSON body. Anything but `application/json` (a charset parameter is fine) answers 415: a form or
 * `text/plain` post needs no CORS preflight, so accepting one would let another site post with the user's
 * cookies. An empty POST without a content type (what a cross-site `fetch(…, { mode: 'no-cors' })` sends) is
 * refused the same way.
 */
export async function readJson(request: Request, options: BodyLimits = {}): Promise<unknown> {
  const type = request.headers.get('content-type');
  if (type === null || type.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await readText(request, options);
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the input, which may be a credential: answer with a fixed text.
    throw new HttpError(400, 'malformed_json', 'The body must be JSON.');
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
