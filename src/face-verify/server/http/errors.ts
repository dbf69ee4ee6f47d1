/**
 * The handlers' one pipeline: early exits are thrown as an {@link HttpError} (Hono's `HTTPException` is the
 * model), and one mapper turns whatever was thrown into the answer. Errors are recognised by their shape
 * (`name` and fields), not `instanceof`, so a second copy of the kit (ESM next to CJS) maps them the same.
 */

/** A Web-standard handler: `(request: Request) => Promise<Response>`. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * An answer a handler gives up with: `{ ok: false, code, message }` with this status and headers.
 *
 * @example
 * throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    /** The HTTP status, 400–599. */
    readonly status: number,
    /** A stable machine-readable reason, e.g. `body_timeout`. */
    readonly code: string,
    message: string,
    /** Extra response headers (`Allow`, `Retry-After`, …). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** Extra fields of the JSON body. */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * A shared store (Redis, …) failed or did not answer in time: the request is answered 503 with
 * `Retry-After`, and nothing was accepted.
 *
 * @example
 * throw new StoreUnavailableError('timeout');
 */
export class StoreUnavailableError extends HttpError {
  override readonly name = 'StoreUnavailableError';
  constructor(
    /** `timeout`: no answer within the store's time limit; `error`: the store answered with an error or is disconnected. */
    readonly reason: 'timeout' | 'error',
    retryAfterSeconds = 1,
  ) {
    super(
      503,
      'store_unavailable',
      reason === 'timeout'
        ? 'The shared store did not answer in time; try again shortly.'
        : 'The shared store is unavailable; try again shortly.',
      { 'retry-after': String(retryAfterSeconds) },
      { reason },
    );
  }
}

type HttpErrorShape = { status: number; code: string; message: string; headers?: unknown; fields?: unknown };
const HTTP_ERROR_NAMES = new Set(['HttpError', 'StoreUnavailableError']);

/** True for an {@link HttpError} from any copy of the kit (not for other errors that happen to carry a `status`). */
export function isHttpError(error: unknown): error is HttpErrorShape {
  if (typeof error !== 'object' || error === null) return false;
  const { name, status, code, message } = error as Partial<HttpErrorShape> & { name?: unknown };
  return (
    typeof name === 'string' &&
    HTTP_ERROR_NAMES.has(name) &&
    typeof status === 'number' &&
    status >= 400 &&
    status <= 599 &&
    typeof code === 'string' &&
    typeof message === 'string'
  );
}

/**
 * What a platform's error answers: each platform's errors (server/<platform>/errors.ts) carry their own answer,
 * so this mapper names no platform. Their messages carry codes only (never identity or credentials).
 */
export interface HttpAnswer {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, unknown>;
}

/**
 * The mark of the kit's platform errors. `Symbol.for`, so a second copy of the kit (ESM next to CJS) marks its errors
 * the same; an app's own error that happens to have an `httpAnswer` method is not taken for one (its answer and
 * message are the app's, and may quote anything).
 */
export const ANSWERING_ERROR: unique symbol = Symbol.for('taro-face-verify.answering-error') as never;

/** An error of the kit that knows its answer; its message carries codes only, never identity or credentials. */
export interface AnsweringError extends Error {
  readonly [ANSWERING_ERROR]: true;
  httpAnswer(): HttpAnswer;
}

/** True for a platform error of the kit that carries its own answer ({@link AnsweringError}). */
export const isAnsweringError = (error: unknown): error is AnsweringError =>
  error instanceof Error &&
  (error as Partial<AnsweringError>)[ANSWERING_ERROR] === true &&
  typeof (error as Partial<AnsweringError>).httpAnswer === 'function';

/** The kit's errors whose messages carry codes only (never identity or credentials), so they may be logged. */
const KIT_ERRORS = new Set(['PushDecryptError', 'StoreUnavailableError']);

const nameOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as Error).name === 'string' ? (error as Error).name : undefined;

/** The name-based check the platforms' guards share: `name` matches and `field` has the type. */
export const isNamedError = <T>(error: unknown, name: string, field: string, type: 'string' | 'number'): error is Error & T =>
  nameOf(error) === name && typeof (error as Record<string, unknown>)[field] === type;

/** The `code` of each JSON answer made here, so the audit record needs not read the body back. */
const RESPONSE_CODES = new WeakMap<Response, string | number>();

/** The `code` of an answer made by {@link jsonResponse} (a rejection or an error), else undefined. */
export const codeOfResponse = (response: Response): string | number | undefined => RESPONSE_CODES.get(response);

export function jsonResponse(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Response {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  if (typeof code === 'string' || typeof code === 'number') RESPONSE_CODES.set(response, code);
  return response;
}

/**
 * The one error mapper: an {@link HttpError} answers as itself, a platform's error with its own answer (WeChat's
 * `wechat_error` / `wechat_unreachable`, Alipay's `alipay_error` / `alipay_bad_signature` / `alipay_unreachable`,
 * Tencent's `tencent_error` / `tencent_unreachable` / `tencent_bad_answer`: all 502), anything else 500.
 */
export function errorToResponse(error: unknown): Response {
  if (isHttpError(error)) {
    const headers = (error.headers ?? {}) as Record<string, string>;
    const fields = (error.fields ?? {}) as Record<string, unknown>;
    return jsonResponse(error.status, { ok: false, code: error.code, message: error.message, ...fields }, headers);
  }
  if (isAnsweringError(error)) {
    const { status, code, message, fields = {} } = error.httpAnswer();
    return jsonResponse(status, { ok: false, code, ...fields, message });
  }
  return jsonResponse(500, { ok: false, code: 'internal_error', message: 'The request could not be completed; try again.' });
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
  const name = nameOf(error);
  if (name !== undefined && (KIT_ERRORS.has(name) || isAnsweringError(error))) return `${name}: ${(error as Error).message}`;
  return `${name ?? typeof error} (message withheld: it may quote personal data; pass onError to see it)`;
}

/**
 * Runs `handle` and maps what it throws with {@link errorToResponse}. Client errors (4xx) are answers, not
 * failures, so only 5xx reach `onError`.
 */
export function withErrorMapping<Rest extends unknown[]>(
  handle: (request: Request, ...rest: Rest) => Promise<Response>,
  onError: (error: unknown) => void,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    try {
      return await handle(request, ...rest);
    } catch (error) {
      const response = errorToResponse(error);
      if (response.status >= 500) onError(error);
      return response;
    }
  };
}
