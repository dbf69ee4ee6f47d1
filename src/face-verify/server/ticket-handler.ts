/**
 * The endpoint that issues a ticket for the logged-in user: a `userIdKey` (v1) or a `verifyId` (v2), or an
 * Alipay `certifyId` with its certify URL, so the name and ID number never pass through the front end. It
 * remembers what it issued (as digests) in a {@link TicketStore} that the verify handler reads to check the
 * result against the same user.
 */
import { certHash } from './cert-hash';
import { identityMd5s, randomHex } from './digest';
import { isRecord, jsonResponse, readJson, requireMethod, type FetchHandler } from './http';
import { HttpError, logError, withErrorMapping } from './http-error';
import { createMemoryTicketStore, ticketKey, type TicketStore } from './stores';
import type { WeChatApi } from './wechat-api';
import type { AlipayApi, AlipayBizCode } from './alipay/api';

/** Who the logged-in user is. `openid` is required for v2. */
export interface TicketIdentity {
  name: string;
  idCardNumber: string;
  openid?: string;
}

/**
 * With `allowTypedIdentity`, what `identity()` may return for an Alipay ticket request that carries the typed
 * name and ID number: the session alone (the openid, or any stable id of your user, binds the certify id to it).
 */
export interface TicketSession {
  openid?: string;
}

/** Options of {@link createTicketHandler}: the WeChat client (and/or the Alipay one) and who the logged-in user is. */
export interface TicketHandlerOptions {
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
   * instead of the ones `identity()` gives; the certify id is then bound to them and to `identity()`'s openid.
   * Off, typed values are ignored and the session's identity is verified. @default false
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
  if (!isRecord(body)) throw new HttpError(400, 'invalid_payload', 'The body must be a JSON object (or empty).');
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
    (identity.openid === undefined || typeof identity.openid === 'string');
  if (!valid) throw new TypeError('identity() must return { name, idCardNumber, openid? } with non-empty strings, or null');
}

/**
 * Creates the ticket endpoint. Body `{ "protocol": "v1" | "v2" }` (empty means v1) or `{ "platform": "alipay" }`;
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
  const tickets = options.tickets ?? createMemoryTicketStore();
  const now = options.now ?? Date.now;
  // 32 characters: 'tfv' and 29 random hex digits.
  const newOutSeqNo = options.outSeqNo ?? (() => `tfv${randomHex(15).slice(1)}`);
  const onError = options.onError ?? logError('ticket handler');
  const bodyLimits = options.bodyTimeoutMs === undefined ? {} : { timeoutMs: options.bodyTimeoutMs };

  const alipayTicketSeconds = options.alipayTicketSeconds ?? 600;
  if (!Number.isInteger(alipayTicketSeconds) || alipayTicketSeconds < 1) {
    throw new TypeError('createTicketHandler: alipayTicketSeconds must be a positive whole number of seconds');
  }
  if (!options.api && !options.alipay) throw new TypeError('createTicketHandler needs api (WeChat), alipay, or both');

  /** Alipay: `initialize` for whom the session (or, if allowed, the phone) says, then the certify URL. */
  async function issueAlipay(request: Request, typed: { name: string; idCardNumber: string } | undefined): Promise<Response> {
    const alipay = options.alipay;
    if (!alipay) throw new HttpError(400, 'alipay_not_configured', 'This backend does not issue Alipay certify ids.');
    const session = await options.identity(request);
    if (session === null) throw new HttpError(401, 'unauthenticated', 'Log in first.');
    let identity: TicketIdentity;
    if (typed && options.allowTypedIdentity) {
      if (!isRecord(session) || (session.openid !== undefined && typeof session.openid !== 'string')) {
        throw new TypeError('identity() must return an object (or null)');
      }
      identity = { ...typed, ...(typeof session.openid === 'string' ? { openid: session.openid } : {}) };
    } else {
      checkIdentity(session);
      identity = session;
    }
    const issuedAt = now();
    // 32 letters and digits, as outer_order_no allows: 'tfa' and 29 random hex digits, unique per request.
    const { certifyId, outerOrderNo } = await alipay.initialize({
      name: identity.name,
      idCardNumber: identity.idCardNumber,
      outerOrderNo: `tfa${randomHex(15).slice(1)}`,
      bizCode: options.alipayBizCode ?? 'FACE',
    });
    const url = alipay.certifyUrl(certifyId);
    await tickets.put(
      ticketKey('alipay', certifyId),
      {
        protocol: 'alipay',
        ...identityMd5s(identity),
        ...(identity.openid === undefined ? {} : { openid: identity.openid }),
        outSeqNo: outerOrderNo,
        issuedAt,
        expiresAt: issuedAt + alipayTicketSeconds * 1000,
      },
      alipayTicketSeconds,
    );
    return jsonResponse(200, { certifyId, url, expiresIn: alipayTicketSeconds });
  }

  async function handle(request: Request): Promise<Response> {
    requireMethod(request, 'POST');
    const ticketRequest = parseTicketRequest(await readJson(request, { emptyAs: {}, ...bodyLimits }));
    if (ticketRequest.kind === 'alipay') return issueAlipay(request, ticketRequest.typed);
    const protocol = ticketRequest.kind;
    const api = options.api;
    if (!api) throw new HttpError(400, 'wechat_not_configured', 'This backend issues Alipay certify ids only.');
    const identity = await options.identity(request);
    if (identity === null) throw new HttpError(401, 'unauthenticated', 'Log in first.');
    checkIdentity(identity);
    const { nameMd5, idCardMd5 } = identityMd5s(identity);
    const outSeqNo = newOutSeqNo();
    const openid = identity.openid === undefined ? {} : { openid: identity.openid };

    if (protocol === 'v1') {
      const { userIdKey, expiresIn } = await api.getUserIdKey({
        name: identity.name,
        idCardNumber: identity.idCardNumber,
        outSeqNo,
      });
      await tickets.put(
        ticketKey('v1', userIdKey),
        { protocol, nameMd5, idCardMd5, ...openid, outSeqNo, expiresAt: now() + expiresIn * 1000 },
        expiresIn,
      );
      return jsonResponse(200, { userIdKey, expiresIn });
    }
    if (identity.openid === undefined) {
      throw new HttpError(400, 'openid_required', "v2 needs the user's openid, and the server does not know it.");
    }
    const { verifyId, expiresIn } = await api.getVerifyId({
      outSeqNo,
      name: identity.name,
      idCardNumber: identity.idCardNumber,
      openid: identity.openid,
    });
    await tickets.put(
      ticketKey('v2', verifyId),
      {
        protocol,
        nameMd5,
        idCardMd5,
        certHash: certHash(identity),
        openid: identity.openid,
        outSeqNo,
        expiresAt: now() + expiresIn * 1000,
      },
      expiresIn,
    );
    return jsonResponse(200, { verifyId, outSeqNo, expiresIn });
  }

  return Object.assign(withErrorMapping(handle, onError), { tickets });
}
