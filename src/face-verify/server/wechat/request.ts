/**
 * One JSON call to WeChat with bounded retries: network errors, timeouts, HTTP 5xx and errcode -1
 * ("system busy") back off and try again; everything else is returned or thrown at once.
 */
import { BUSY_ERRCODE, WeChatTransportError } from './errors';

/** How calls back off and retry when WeChat is busy (-1) or unreachable. */
export interface RetryPolicy {
  /** Extra attempts after the first. @default 3 */
  retries: number;
  /** Delay before the first retry; doubles each time. @default 200 */
  baseDelayMs: number;
  /** @default 2000 */
  maxDelayMs: number;
}

export interface WeChatRequestContext {
  fetch: typeof fetch;
  baseUrl: string;
  retry: RetryPolicy;
  /** Per attempt. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export type WeChatJson = Record<string, unknown> & { errcode?: unknown; errmsg?: unknown };

export interface WeChatCall {
  /** API path without a leading slash, e.g. `cgi-bin/stable_token`. Used in errors. */
  endpoint: string;
  method: 'GET' | 'POST';
  /** Query parameters (may hold secrets: never logged, never put into errors). */
  query?: Record<string, string>;
  body?: unknown;
  /** When to give up, retries included (milliseconds since the epoch, on the real clock). */
  deadline?: number;
}

export const errcodeOf = (json: WeChatJson): number => (typeof json.errcode === 'number' ? json.errcode : 0);
export const errmsgOf = (json: WeChatJson): string => (typeof json.errmsg === 'string' ? json.errmsg : '');

type Attempt = { json: WeChatJson } | { failure: WeChatTransportError };

async function attempt(context: WeChatRequestContext, call: WeChatCall): Promise<Attempt> {
  const url = new URL(call.endpoint, context.baseUrl.endsWith('/') ? context.baseUrl : `${context.baseUrl}/`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await context.fetch(url.toString(), {
      method: call.method,
      headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(Math.max(1, Math.min(context.timeoutMs, (call.deadline ?? Infinity) - Date.now()))),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { failure: new WeChatTransportError(call.endpoint, timedOut ? 'timeout' : 'network') };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { failure: new WeChatTransportError(call.endpoint, 'network') };
  }
  if (!response.ok) return { failure: new WeChatTransportError(call.endpoint, 'http-status', response.status) };
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return { json: json as WeChatJson };
  } catch {
    // Not JSON: reported below without echoing the text, which could hold anything.
  }
  return { failure: new WeChatTransportError(call.endpoint, 'malformed-answer') };
}

function isRetryable(outcome: Attempt): boolean {
  if ('json' in outcome) return errcodeOf(outcome.json) === BUSY_ERRCODE;
  const { failure, status } = outcome.failure;
  return failure === 'network' || failure === 'timeout' || (failure === 'http-status' && (status ?? 0) >= 500);
}

/**
 * Calls WeChat and returns its JSON (whatever its errcode, once retries are spent), or throws a
 * {@link WeChatTransportError} when no JSON could be had.
 */
export async function requestWeChatJson(context: WeChatRequestContext, call: WeChatCall): Promise<WeChatJson> {
  const { retries, baseDelayMs, maxDelayMs } = context.retry;
  let outcome = await attempt(context, call);
  for (let retry = 0; retry < retries && isRetryable(outcome); retry++) {
    const delay = Math.min(baseDelayMs * 2 ** retry, maxDelayMs);
    // A retry that could not finish before the deadline is not started: the caller's budget is spent.
    if (call.deadline !== undefined && Date.now() + delay >= call.deadline) break;
    await context.sleep(delay);
    outcome = await attempt(context, call);
  }
  if ('failure' in outcome) throw outcome.failure;
  return outcome.json;
}
