/** Alipay's server half: certify ids (initialize + the signed certify URL) and their results (query). */
import type { AlipayVerifyPayload } from '../../contract';
import { defineServerPlatform } from '../platform';
import { credentialField } from '../verify-payload';
import type { AlipayBizCode } from './api';
import { createAlipayIssuer, type AlipayTicketApi } from './issuer';
import { createAlipayVerifier, type AlipayVerifyApi } from './verifier';

/** What the ticket handler's options say about Alipay. */
export interface AlipayTicketOptions {
  /**
   * The Alipay client (`createAlipayApi({ sdk })`): answers `{ "platform": "alipay" }` with `{ certifyId, url,
   * expiresIn }`. Without it, such a request answers 400 `alipay_not_configured`.
   */
  alipay?: AlipayTicketApi;
  /** Alipay's `biz_code` (the product your app contracted). @default 'FACE' */
  alipayBizCode?: AlipayBizCode;
  /** How long an Alipay certify id is offered for (its ticket is kept this long). @default 600 */
  alipayTicketSeconds?: number;
}

/** What the verify handler's options say about Alipay. */
export interface AlipayVerifyOptions {
  /**
   * The Alipay client (`createAlipayApi({ sdk })`): accepts `{ certify_id }` for certify ids the ticket handler
   * issued (needs `tickets`). Without it, such a payload answers 400 `alipay_not_configured`.
   */
  alipay?: AlipayVerifyApi;
}

export const alipayServer = defineServerPlatform<AlipayTicketOptions, AlipayVerifyOptions, AlipayVerifyPayload>({
  name: 'alipay',
  clientOption: 'alipay',
  credentialFields: ['certify_id'],
  needsTickets: true,
  readPayload: (body) => ({ platform: 'alipay', certify_id: credentialField(body, 'certify_id', 128) }),
  ticket: (options) => createAlipayIssuer(options.alipay, { bizCode: options.alipayBizCode, seconds: options.alipayTicketSeconds }),
  verify: (options, deps) => createAlipayVerifier(options.alipay, deps),
});
