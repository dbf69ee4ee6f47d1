/**
 * The two ways a call to Tencent Cloud FaceID fails, each carrying its own HTTP answer (Hono's
 * `HTTPException.getResponse()` is the model). Messages name the action, Tencent's code and what to do, never
 * the identity, the BizToken, the credentials or Tencent's own `Message` (it can quote the request).
 */

import { ANSWERING_ERROR } from '../http/errors';

/** The two FaceID actions the kit calls. */
export type TencentAction = 'DetectAuth' | 'GetDetectInfoEnhanced';

/** What an error answers the front end with (`{ ok: false, code, message, ...fields }`). */
export interface TencentHttpAnswer {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, unknown>;
}

/**
 * Why Tencent's answer was not used: `error_code` (Tencent answered `Response.Error`: the SDK threw
 * `TencentCloudSDKHttpException` with `.code`), `bad_answer` (an answer that is not FaceID's: missing or
 * malformed fields, not JSON).
 */
export type TencentApiFailure = 'error_code' | 'bad_answer';

const ADVICE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^AuthFailure\.SignatureExpire$/, "this server's clock is more than 5 minutes off: synchronise it (NTP)"],
  [
    /^AuthFailure\.(SecretIdNotFound|InvalidSecretId|SignatureFailure|InvalidAuthorization)$/,
    'check the SecretId / SecretKey the faceid client was created with (CAM console, API keys; no spaces around them)',
  ],
  [/^AuthFailure\.TokenFailure$/, 'the temporary credential token is invalid or expired: refresh it'],
  [/^AuthFailure\.UnauthorizedOperation$/, "the key's CAM user may not call FaceID: grant it access in the CAM console"],
  [/^InvalidParameterValue\.RuleIdNotExist$/, 'check ruleId: it must be a RuleId created and approved in the FaceID console'],
  [/^InvalidParameterValue\.RuleIdDisabled$/, 'the RuleId is disabled in the FaceID console: enable it or use another'],
  [/^InvalidParameterValue\.BizTokenExpired$/, 'the BizToken is past its lifetime: start a new verification'],
  [
    /^InvalidParameterValue\.BizTokenIllegal$/,
    'the BizToken is not one Tencent issued for this account and RuleId: start a new verification',
  ],
  [/^UnauthorizedOperation\.(Nonactivated|Activating|ActivateError)$/, 'activate FaceID (人脸核身) in the Tencent Cloud console'],
  [/^UnauthorizedOperation\.Arrears$/, 'the Tencent Cloud account has overdue payments: settle them'],
  [/^UnauthorizedOperation\.NonAuthorize$/, 'complete the real-name verification of the Tencent Cloud account'],
  [/^RequestLimitExceeded/, 'over the API rate limit (100 calls/s per action): try again shortly'],
  [
    /^(InternalError|FailedOperation)/,
    "a failure on Tencent's side: try again later; quote the requestId to Tencent support if it persists",
  ],
  [
    /^(InvalidParameter|InvalidParameterValue|MissingParameter)/,
    'the request was refused: check the ID number (18 characters, a final X upper case), the name (at most 32 characters) and RedirectUrl',
  ],
];

/** What to do about a Tencent error code, in plain English. */
export function adviceForTencentCode(code: string): string {
  return ADVICE.find(([pattern]) => pattern.test(code))?.[1] ?? "see Tencent Cloud's API error center for this code; quote the requestId";
}

/** Tencent answered an error (`Response.Error`), or an answer the kit cannot use. Nothing was trusted. */
export class TencentApiError extends Error {
  override readonly name = 'TencentApiError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  /**
   * @param action The FaceID action.
   * @param failure `error_code` or `bad_answer`.
   * @param code Tencent's error code (e.g. `AuthFailure.SignatureFailure`), for `error_code`.
   * @param requestId Tencent's RequestId, when it gave one: quote it to Tencent support.
   */
  constructor(
    readonly action: TencentAction,
    readonly failure: TencentApiFailure,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
  ) {
    super(
      failure === 'error_code'
        ? `Tencent FaceID ${action} answered ${code}: ${adviceForTencentCode(code ?? '')}${requestId ? ` (RequestId ${requestId})` : ''}`
        : `Tencent FaceID ${action} gave an answer the kit cannot use (missing or malformed fields); nothing was trusted. Check that the client's endpoint is FaceID's.`,
    );
  }

  /** 502 `tencent_error` with `tencentCode`, or 502 `tencent_bad_answer`. */
  httpAnswer(): TencentHttpAnswer {
    return this.failure === 'error_code'
      ? {
          status: 502,
          code: 'tencent_error',
          message: `Tencent Cloud FaceID answered ${this.code}.`,
          fields: { tencentCode: this.code },
        }
      : { status: 502, code: 'tencent_bad_answer', message: 'Tencent Cloud FaceID gave an unusable answer; nothing was trusted.' };
  }
}

/**
 * Why Tencent could not be reached: `network` (no connection was made: DNS, refused, unreachable), `timeout`
 * (no answer within the client's `reqTimeout`), `interrupted` (the connection broke before an answer),
 * `http-status` (an HTTP status other than 200, e.g. a proxy's).
 */
export type TencentTransportFailure = 'network' | 'timeout' | 'interrupted' | 'http-status';

/** No answer came back from Tencent. */
export class TencentTransportError extends Error {
  override readonly name = 'TencentTransportError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  constructor(
    readonly action: TencentAction,
    readonly failure: TencentTransportFailure,
    /** The HTTP status, for `http-status`. */
    readonly status?: number,
  ) {
    super(
      `Tencent FaceID ${action} failed: ${failure}${status === undefined ? '' : ` (HTTP ${status})`}. ${
        failure === 'network'
          ? 'Check the endpoint and the egress network (DNS, firewall, proxy).'
          : 'Try again; if it persists, check the network path to Tencent Cloud.'
      }`,
    );
  }

  /**
   * False only when no connection was made (`network`), so Tencent cannot have issued anything for this call:
   * a ticket counted against the user may be given back. A timeout or an HTTP status may follow a call that
   * Tencent did receive.
   */
  get mayHaveReachedTencent(): boolean {
    return this.failure !== 'network';
  }

  /** 502 `tencent_unreachable` with `failure`. */
  httpAnswer(): TencentHttpAnswer {
    return {
      status: 502,
      code: 'tencent_unreachable',
      message: `Tencent Cloud FaceID could not be reached (${this.failure}); try again.`,
      fields: { failure: this.failure },
    };
  }
}

const nameOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined);

/** A {@link TencentApiError} from any copy of the kit (recognised by shape, not `instanceof`). */
export const isTencentApiError = (error: unknown): error is TencentApiError =>
  nameOf(error) === 'TencentApiError' && typeof (error as { httpAnswer?: unknown }).httpAnswer === 'function';

/** A {@link TencentTransportError} from any copy of the kit (recognised by shape, not `instanceof`). */
export const isTencentTransportError = (error: unknown): error is TencentTransportError =>
  nameOf(error) === 'TencentTransportError' && typeof (error as { httpAnswer?: unknown }).httpAnswer === 'function';

/** Connection errors that mean no byte reached the far end (node-fetch quotes them in its message). */
const NEVER_CONNECTED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/;

/**
 * Maps what the SDK (or a client double) threw to the kit's errors. The SDK throws
 * `TencentCloudSDKHttpException` for everything: with `.code` for `Response.Error`, with `.httpCode` for a
 * status other than 200, with neither for a network failure or a timeout (its message then quotes the URL and
 * node-fetch's reason, read here and never passed on). Anything else (an answer that is not JSON, a double's
 * own error, a body without `Response`) is a `bad_answer`: the call may have been served, so nothing is given back.
 */
export function mapTencentFailure(action: TencentAction, error: unknown): TencentApiError | TencentTransportError {
  if (isTencentApiError(error) || isTencentTransportError(error)) return error;
  const thrown = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    requestId?: unknown;
    traceId?: unknown;
    httpCode?: unknown;
    message?: unknown;
  };
  const requestId = typeof thrown.requestId === 'string' && thrown.requestId !== '' ? thrown.requestId : undefined;
  if (typeof thrown.code === 'string' && thrown.code !== '') return new TencentApiError(action, 'error_code', thrown.code, requestId);
  if (typeof thrown.httpCode === 'number') return new TencentTransportError(action, 'http-status', thrown.httpCode);
  const fromSdk = typeof thrown.requestId === 'string' && typeof thrown.traceId === 'string';
  const message = typeof thrown.message === 'string' ? thrown.message : '';
  if (fromSdk && NEVER_CONNECTED.test(message)) return new TencentTransportError(action, 'network');
  if (fromSdk && /timeout|timed out|aborted/i.test(message)) return new TencentTransportError(action, 'timeout');
  if (fromSdk) return new TencentTransportError(action, 'interrupted');
  return new TencentApiError(action, 'bad_answer', undefined, undefined);
}
