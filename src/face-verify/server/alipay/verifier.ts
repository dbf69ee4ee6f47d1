/**
 * The verify handler's Alipay branch: a `certify_id` counts only if this server issued it (its ticket, kept as a
 * digest, bound to the user and identity it was issued for), it is consumed exactly once, it is younger than the
 * handler's own age limit, and Alipay's signed query says `passed`.
 */
import { sha256Hex } from '../digest';
import { isAlipayApiError, isAlipayTransportError } from './errors';
import type { Outcome } from '../replay-guard';
import { ticketKey, type TicketStore } from '../stores';
import type { SubjectMacs } from '../subject';
import { traced } from '../telemetry';
import { claimOwnedTicket, putTicketBack } from '../ticket-checks';
import { rejectionResponse, type Rejection } from '../verdict';
import type { AlipayApi } from './api';

/** What the Alipay branch needs from the verify handler. */
export interface AlipayCheckDeps {
  alipay: Pick<AlipayApi, 'query'>;
  tickets: TicketStore;
  /** The handler's replay guard (claim, settle, idempotent retries for the same subject). */
  guard: (
    key: string,
    idempotencyKey: string | undefined,
    fingerprint: string | undefined,
    check: () => Promise<Outcome>,
  ) => Promise<Outcome>;
  now: () => number;
}

/** One Alipay submission: the certify id, whom `expect` says the user is, and the age limit in seconds. */
export interface AlipaySubmission {
  certifyId: string;
  /** The requester, as keyed digests: only the subject the certify id was issued to may use it. */
  subject: SubjectMacs;
  /** The requester's fingerprint, for remembered verdicts. */
  fingerprint: string | undefined;
  maxAgeSeconds: number;
  idempotencyKey: string | undefined;
}

const reject = (rejection: Rejection): Outcome => ({ accepted: false, response: rejectionResponse(rejection) });

/** Alipay was never reached: the request failed before any answer could exist, so the ticket is not spent. */
const notAsked = (error: unknown): boolean => isAlipayTransportError(error) && (error.failure === 'network' || error.failure === 'timeout');

/** Creates the check of one Alipay `certify_id` submission. */
export function createAlipayCheck(deps: AlipayCheckDeps): (submission: AlipaySubmission) => Promise<Outcome> {
  const { alipay, tickets, guard, now } = deps;

  return ({ certifyId, subject, fingerprint, maxAgeSeconds, idempotencyKey }) =>
    guard(`tfv:replay:${sha256Hex(`alipay:${certifyId}`)}`, idempotencyKey, fingerprint, async () => {
      const key = ticketKey('alipay', certifyId);
      // Someone else's, unknown or expired: one answer, and the owner's ticket is left untouched. Taken
      // atomically: of two concurrent posts of one certify id (even on two instances), one gets it.
      const ticket = await claimOwnedTicket(tickets, key, 'alipay', subject, now());
      if (!ticket) return reject({ problems: ['unknown_ticket'] });
      if (now() - ticket.issuedAt > maxAgeSeconds * 1000) return reject({ problems: ['stale'] });
      let passed: boolean;
      try {
        ({ passed } = await traced('alipay.query', {}, () => alipay.query(certifyId)));
      } catch (error) {
        if (notAsked(error)) await putTicketBack(tickets, key, ticket, now());
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
        restore: () => putTicketBack(tickets, key, ticket, now()),
      };
    });
}
