/** Tencent Cloud FaceID's server half (H5 route): BizTokens (DetectAuth) and their results (GetDetectInfoEnhanced). */
import type { TencentVerifyPayload } from '../../contract';
import { defineServerPlatform } from '../platform';
import { credentialField } from '../verify-payload';
import { createTencentIssuer, type TencentTicketApi } from './issuer';
import { createTencentVerifier, type TencentVerifyApi } from './verifier';

/** What the ticket handler's options say about Tencent Cloud FaceID. */
export interface TencentTicketOptions {
  /**
   * The FaceID client (`createTencentFaceIdApi({ client, ruleId, redirectUrl })`): answers `{ "platform": "tencent" }`
   * with `{ bizToken, url, expiresIn }`. Without it, such a request answers 400 `tencent_not_configured`.
   */
  tencent?: TencentTicketApi;
  /** How long a BizToken is offered for (its ticket is kept this long); at most 7200, Tencent's own limit. @default 1800 */
  tencentTicketSeconds?: number;
}

/** What the verify handler's options say about Tencent Cloud FaceID. */
export interface TencentVerifyOptions {
  /**
   * The FaceID client (`createTencentFaceIdApi(…)`): accepts `{ platform: 'tencent', biz_token }` for BizTokens the
   * ticket handler issued (needs `tickets`). Without it, such a payload answers 400 `tencent_not_configured`.
   */
  tencent?: TencentVerifyApi;
}

export const tencentServer = defineServerPlatform<TencentTicketOptions, TencentVerifyOptions, TencentVerifyPayload>({
  name: 'tencent',
  clientOption: 'tencent',
  credentialFields: ['biz_token'],
  needsTickets: true,
  readPayload: (body) => ({ platform: 'tencent', biz_token: credentialField(body, 'biz_token', 512) }),
  ticket: (options) => createTencentIssuer(options.tencent, { seconds: options.tencentTicketSeconds }),
  verify: (options, deps) => createTencentVerifier(options.tencent, deps),
});
