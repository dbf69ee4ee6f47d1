import { isNamedError, type HttpAnswer, ANSWERING_ERROR } from '../http/errors';

/**
 * The two ways a call to WeChat fails. Messages name the endpoint and WeChat's code, never the token,
 * the identity or the credential involved.
 */

/** WeChat answered, with an `errcode` other than 0. */
export class WeChatApiError extends Error {
  override readonly name = 'WeChatApiError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  /**
   * @param endpoint The API path, e.g. `cityservice/face/identify/getinfo` (never the query string).
   * @param errcode WeChat's code: 84001 invalid credential, 84002 user info expired, 40001 bad token, -1 busy, …
   * @param errmsg WeChat's own text: kept as a property, left out of the message (which is logged), since it is
   *   text the kit does not control.
   */
  constructor(
    readonly endpoint: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${endpoint} answered errcode ${errcode}`);
  }

  /** 502 `wechat_error` with WeChat's `errcode` (never its text). */
  httpAnswer(): HttpAnswer {
    return { status: 502, code: 'wechat_error', fields: { errcode: this.errcode }, message: `WeChat answered errcode ${this.errcode}.` };
  }
}

/** A WeChat API error (`errcode` ≠ 0) from any copy of the kit. */
export const isWeChatApiError = (error: unknown): error is WeChatApiError => isNamedError(error, 'WeChatApiError', 'errcode', 'number');

/** Why no usable answer came back from WeChat. */
export type WeChatTransportFailure = 'network' | 'timeout' | 'http-status' | 'malformed-answer';

/** WeChat could not be reached, or answered something that is not its JSON. */
export class WeChatTransportError extends Error {
  override readonly name = 'WeChatTransportError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  constructor(
    readonly endpoint: string,
    readonly failure: WeChatTransportFailure,
    /** The HTTP status, for `http-status`. */
    readonly status?: number,
  ) {
    super(`WeChat ${endpoint} failed: ${failure}${status === undefined ? '' : ` (HTTP ${status})`}`);
  }

  /** 502 `wechat_unreachable`. */
  httpAnswer(): HttpAnswer {
    return { status: 502, code: 'wechat_unreachable', message: `WeChat could not be reached (${this.failure}).` };
  }
}

/** Token errors after which the cached token is dropped, refetched once and the call retried once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** "System busy": back off and retry. */
export const BUSY_ERRCODE = -1;
