/** Small Web-standard helpers the handlers share: JSON answers and a size-limited body reader. */
import { WeChatApiError, WeChatTransportError } from './errors';
import { PushDecryptError } from './push-crypto';

/** A Web-standard handler: `(request: Request) => Promise<Response>`. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** A client or server error as `{ ok: false, code, message }`. */
export const errorResponse = (status: number, code: string, message: string, headers?: Record<string, string>): Response =>
  jsonResponse(status, { ok: false, code, message }, headers);

export const methodNotAllowed = (allow: string): Response => errorResponse(405, 'method_not_allowed', `Use ${allow}.`, { allow });

export type BodyText = { ok: true; text: string } | { ok: false; response: Response };

/**
 * Reads the body as UTF-8 text, refusing more than `limit` bytes whether announced by Content-Length
 * or only found while streaming, and refusing bytes that are not UTF-8.
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<BodyText> {
  const tooLarge = (): BodyText => ({
    ok: false,
    response: errorResponse(413, 'body_too_large', `The body must be at most ${limit} bytes.`),
  });
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared))
      return { ok: false, response: errorResponse(400, 'bad_content_length', 'Content-Length is not a number.') };
    if (Number(declared) > limit) return tooLarge();
  }
  if (request.body === null) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, response: errorResponse(400, 'body_unreadable', 'The body could not be read.') };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, response: errorResponse(400, 'invalid_encoding', 'The body must be UTF-8.') };
  }
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads and parses a JSON body; an empty body is `emptyAs` when given, else a 400. */
export async function readJsonBody(request: Request, options: { emptyAs?: unknown; limit?: number } = {}): Promise<JsonBody> {
  const body = await readBodyText(request, options.limit);
  if (!body.ok) return body;
  if (body.text.trim() === '' && 'emptyAs' in options) return { ok: true, value: options.emptyAs };
  try {
    return { ok: true, value: JSON.parse(body.text) };
  } catch {
    // The parser's message quotes the input, which may be a credential: answer with a fixed text.
    return { ok: false, response: errorResponse(400, 'malformed_json', 'The body must be JSON.') };
  }
}

/**
 * The default `onError` of the handlers: one line on stderr. The kit's own errors carry no identity data or
 * credentials and are logged with their message; anything else (thrown by your `expect` / `identity` /
 * callbacks) is logged by its name only, since its message may quote a name, an ID number or a credential.
 * Pass `onError` to log more.
 */
export function logError(where: string): (error: unknown) => void {
  return (error) => console.error(`[taro-face-verify] ${where}: ${describeError(error)}`);
}

function describeError(error: unknown): string {
  if (error instanceof WeChatApiError || error instanceof WeChatTransportError || error instanceof PushDecryptError)
    return `${error.name}: ${error.message}`;
  const name = error instanceof Error ? error.name : typeof error;
  return `${name} (message withheld: it may quote personal data; pass onError to see it)`;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer for an error a handler did not expect to handle: 502 for WeChat failures, else 500. */
export function failureResponse(error: unknown): Response {
  if (error instanceof WeChatApiError) {
    return jsonResponse(502, {
      ok: false,
      code: 'wechat_error',
      errcode: error.errcode,
      message: `WeChat answered errcode ${error.errcode}.`,
    });
  }
  if (error instanceof WeChatTransportError) {
    return jsonResponse(502, { ok: false, code: 'wechat_unreachable', message: `WeChat could not be reached (${error.failure}).` });
  }
  return errorResponse(500, 'internal_error', 'The request could not be completed; try again.');
}
