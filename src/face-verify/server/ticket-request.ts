/** What ticket requests share across platforms: a typed identity, and a ticket's lifetime option. */
import { HttpError } from './http/errors';
import type { TypedIdentity } from './platform';

/** The typed identity of a ticket request, when it carries one (both fields, non-empty, bounded). */
export function typedIdentityOf(body: Record<string, unknown>): TypedIdentity | undefined {
  const { name, idCardNumber } = body;
  if (name === undefined && idCardNumber === undefined) return undefined;
  const valid = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max;
  if (!valid(name, 64) || !valid(idCardNumber, 32)) {
    throw new HttpError(400, 'invalid_identity', 'name and idCardNumber must both be non-empty strings (at most 64 and 32 characters).');
  }
  return { name: name.trim(), idCardNumber: idCardNumber.trim() };
}

/** A positive whole number of seconds, or a TypeError naming the option. */
export function ticketSeconds(option: string, value: number | undefined, fallback: number, max = Infinity): number {
  const seconds = value ?? fallback;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > max) {
    throw new TypeError(`createTicketHandler: ${option} must be a whole number of seconds from 1 to ${max}`);
  }
  return seconds;
}
