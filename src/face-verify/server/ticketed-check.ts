/**
 * The check every platform whose captures always start from a ticket issued here runs (Alipay's certify id,
 * Tencent's BizToken), written once: the credential is claimed once (replay guard); its ticket must be the
 * requester's (someone else's, unknown or expired answers `unknown_ticket` and is left untouched for its owner)
 * and is taken atomically; it must be younger than the age limit; then the platform is asked, and the ticket goes
 * back only when the platform cannot have been reached. The platform says only how to ask and what its answer means.
 */
import type { PlatformName } from '../contract';
import { sha256Hex } from './digest';
import type { VerifierDeps, VerifyContext } from './platform';
import type { Outcome } from './replay-guard';
import { ticketKey, type IssuedTicket, type TicketKind, type TicketStore } from './stores';
import { traced } from './telemetry';
import { claimOwnedTicket, putTicketBack } from './ticket-checks';
import { rejectionResponse, type Rejection } from './verdict';

/** How one platform's ticketed credential is checked. */
export interface TicketedCheck<Answer> {
  platform: PlatformName & TicketKind;
  /** The span's name of the platform call. */
  span: string;
  /** Asks the platform about the credential. */
  ask(id: string): Promise<Answer>;
  /** True when the call failed before the platform could have received it: the ticket goes back. */
  notAsked(error: unknown): boolean;
  /** A platform failure that is a verdict for the user (e.g. "expired"), not an outage. */
  refusal?(error: unknown): Rejection | undefined;
  /** What the answer means for the ticket's subject: a rejection, or undefined for a pass. */
  judge(answer: Answer, ticket: IssuedTicket, key: Buffer): Rejection | undefined;
}

const reject = (rejection: Rejection): Outcome => ({ accepted: false, response: rejectionResponse(rejection) });

/** The check of one ticketed credential `id`, for the verify handler's `deps`. */
export function checkTicketed<Answer>(
  check: TicketedCheck<Answer>,
  deps: VerifierDeps & { tickets: TicketStore },
  id: string,
  context: VerifyContext,
): Promise<Outcome> {
  const { tickets, guard, now, key } = deps;
  const { subject, fingerprint, maxAgeSeconds, idempotencyKey } = context;
  return guard(`tfv:replay:${sha256Hex(`${check.platform}:${id}`)}`, idempotencyKey, fingerprint, async () => {
    const ticketId = ticketKey(check.platform, id);
    // Someone else's, unknown or expired: one answer, and the owner's ticket is left untouched. Taken atomically:
    // of two concurrent posts of one credential (even on two instances), one gets it.
    const ticket = await claimOwnedTicket(tickets, ticketId, check.platform, subject.macs, now());
    if (!ticket) return reject({ problems: ['unknown_ticket'] });
    if (now() - ticket.issuedAt > maxAgeSeconds * 1000) return reject({ problems: ['stale'] });
    let answer: Answer;
    try {
      answer = await traced(check.span, {}, () => check.ask(id));
    } catch (error) {
      if (check.notAsked(error)) await putTicketBack(tickets, ticketId, ticket, now());
      const refusal = check.refusal?.(error);
      if (refusal) return reject(refusal);
      throw error;
    }
    const rejection = check.judge(answer, ticket, await key());
    if (rejection) return reject(rejection);
    return {
      accepted: true,
      fields: { platform: check.platform, identify_time: Math.floor(now() / 1000) },
      // Unrecorded (a store that failed to settle), the ticket goes back: the platform's answer can be asked again.
      restore: () => putTicketBack(tickets, ticketId, ticket, now()),
    };
  });
}
