/**
 * Alipay's verifier: a `certify_id` counts only if this server issued it (its ticket, kept as a digest, bound to
 * the subject it was issued for), it is consumed exactly once, it is younger than the handler's own age limit,
 * and Alipay's signed query says `passed`.
 */
import type { AlipayVerifyPayload } from '../../contract';
import { sha256Hex } from '../digest';
import { HttpError } from '../http/errors';
import type { VerifierDeps, VerifyContext } from '../platform';
import type { Outcome } from '../replay-guard';
import { ticketKey } from '../stores';
import { traced } from '../telemetry';
import { claimOwnedTicket, putTicketBack } from '../ticket-checks';
import { rejectionResponse, type Rejection } from '../verdict';
import type { AlipayApi } from './api';
import { isAlipayApiError, isAlipayTransportError } from './errors';

/** The Alipay call the verifier makes. */
export type AlipayVerifyApi = Pick<AlipayApi, 'query'>;

const reject = (rejection: Rejection): Outcome => ({ accepted: false, response: rejectionResponse(rejection) });

/** Alipay was never reached: the request failed before any answer could exist, so the ticket is not spent. */
const notAsked = (error: unknown): boolean => isAlipayTransportError(error) && (error.failure === 'network' || error.failure === 'timeout');

/** Creates Alipay's verifier over the app's Alipay client, or a 400 for a backend without one. */
export function createAlipayVerifier(alipay: AlipayVerifyApi | undefined, deps: VerifierDeps) {
  const { tickets, guard, now } = deps;
  if (alipay && !tickets) {
    throw new TypeError("createVerifyHandler: alipay needs tickets (the ticket handler's .tickets): only certify ids issued here count");
  }

  return async ({ certify_id: certifyId }: AlipayVerifyPayload, context: VerifyContext): Promise<Outcome> => {
    if (!alipay || !tickets) throw new HttpError(400, 'alipay_not_configured', 'This backend does not verify Alipay certify ids.');
    const { subject, fingerprint, maxAgeSeconds, idempotencyKey } = context;
    return guard(`tfv:replay:${sha256Hex(`alipay:${certifyId}`)}`, idempotencyKey, fingerprint, async () => {
      const ticketId = ticketKey('alipay', certifyId);
      // Someone else's, unknown or expired: one answer, and the owner's ticket is left untouched. Taken
      // atomically: of two concurrent posts of one certify id (even on two instances), one gets it.
      const ticket = await claimOwnedTicket(tickets, ticketId, 'alipay', subject.macs, now());
      if (!ticket) return reject({ problems: ['unknown_ticket'] });
      if (now() - ticket.issuedAt > maxAgeSeconds * 1000) return reject({ problems: ['stale'] });
      let passed: boolean;
      try {
        ({ passed } = await traced('alipay.query', {}, () => alipay.query(certifyId)));
      } catch (error) {
        if (notAsked(error)) await putTicketBack(tickets, ticketId, ticket, now());
        // Alipay says the certify id has expired: the user needs a fresh one (a retryable verdict, not an outage).
        if (isAlipayApiError(error) && error.code === '40004' && error.subCode === 'CERTIFY_ID_EXPIRED') {
          return reject({ problems: ['unknown_ticket'] });
        }
        throw error;
      }
      if (!passed) return reject({ problems: ['not_passed'] });
      return {
        accepted: true,
        fields: { platform: 'alipay', identify_time: Math.floor(now() / 1000) },
        // Unrecorded (a store that failed to settle), the certify id goes back: Alipay's answer can be asked again.
        restore: () => putTicketBack(tickets, ticketId, ticket, now()),
      };
    });
  };
}
