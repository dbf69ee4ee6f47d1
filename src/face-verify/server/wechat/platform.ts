/** WeChat's server half: tickets (v1 userIdKey, v2 verifyId) and results (v1 verify_result, v2 verify_id). */
import type { WeChatVerifyPayload } from '../../contract';
import { HttpError } from '../http/errors';
import { defineServerPlatform } from '../platform';
import { credentialField } from '../verify-payload';
import { createWeChatIssuer, type WeChatTicketApi } from './issuer';
import { createWeChatVerifier, type WeChatVerifyApi } from './verifier';

/** What the ticket handler's options say about WeChat. */
export interface WeChatTicketOptions {
  /** The WeChat client. A backend for other platforms only may pass none: WeChat requests then answer 400 `wechat_not_configured`. */
  api?: WeChatTicketApi;
  /** Makes the `out_seq_no` sent to WeChat. @default 'tfv' + 29 random hex digits */
  outSeqNo?: () => string;
}

/** What the verify handler's options say about WeChat. */
export interface WeChatVerifyOptions {
  /** The WeChat client. A backend for other platforms only may pass none: WeChat payloads then answer 400 `wechat_not_configured`. */
  api?: WeChatVerifyApi;
}

export const wechatServer = defineServerPlatform<WeChatTicketOptions, WeChatVerifyOptions, WeChatVerifyPayload>({
  name: 'wechat',
  clientOption: 'api',
  credentialFields: ['verify_result', 'verify_id', 'out_seq_no'],
  needsTickets: false,
  readPayload(body) {
    const v1 = body.verify_result !== undefined;
    const v2 = body.verify_id !== undefined || body.out_seq_no !== undefined;
    if (v1 && v2)
      throw new HttpError(400, 'ambiguous_payload', 'Send one credential: verify_result (v1), or verify_id and out_seq_no (v2).');
    if (v1) return { verify_result: credentialField(body, 'verify_result', 4096) };
    if (v2) return { verify_id: credentialField(body, 'verify_id', 512), out_seq_no: credentialField(body, 'out_seq_no', 128) };
    throw new HttpError(400, 'missing_credential', 'Send verify_result (WeChat v1), or verify_id and out_seq_no (WeChat v2).');
  },
  protocolOf: (payload) => ('verify_result' in payload ? 'v1' : 'v2'),
  ticket: (options) => createWeChatIssuer(options.api, options.outSeqNo),
  verify: (options, deps) => createWeChatVerifier(options.api, deps),
});
