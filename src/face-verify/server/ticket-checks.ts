/** What the verify handler does with an issued ticket: take it exactly once, and compare it with `expect`. */
import type { ExpectedDigests } from './check-verify-info';
import { constantTimeEqual } from './digest';
import type { IssuedTicket, TicketStore } from './stores';
import type { RejectionCode } from './verdict';

/** Reads and removes a ticket in one step where the store can (exactly once across instances). */
export async function takeTicket(store: TicketStore, key: string): Promise<IssuedTicket | undefined> {
  if (store.take) return store.take(key);
  const ticket = await store.get(key);
  if (ticket) await store.delete(key);
  return ticket;
}

/** Puts a taken ticket back for the rest of its lifetime (when the platform could not be asked). */
export async function putTicketBack(store: TicketStore, key: string, ticket: IssuedTicket, now: number): Promise<void> {
  await store.put(key, ticket, Math.max(1, Math.ceil((ticket.expiresAt - now) / 1000)));
}

/** Where `expected` and the ticket disagree about the user (before asking the platform). */
export function ticketConflicts(expected: ExpectedDigests, ticket: IssuedTicket): RejectionCode[] {
  const conflicts: RejectionCode[] = [];
  if (expected.nameMd5 !== undefined && !constantTimeEqual(expected.nameMd5, ticket.nameMd5)) conflicts.push('name_mismatch');
  if (expected.idCardMd5 !== undefined && !constantTimeEqual(expected.idCardMd5, ticket.idCardMd5)) conflicts.push('id_card_mismatch');
  if (expected.openid !== undefined && !constantTimeEqual(expected.openid, ticket.openid ?? '')) conflicts.push('openid_mismatch');
  return conflicts;
}
