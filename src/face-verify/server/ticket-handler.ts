/**
 * The endpoint that issues a ticket for the logged-in user: a `userIdKey` (v1) or a `verifyId` (v2), or an
 * Alipay `certifyId` with its certify URL, so the name and ID number never pass through the front end. It
 * remembers what it issued (as digests) in a {@link TicketStore} that the verify handler reads to check the
 * result against the same user.
 */
import { certHash } from './wechat/cert-hash';
import { randomHex } from './digest';
import { isRecord, jsonResponse, readJson, requireMethod, type FetchHandler } from './http/io';
import { withAudit, type AuditContext, type AuditOptions } from './audit';
import { HttpError, logError, withErrorMapping } from './http/errors';
import { resolveKeyring, seal } from './keyring';
import { createMemoryTicketStore, ticketKey, type IssuedTicket, type TicketKind, type TicketStore } from './stores';
import type { Subject } from './subject';
import { traced } from './telemetry';
import { createTrust, type TrustOptions } from './trust';
import type { WeChatApi } from './wechat/api';
import type { AlipayApi, AlipayBizCode } from './alipay/api';

/** Who the logged-in user is. `openid` is required for v2. */
export interface TicketIdentity {
  name: string;
  idCardNumber: string;
  openid?: string;
  /** Your stable id of the user (session user id): binds the ticket, limits and remembered verdicts to the account. */
  userId?: string;
}

/**
 * With `allowTypedIdentity`, what `identity()` may return for an Alipay ticket request that carries the typed
 * name and ID number: the session alone (the openid, or any stable id of your user, binds the certify id to it).
 */
export interface TicketSession {
  openid?: string;
  userId?: string;
}

/** Options of {@link createTicketHandler}: the WeChat client (and/or the Alipay one) and who the logged-in user is. */
export interface TicketHandlerOptions extends TrustOptions, AuditOptions {
  /** The WeChat client. An Alipay-only backend may pass none: WeChat ticket requests then answer 400 `wechat_not_configured`. */
  api?: Pick<WeChatApi, 'getUserIdKey' | 'getVerifyId'>;
  /**
   * The Alipay client (`createAlipayApi({ sdk })`): answers `{ "platform": "alipay" }` with `{ certifyId, url,
   * expiresIn }`. Without it, such a request answers 400 `alipay_not_configured`.
   */
  alipay?: Pick<AlipayApi, 'initialize' | 'certifyUrl'>;
  /** Alipay's `biz_code` (the product your app contracted). @default 'FACE' */
  alipayBizCode?: AlipayBizCode;
  /** How long an Alipay certify id is offered for (its ticket is kept this long). @default 600 */
  alipayTicketSeconds?: number;
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
  /** Makes the `out_seq_no` sent to WeChat. @default 'tfv' + 29 random hex digits */
  outSeqNo?: () => string;
  /** A body still arriving after this long answers 408. @default 10000 */
  bodyTimeoutMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** WeChat failures and unexpected errors (the answer is then a 5xx). @default one console.error line */
  onError?: (error: unknown) => void;
}

/** The ticket endpoint, carrying the store the verify handler should read. */
export type TicketHandler = FetchHandler & { readonly tickets: TicketStore };

type TicketKindRequest = { kind: 'v1' | 'v2' } | { kind: 'alipay'; typed?: { name: string; idCardNumber: string } };

/** The typed identity of a ticket request, when it carries one (both fields, non-empty, bounded). */
function typedIdentityOf(body: Record<string, unknown>): { name: string; idCardNumber: string } | undefined {
  const { name, idCardNumber } = body;
  if (name === undefined && idCardNumber === undefined) return undefined;
  const valid = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max;
  if (!valid(name, 64) || !valid(idCardNumber, 32)) {
    throw new HttpError(400, 'invalid_identity', 'name and idCardNumber must both be non-empty strings (at most 64 and 32 characters).');
  }
  return { name: name.trim(), idCardNumber: idCardNumber.trim() };
}

function parseTicketRequest(body: unknown): TicketKindRequest {
  if (!isRecord(body)) throw new HttpError(400, 'invalid_payload', 'The body must be a JSON object, e.g. {"protocol":"v1"}.');
  const { protocol = 'v1', platform = 'wechat' } = body;
  if (platform === 'alipay') {
    const typed = typedIdentityOf(body);
    return typed ? { kind: 'alipay', typed } : { kind: 'alipay' };
  }
  if (platform !== 'wechat') throw new HttpError(400, 'invalid_platform', 'platform must be "wechat" or "alipay".');
  if (protocol !== 'v1' && protocol !== 'v2') throw new HttpError(400, 'invalid_protocol', 'protocol must be "v1" or "v2".');
  return { kind: protocol };
}

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
 * Creates the ticket endpoint. Body `{ "protocol": "v1" | "v2" }` (`{}` means v1; an empty body answers 415) or `{ "platform": "alipay" }`;
 * answers `{ userIdKey, expiresIn }`, `{ verifyId, outSeqNo, expiresIn }` or (with `alipay`) `{ certifyId, url,
 * expiresIn }`. Pass its `.tickets` to `createVerifyHandler` so results are checked against the user the ticket
 * was issued for.
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
  // 32 characters: 'tfv' and 29 random hex digits.
  const newOutSeqNo = options.outSeqNo ?? (() => `tfv${randomHex(15).slice(1)}`);
  const onError = options.onError ?? logError('ticket handler');
  const bodyLimits = options.bodyTimeoutMs === undefined ? {} : { timeoutMs: options.bodyTimeoutMs };
  const trust = createTrust({ ...options, keyring }, 'createTicketHandler', undefined, [options.tickets]);

  const alipayTicketSeconds = options.alipayTicketSeconds ?? 600;
  if (!Number.isInteger(alipayTicketSeconds) || alipayTicketSeconds < 1) {
    throw new TypeError('createTicketHandler: alipayTicketSeconds must be a positive whole number of seconds');
  }
  if (!options.api && !options.alipay) throw new TypeError('createTicketHandler needs api (WeChat), alipay, or both');

  /** The session's identity (401 without one), counted against the subject's and the ID number's limits. */
  async function whoAsks(
    request: Request,
    audit: AuditContext,
    typed?: { name: string; idCardNumber: string },
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

  /** Keeps what was issued, bound to its subject; the v2 query parameters sealed. */
  async function keep(kind: TicketKind, id: string, subject: Subject, fields: { outSeqNo: string; seconds: number; sealed?: object }) {
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
  }

  /** Alipay: `initialize` for whom the session (or, if allowed, the phone) says, then the certify URL. */
  async function issueAlipay(
    request: Request,
    audit: AuditContext,
    typed: { name: string; idCardNumber: string } | undefined,
  ): Promise<Response> {
    const alipay = options.alipay;
    if (!alipay) throw new HttpError(400, 'alipay_not_configured', 'This backend does not issue Alipay certify ids.');
    const { identity, subject } = await whoAsks(request, audit, typed);
    // 32 letters and digits, as outer_order_no allows: 'tfa' and 29 random hex digits, unique per request.
    const { certifyId, outerOrderNo } = await traced('alipay.initialize', {}, () =>
      alipay.initialize({
        name: identity.name,
        idCardNumber: identity.idCardNumber,
        outerOrderNo: `tfa${randomHex(15).slice(1)}`,
        bizCode: options.alipayBizCode ?? 'FACE',
      }),
    );
    const url = alipay.certifyUrl(certifyId);
    await keep('alipay', certifyId, subject, { outSeqNo: outerOrderNo, seconds: alipayTicketSeconds });
    return jsonResponse(200, { certifyId, url, expiresIn: alipayTicketSeconds });
  }

  async function handle(request: Request, audit: AuditContext): Promise<Response> {
    requireMethod(request, 'POST');
    audit.success = 'issued';
    const ticketRequest = parseTicketRequest(await readJson(request, bodyLimits));
    audit.platform = ticketRequest.kind === 'alipay' ? 'alipay' : 'wechat';
    if (ticketRequest.kind !== 'alipay') audit.protocol = ticketRequest.kind;
    await trust.limitIp('ticketPerIp', request);
    if (ticketRequest.kind === 'alipay') return issueAlipay(request, audit, ticketRequest.typed);
    const protocol = ticketRequest.kind;
    const api = options.api;
    if (!api) throw new HttpError(400, 'wechat_not_configured', 'This backend issues Alipay certify ids only.');
    const { identity, subject } = await whoAsks(request, audit);
    const outSeqNo = newOutSeqNo();

    if (protocol === 'v1') {
      const { userIdKey, expiresIn } = await traced('wechat.getuseridkey', {}, () =>
        api.getUserIdKey({ name: identity.name, idCardNumber: identity.idCardNumber, outSeqNo }),
      );
      await keep('v1', userIdKey, subject, { outSeqNo, seconds: expiresIn });
      return jsonResponse(200, { userIdKey, expiresIn });
    }
    if (identity.openid === undefined) {
      throw new HttpError(400, 'openid_required', "v2 needs the user's openid, and the server does not know it.");
    }
    const openid = identity.openid;
    const { verifyId, expiresIn } = await traced('wechat.getverifyid', {}, () =>
      api.getVerifyId({ outSeqNo, name: identity.name, idCardNumber: identity.idCardNumber, openid }),
    );
    await keep('v2', verifyId, subject, {
      outSeqNo,
      seconds: expiresIn,
      sealed: { certHash: certHash(identity), openid: identity.openid },
    });
    return jsonResponse(200, { verifyId, outSeqNo, expiresIn });
  }

  return Object.assign(withAudit('face_verify.ticket', withErrorMapping(handle, onError), options, onError), { tickets });
}
