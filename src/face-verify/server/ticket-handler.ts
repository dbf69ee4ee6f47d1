/**
 * The endpoint that issues a ticket for the logged-in user: WeChat's `userIdKey` (v1) or `verifyId` (v2), Alipay's
 * `certifyId` with its certify URL, Tencent's `BizToken` with its verification URL, so the name and ID number never
 * pass through the front end. It remembers what it issued (as digests) in a {@link TicketStore} that the verify
 * handler reads to check the result against the same user. The platform's own part is its issuer
 * (server/<platform>/issuer.ts); who asks, limits and what is kept are decided here, once.
 */
import { randomHex } from './digest';
import { isRecord, jsonResponse, readJson, requireMethod, type FetchHandler } from './http/io';
import { withAudit, type AuditContext, type AuditOptions } from './audit';
import { HttpError, logError, withErrorMapping } from './http/errors';
import { resolveKeyring, seal } from './keyring';
import type { IssueContext, TicketIdentity, TypedIdentity } from './platform';
import { configuredPlatforms, SERVER_PLATFORMS, type PlatformTicketOptions } from './platforms';
import { createMemoryTicketStore, ticketKey, type IssuedTicket, type TicketStore } from './stores';
import type { Subject } from './subject';
import { createTrust, type TrustOptions } from './trust';

export type { TicketIdentity };

/**
 * With `allowTypedIdentity`, what `identity()` may return for an Alipay ticket request that carries the typed
 * name and ID number: the session alone (the openid, or any stable id of your user, binds the certify id to it).
 */
export interface TicketSession {
  openid?: string;
  userId?: string;
}

/** Options of {@link createTicketHandler}: the WeChat client (and/or the Alipay one) and who the logged-in user is. */
export interface TicketHandlerOptions extends TrustOptions, AuditOptions, PlatformTicketOptions {
  /**
   * Alipay: verify the name and ID number typed on the phone (the ticket request's `name` and `idCardNumber`)
   * instead of the ones `identity()` gives; the certify id is then bound to them and to the session's `userId`
   * or `openid`, one of which `identity()` must then give (a request whose session has neither answers 500:
   * a certify id bound to nobody would be accepted for anyone). Off, typed values are ignored and the session's
   * identity is verified. @default false
   */
  allowTypedIdentity?: boolean;
  /**
   * Says who the request's user is (from your session); `null` answers 401. With `allowTypedIdentity`, an Alipay
   * request that carries a typed identity needs only the session ({@link TicketSession}).
   */
  identity: (request: Request) => TicketIdentity | TicketSession | null | Promise<TicketIdentity | TicketSession | null>;
  /** Where issued tickets are kept for the verify handler. @default a fresh in-memory store, exposed as `.tickets` */
  tickets?: TicketStore;
  /** A body still arriving after this long answers 408. @default 10000 */
  bodyTimeoutMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** WeChat failures and unexpected errors (the answer is then a 5xx). @default one console.error line */
  onError?: (error: unknown) => void;
}

/** The ticket endpoint, carrying the store the verify handler should read. */
export type TicketHandler = FetchHandler & { readonly tickets: TicketStore };

function checkIdentity(identity: unknown): asserts identity is TicketIdentity {
  const valid =
    isRecord(identity) &&
    typeof identity.name === 'string' &&
    identity.name !== '' &&
    typeof identity.idCardNumber === 'string' &&
    identity.idCardNumber !== '' &&
    (identity.openid === undefined || typeof identity.openid === 'string') &&
    (identity.userId === undefined || (typeof identity.userId === 'string' && identity.userId !== ''));
  if (!valid) throw new TypeError('identity() must return { name, idCardNumber, openid?, userId? } with non-empty strings, or null');
}

/**
 * Creates the ticket endpoint. Body `{ "protocol": "v1" | "v2" }` (`{}` means WeChat v1; an empty body answers 415),
 * `{ "platform": "alipay" }` or `{ "platform": "tencent" }` (with `name` and `idCardNumber` where typed identities are
 * allowed); answers `{ userIdKey, expiresIn }`, `{ verifyId, outSeqNo, expiresIn }`, `{ certifyId, url, expiresIn }`
 * or `{ bizToken, url, expiresIn }`. Pass its `.tickets` to `createVerifyHandler` so results are checked against the
 * user the ticket was issued for.
 *
 * @example
 * const ticket = createTicketHandler({ api, identity: async (request) => (await sessionUser(request)) ?? null });
 * // With `tickets`, the verify handler refuses a capture no ticket covers (`ticket_required`), so a result made
 * // for another person without a ticket is refused even though `expect` checks only the openid here.
 * const verify = createVerifyHandler({
 *   api,
 *   tickets: ticket.tickets,
 *   expect: async (request) => {
 *     const user = await sessionUser(request);
 *     return user && { openid: user.openid };
 *   },
 * });
 */
export function createTicketHandler(options: TicketHandlerOptions): TicketHandler {
  const keyring = resolveKeyring(options, options.tickets?.keyring);
  // The default store carries this handler's key, so `createVerifyHandler({ tickets: ticket.tickets })` digests
  // with the same one (its own `secret`, when given, must then be the same).
  const tickets: TicketStore = options.tickets ?? Object.assign(createMemoryTicketStore(), { keyring });
  const now = options.now ?? Date.now;
  const onError = options.onError ?? logError('ticket handler');
  const bodyLimits = options.bodyTimeoutMs === undefined ? {} : { timeoutMs: options.bodyTimeoutMs };
  const trust = createTrust({ ...options, keyring }, 'createTicketHandler', undefined, [options.tickets]);
  configuredPlatforms(options, 'createTicketHandler');
  const issuers = new Map(SERVER_PLATFORMS.map((platform) => [platform.name as string, platform.ticket(options)]));

  /** The session's identity (401 without one), counted against the subject's and the ID number's limits. */
  async function whoAsks(
    request: Request,
    audit: AuditContext,
    typed?: TypedIdentity,
  ): Promise<{ identity: TicketIdentity; subject: Subject }> {
    const session = await options.identity(request);
    // `user && { … }` for a logged-out user is undefined (or false): "not logged in" as much as null is.
    if (session === null || session === undefined || (session as unknown) === false)
      throw new HttpError(401, 'unauthenticated', 'Log in first.');
    let identity: TicketIdentity;
    if (typed && options.allowTypedIdentity) {
      if (!isRecord(session)) throw new TypeError('identity() must return an object (or null)');
      const { userId, openid } = session as TicketSession;
      const stable = (value: unknown): value is string => typeof value === 'string' && value !== '';
      // A typed identity is bound to the account asking: without a stable id it would be bound to nobody.
      if (!stable(userId) && !stable(openid)) {
        throw new TypeError('allowTypedIdentity: identity() must give the session a stable userId or openid');
      }
      identity = { ...typed, ...(stable(openid) ? { openid } : {}), ...(stable(userId) ? { userId } : {}) };
    } else {
      checkIdentity(session);
      identity = session;
    }
    const subject = await trust.subject(identity);
    if (subject.id !== undefined) audit.subject = subject.id;
    await trust.limit('ticketPerSubject', subject.id);
    // A typed ID number is counted apart from a session's own: accounts typing someone's ID number (not a secret in
    // China) spend the typed count, never the owner's own tickets.
    const typedUsed = typed !== undefined && options.allowTypedIdentity === true;
    await trust.limit('ticketPerIdCard', subject.macs.i === undefined ? undefined : `${typedUsed ? 'typed' : 'own'}:${subject.macs.i}`);
    return { identity, subject };
  }

  /** Keeps what was issued, bound to its subject; `sealed` (v2's query parameters) encrypted. */
  const keep: IssueContext['keep'] = async (kind, id, subject, fields) => {
    const issuedAt = now();
    const ticket: IssuedTicket = {
      protocol: kind,
      subject: subject.macs,
      outSeqNo: fields.outSeqNo,
      issuedAt,
      expiresAt: issuedAt + fields.seconds * 1000,
      ...(fields.sealed ? { sealed: seal(await trust.key(), JSON.stringify(fields.sealed)) } : {}),
    };
    await tickets.put(ticketKey(kind, id), ticket, fields.seconds);
  };

  async function handle(request: Request, audit: AuditContext): Promise<Response> {
    requireMethod(request, 'POST');
    audit.success = 'issued';
    const body = await readJson(request, bodyLimits);
    if (!isRecord(body)) throw new HttpError(400, 'invalid_payload', 'The body must be a JSON object, e.g. {"protocol":"v1"}.');
    const { platform = 'wechat' } = body;
    const issue = typeof platform === 'string' ? issuers.get(platform) : undefined;
    if (!issue) {
      throw new HttpError(400, 'invalid_platform', `platform must be one of: ${SERVER_PLATFORMS.map((p) => `"${p.name}"`).join(', ')}.`);
    }
    audit.platform = platform as AuditContext['platform'];
    await trust.limitIp('ticketPerIp', request);
    const context: IssueContext = {
      audit,
      whoAsks: (typed) => whoAsks(request, audit, typed),
      keep,
      // 32 letters and digits: the prefix and 29 random hex digits, unique per request.
      orderNumber: (prefix) => `${prefix}${randomHex(15).slice(1)}`,
    };
    return jsonResponse(200, await issue(body, context));
  }

  return Object.assign(withAudit('face_verify.ticket', withErrorMapping(handle, onError), options, onError), { tickets });
}
