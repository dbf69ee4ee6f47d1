/**
 * The trust rules for issued tickets, once for every platform: a ticket is used only by the subject it was
 * issued to, exactly once. A ticket that is not the requester's answers `unknown_ticket` whatever differs
 * (no oracle), and is left untouched for its owner.
 */
import type { IssuedTicket, TicketKind, TicketStore } from './stores';
import { ownedBy, type SubjectMacs } from './subject';

/** A record in the current shape (one written by an older version of the kit is treated as absent). */
const isCurrent = (ticket: IssuedTicket | undefined, kind: TicketKind): ticket is IssuedTicket =>
  ticket !== undefined &&
  ticket.protocol === kind &&
  typeof ticket.subject === 'object' &&
  ticket.subject !== null &&
  typeof ticket.issuedAt === 'number' &&
  typeof ticket.expiresAt === 'number';

/** The ticket under `key` if it is of `kind` and the requester (`expected`) owns it; nothing is consumed. */
export async function readOwnedTicket(
  store: TicketStore,
  key: string,
  kind: TicketKind,
  expected: SubjectMacs,
): Promise<IssuedTicket | undefined> {
  const ticket = await store.get(key);
  return isCurrent(ticket, kind) && ownedBy(ticket.subject, expected) ? ticket : undefined;
}

/**
 * Reads and removes a ticket in one step where the store can (exactly once across instances), then checks
 * it is still the requester's; one that is not goes back untouched.
 */
export async function takeOwnedTicket(
  store: TicketStore,
  key: string,
  kind: TicketKind,
  expected: SubjectMacs,
  now: number,
): Promise<IssuedTicket | undefined> {
  let ticket: IssuedTicket | undefined;
  if (store.take) ticket = await store.take(key);
  else {
    ticket = await store.get(key);
    if (ticket) await store.delete(key);
  }
  if (!isCurrent(ticket, kind)) return undefined;
  if (!ownedBy(ticket.subject, expected)) {
    await putTicketBack(store, key, ticket, now);
    return undefined;
  }
  return ticket;
}

/** Reads, checks and takes the requester's ticket: {@link readOwnedTicket} then {@link takeOwnedTicket}. */
export async function claimOwnedTicket(
  store: TicketStore,
  key: string,
  kind: TicketKind,
  expected: SubjectMacs,
  now: number,
): Promise<IssuedTicket | undefined> {
  if (!(await readOwnedTicket(store, key, kind, expected))) return undefined;
  return takeOwnedTicket(store, key, kind, expected, now);
}

/** Puts a taken ticket back for the rest of its lifetime (when the platform could not be asked). */
export async function putTicketBack(store: TicketStore, key: string, ticket: IssuedTicket, now: number): Promise<void> {
  const seconds = Math.ceil((ticket.expiresAt - now) / 1000);
  if (seconds > 0) await store.put(key, ticket, seconds);
}
