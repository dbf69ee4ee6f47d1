import { isNamedError, type HttpAnswer, ANSWERING_ERROR } from '../http/errors';

/**
 * The three ways a call to Alipay fails. Messages name the method and Alipay's codes, never the identity,
 * the certify id or the raw answer (the SDK's own errors quote the answer text, which may hold identity data,
 * so they are never passed on, not even as `cause`).
 */

/** Alipay answered, signed, with a `code` other than 10000 (a gateway or business error). */
export class AlipayApiError extends Error {
  override readonly name = 'AlipayApiError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  /**
   * @param method The API method, e.g. `alipay.user.certify.open.query`.
   * @param code Alipay's code: 20000 service unavailable, 40001 missing parameter, 40002 invalid parameter
   *   (e.g. `isv.invalid-signature`), 40004 business failure (e.g. `CERTIFY_ID_EXPIRED`), 40006 no permission.
   * @param subCode Alipay's `sub_code`, when it gave one. Its `sub_msg` is not kept: it can quote the request.
   */
  constructor(
    readonly method: string,
    readonly code: string,
    readonly subCode: string | undefined,
  ) {
    super(`Alipay ${method} answered code ${code}${subCode ? ` (${subCode})` : ''}`);
  }

  /** 502 `alipay_error` with `alipayCode` / `subCode` (never `sub_msg`: it may quote the request). */
  httpAnswer(): HttpAnswer {
    const { code, subCode } = this;
    return {
      status: 502,
      code: 'alipay_error',
      fields: { alipayCode: code, ...(typeof subCode === 'string' ? { subCode } : {}) },
      message: `Alipay answered code ${code}${typeof subCode === 'string' ? ` (${subCode})` : ''}.`,
    };
  }

  /** True for 40004 `CERTIFY_ID_EXPIRED`: the certify id is spent; start again with a new one. */
  get certifyIdExpired(): boolean {
    return this.code === '40004' && this.subCode === 'CERTIFY_ID_EXPIRED';
  }
}

/**
 * Why an answer's signature was refused: `invalid` (does not verify), `missing` (no `sign`), `ambiguous` (the
 * answer repeats a key, or names both a response node and `error_response`: what was signed and what would be
 * read could differ, as when a proxy appends a second, unsigned node).
 */
export type AlipaySignatureFailure = 'invalid' | 'missing' | 'ambiguous';

/**
 * Alipay's answer did not carry a valid signature under the configured `alipayPublicKey`: a wrong public key,
 * a tampered answer, an unsigned one (Alipay leaves `error_response` unsigned when it cannot attribute the
 * request to the app: check appId, the app's private key and the sign type), or an ambiguous one (a repeated
 * key: altered on the way). Never trust such an answer.
 */
export class AlipaySignatureError extends Error {
  override readonly name = 'AlipaySignatureError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  constructor(
    readonly method: string,
    readonly failure: AlipaySignatureFailure,
  ) {
    super(
      failure === 'missing'
        ? `Alipay ${method}: the answer carries no signature (check appId, the app's private key and signType)`
        : failure === 'ambiguous'
          ? `Alipay ${method}: the answer repeats a key, so what was signed and what would be read could differ (altered on the way?)`
          : `Alipay ${method}: the answer's signature does not verify with the configured alipayPublicKey`,
    );
  }

  /** 502 `alipay_bad_signature` with `failure`: nothing of the answer was trusted. */
  httpAnswer(): HttpAnswer {
    return {
      status: 502,
      code: 'alipay_bad_signature',
      fields: { failure: this.failure },
      message: "Alipay's answer did not carry a valid signature; nothing was trusted.",
    };
  }
}

/** Why no usable answer came back from Alipay. */
export type AlipayTransportFailure = 'network' | 'timeout' | 'http-status' | 'malformed-answer' | 'sdk-error';

/** Alipay could not be reached, answered something that is not its JSON, or the SDK failed unexpectedly. */
export class AlipayTransportError extends Error {
  override readonly name = 'AlipayTransportError';
  /** Marks it as the kit's, with its own answer (http/errors.ts). */
  readonly [ANSWERING_ERROR] = true as const;
  constructor(
    readonly method: string,
    readonly failure: AlipayTransportFailure,
    /** The HTTP status, for `http-status`. */
    readonly status?: number,
  ) {
    super(`Alipay ${method} failed: ${failure}${status === undefined ? '' : ` (HTTP ${status})`}`);
  }

  /** 502 `alipay_unreachable` with `failure`. */
  httpAnswer(): HttpAnswer {
    return {
      status: 502,
      code: 'alipay_unreachable',
      fields: { failure: this.failure },
      message: `Alipay could not be reached (${this.failure}).`,
    };
  }
}

/** An Alipay answer with `code` ≠ 10000 (`AlipayApiError`) from any copy of the kit. */
export const isAlipayApiError = (error: unknown): error is AlipayApiError => isNamedError(error, 'AlipayApiError', 'code', 'string');

/** An Alipay transport failure (`AlipayTransportError`) from any copy of the kit. */
export const isAlipayTransportError = (error: unknown): error is AlipayTransportError =>
  isNamedError(error, 'AlipayTransportError', 'failure', 'string');
