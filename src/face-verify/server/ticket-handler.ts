/**
 * The endpoint that issues a ticket for the logged-in user: a `userIdKey` (v1) or a `verifyId` (v2), so
 * the name and ID number never pass through the front end. It remembers what it issued (as digests) in a
 * {@link TicketStore} that the verify handler reads to check the result against the same user.
 */
import { certHash } from './cert-hash';
import { identityMd5s, randomHex } from './digest';
import { isRecord, jsonResponse, readJson, requireMethod, type FetchHandler } from './http';
import { HttpError, logError, withErrorMapping } from './http-error';
import { createMemoryTicketStore, ticketKey, type TicketStore } from './stores';
import type { WeChatApi } from './wechat-api';

/** Who the logged-in user is. `openid` is required for v2. */
export interface TicketIdentity {
  name: string;
  idCardNumber: string;
  openid?: string;
}

/** Options of {@link createTicketHandler}: the WeChat client and who the logged-in user is. */
export interface TicketHandlerOptions {
  api: Pick<WeChatApi, 'getUserIdKey' | 'getVerifyId'>;
  /** Says who the request's user is (from your session); `null` answers 401. */
  identity: (request: Request) => TicketIdentity | null | Promise<TicketIdentity | null>;
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

function parseProtocol(body: unknown): 'v1' | 'v2' {
  if (!isRecord(body)) throw new HttpError(400, 'invalid_payload', 'The body must be a JSON object (or empty).');
  const { protocol = 'v1' } = body;
  if (protocol !== 'v1' && protocol !== 'v2') throw new HttpError(400, 'invalid_protocol', 'protocol must be "v1" or "v2".');
  return protocol;
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
 * Creates the ticket endpoint. Body `{ "protocol": "v1" | "v2" }` (empty means v1); answers
 * `{ userIdKey, expiresIn }` or `{ verifyId, outSeqNo, expiresIn }`. Pass its `.tickets` to
 * `createVerifyHandler` so results are checked against the user the ticket was issued for.
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

  async function handle(request: Request): Promise<Response> {
    requireMethod(request, 'POST');
    const protocol = parseProtocol(await readJson(request, { emptyAs: {}, ...bodyLimits }));
    const identity = await options.identity(request);
    if (identity === null) throw new HttpError(401, 'unauthenticated', 'Log in first.');
    checkIdentity(identity);
    const { nameMd5, idCardMd5 } = identityMd5s(identity);
    const outSeqNo = newOutSeqNo();
    const openid = identity.openid === undefined ? {} : { openid: identity.openid };

    if (protocol === 'v1') {
      const { userIdKey, expiresIn } = await options.api.getUserIdKey({
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
    const { verifyId, expiresIn } = await options.api.getVerifyId({
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
