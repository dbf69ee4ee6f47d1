/**
 * Tencent Cloud FaceID's verifier: a `biz_token` counts only if this server issued it, to this subject; it is
 * consumed exactly once, it is younger than the handler's age limit, and `GetDetectInfoEnhanced` reports a pass
 * (ErrCode 0, similarity ≥ 70) for the very person the token was issued for (compared as keyed digests).
 */
import type { TencentVerifyPayload } from '../../contract';
import { constantTimeEqual, md5Hex, sha256Hex } from '../digest';
import { HttpError } from '../http/errors';
import type { VerifierDeps, VerifyContext } from '../platform';
import type { Outcome } from '../replay-guard';
import { ticketKey } from '../stores';
import { idCardMac, nameMac } from '../subject';
import { traced } from '../telemetry';
import { claimOwnedTicket, putTicketBack } from '../ticket-checks';
import { rejectionResponse } from '../verdict';
import type { TencentFaceIdApi } from './api';
import { judgeDetectInfo } from './detect-info';
import { isTencentTransportError } from './errors';

/** The Tencent call the verifier makes. */
export type TencentVerifyApi = Pick<TencentFaceIdApi, 'getDetectInfo'>;

/** Creates Tencent's verifier over the app's FaceID client, or a 400 for a backend without one. */
export function createTencentVerifier(tencent: TencentVerifyApi | undefined, deps: VerifierDeps) {
  const { tickets, guard, now, key } = deps;
  if (tencent && !tickets) {
    throw new TypeError("createVerifyHandler: tencent needs tickets (the ticket handler's .tickets): only BizTokens issued here count");
  }

  return async ({ biz_token: bizToken }: TencentVerifyPayload, context: VerifyContext): Promise<Outcome> => {
    if (!tencent || !tickets)
      throw new HttpError(400, 'tencent_not_configured', 'This backend does not verify Tencent Cloud FaceID results.');
    const { subject, fingerprint, maxAgeSeconds, idempotencyKey } = context;
    return guard(`tfv:replay:${sha256Hex(`tencent:${bizToken}`)}`, idempotencyKey, fingerprint, async () => {
      const ticketId = ticketKey('tencent', bizToken);
      // Someone else's, unknown or expired: one answer, and the owner's token is left untouched. Taken atomically:
      // of two concurrent posts of one token (even on two instances), one gets it.
      const ticket = await claimOwnedTicket(tickets, ticketId, 'tencent', subject.macs, now());
      if (!ticket) return { accepted: false, response: rejectionResponse({ problems: ['unknown_ticket'] }) };
      if (now() - ticket.issuedAt > maxAgeSeconds * 1000) return { accepted: false, response: rejectionResponse({ problems: ['stale'] }) };
      let info;
      try {
        info = await traced('tencent.getdetectinfo', {}, () => tencent.getDetectInfo(bizToken));
      } catch (error) {
        // No connection was made: Tencent cannot have judged the token, so the user keeps it for a retry.
        if (isTencentTransportError(error) && !error.mayHaveReachedTencent) await putTicketBack(tickets, ticketId, ticket, now());
        throw error;
      }
      const digestKey = await key();
      const judgement = judgeDetectInfo(info, {
        nameMatches: (name) => constantTimeEqual(nameMac(digestKey, md5Hex(name)), ticket.subject.n ?? ''),
        idCardMatches: (idCard) => constantTimeEqual(idCardMac(digestKey, md5Hex(idCard)), ticket.subject.i ?? ''),
      });
      if (!judgement.passed) {
        const { problems, ret } = judgement;
        return { accepted: false, response: rejectionResponse({ problems, ...(ret === undefined ? {} : { ret }) }) };
      }
      return {
        accepted: true,
        fields: { platform: 'tencent', identify_time: Math.floor(now() / 1000) },
        // Unrecorded (a store that failed to settle), the token goes back: Tencent's result can be pulled again (3 days).
        restore: () => putTicketBack(tickets, ticketId, ticket, now()),
      };
    });
  };
}
