/**
 * WeChat's ticket issuer: a `userIdKey` (v1, getuseridkey) or a `verifyId` (v2, getverifyid) for the session's
 * user, so the name and ID number never pass through the front end. v2's query parameters (cert_hash, openid) are
 * kept sealed with the ticket.
 */
import { HttpError } from '../http/errors';
import type { IssueContext } from '../platform';
import { traced } from '../telemetry';
import type { WeChatApi } from './api';
import { certHash } from './cert-hash';

/** The WeChat calls the issuer makes. */
export type WeChatTicketApi = Pick<WeChatApi, 'getUserIdKey' | 'getVerifyId'>;

/** `protocol` of a WeChat ticket request: `{}` means v1. */
function protocolOf(body: Record<string, unknown>): 'v1' | 'v2' {
  const { protocol = 'v1' } = body;
  if (protocol !== 'v1' && protocol !== 'v2') throw new HttpError(400, 'invalid_protocol', 'protocol must be "v1" or "v2".');
  return protocol;
}

/** Creates WeChat's issuer; `outSeqNo` makes the `out_seq_no` sent to WeChat. */
export function createWeChatIssuer(api: WeChatTicketApi | undefined, outSeqNo: (() => string) | undefined) {
  return async (body: Record<string, unknown>, context: IssueContext): Promise<Record<string, unknown>> => {
    const protocol = protocolOf(body);
    context.audit.protocol = protocol;
    if (!api) throw new HttpError(400, 'wechat_not_configured', 'This backend does not issue WeChat tickets.');
    const { identity, subject } = await context.whoAsks();
    const seqNo = outSeqNo?.() ?? context.orderNumber('tfv');
    if (protocol === 'v1') {
      const { userIdKey, expiresIn } = await traced('wechat.getuseridkey', {}, () =>
        api.getUserIdKey({ name: identity.name, idCardNumber: identity.idCardNumber, outSeqNo: seqNo }),
      );
      await context.keep('v1', userIdKey, subject, { outSeqNo: seqNo, seconds: expiresIn });
      return { userIdKey, expiresIn };
    }
    if (identity.openid === undefined) {
      throw new HttpError(400, 'openid_required', "v2 needs the user's openid, and the server does not know it.");
    }
    const openid = identity.openid;
    const { verifyId, expiresIn } = await traced('wechat.getverifyid', {}, () =>
      api.getVerifyId({ outSeqNo: seqNo, name: identity.name, idCardNumber: identity.idCardNumber, openid }),
    );
    await context.keep('v2', verifyId, subject, { outSeqNo: seqNo, seconds: expiresIn, sealed: { certHash: certHash(identity), openid } });
    return { verifyId, outSeqNo: seqNo, expiresIn };
  };
}
