/**
 * The endpoint the front end posts its result to. It asks WeChat, checks WeChat's answer against whom
 * `expect` says the user should be (and against the ticket issued for the capture, if any), and accepts
 * each credential once.
 */
import { checkVerifyIdInfo, checkVerifyInfoDigests, digestExpectations, type ExpectedDigests } from './check-verify-info';
import { constantTimeEqual, sha256Hex } from './digest';
import { WeChatApiError } from './errors';
import { errorResponse, failureResponse, logError, methodNotAllowed, readJsonBody, type FetchHandler } from './http';
import { createMemoryOnceStore, ticketKey, type IssuedTicket, type OnceStore, type TicketStore } from './stores';
import { acceptedResponse, rejectionResponse, type RejectionCode } from './verdict';
import { parseVerifyPayload, type VerifyPayload } from './verify-payload';
import type { VerifyInfo, WeChatApi } from './wechat-api';

/** Whom the user should be; each absent field is not checked. `null` answers 401. */
export interface VerifyExpectation {
  name?: string;
  idCardNumber?: string;
  openid?: string;
  userIdKey?: string;
  /** Overrides the handler's `maxAgeSeconds` for this request. */
  maxAgeSeconds?: number;
}

/** Options of {@link createVerifyHandler}: the WeChat client and who the user should be. */
export interface VerifyHandlerOptions {
  api: Pick<WeChatApi, 'getVerifyInfo' | 'queryVerifyInfo'>;
  /**
   * Says whom the request's user should be (read your session from `request`; its body has been read).
   * Return `{}` to check only WeChat's verdict, freshness, tickets and replay: then any genuine result is
   * accepted whoever's it is and whoever posts it (your choice, e.g. for a one-user demo). Return `null` for
   * "not logged in"; an empty string is an expectation like any other (it matches nothing WeChat reports).
   */
  expect: (request: Request, payload: VerifyPayload) => VerifyExpectation | null | Promise<VerifyExpectation | null>;
  /** Remembers accepted credentials. @default a fresh in-memory store for this handler */
  replayStore?: OnceStore;
  /** The tickets issued by `createTicketHandler` (its `.tickets`, or a store you pass to both). */
  tickets?: TicketStore;
  /** v1 results older than this are rejected as `stale`. @default 600 */
  maxAgeSeconds?: number;
  /** How long an accepted credential is remembered. @default 86400 */
  replayTtlSeconds?: number;
  /** @default Date.now */
  now?: () => number;
  /** WeChat failures and unexpected errors (the answer is then a 5xx). @default one console.error line */
  onError?: (error: unknown) => void;
}

type Outcome = { accepted: boolean; response: Response };

/** WeChat's face API codes for a credential it refuses (84001 forged/unknown, 84002 expired, 84003 not found, …). */
const isCredentialErrcode = (errcode: number) => errcode >= 84000 && errcode < 85000;

function digestsOfTicket(ticket: IssuedTicket, extra: Partial<ExpectedDigests> = {}): ExpectedDigests {
  return {
    nameMd5: ticket.nameMd5,
    idCardMd5: ticket.idCardMd5,
    ...(ticket.openid === undefined ? {} : { openid: ticket.openid }),
    ...extra,
  };
}

/** The replay key of the capture a v1 answer reports (one user cannot finish two captures in one second). */
function captureKeyV1(info: VerifyInfo): string {
  const fields = ['openid', 'user_id_key', 'identify_time', 'finish_time', 'name_utf8_md5', 'id_card_number_md5', 'validate_data'];
  return `tfv:replay:${sha256Hex(`v1-capture:${JSON.stringify(fields.map((field) => info[field] ?? null))}`)}`;
}

/** Where `expected` and the ticket disagree about the user (v2, before asking WeChat). */
function ticketConflicts(expected: ExpectedDigests, ticket: IssuedTicket): RejectionCode[] {
  const conflicts: RejectionCode[] = [];
  if (expected.nameMd5 !== undefined && !constantTimeEqual(expected.nameMd5, ticket.nameMd5)) conflicts.push('name_mismatch');
  if (expected.idCardMd5 !== undefined && !constantTimeEqual(expected.idCardMd5, ticket.idCardMd5)) conflicts.push('id_card_mismatch');
  if (expected.openid !== undefined && !constantTimeEqual(expected.openid, ticket.openid ?? '')) conflicts.push('openid_mismatch');
  return conflicts;
}

/**
 * Creates the verify endpoint. It accepts `{ "verify_result" }` (v1) or `{ "verify_id", "out_seq_no" }` (v2)
 * and answers `{ ok: true, protocol, identify_time }` or `{ ok: false, code, message, problems }` with HTTP 200;
 * `code` is WeChat's identify_ret / verify_ret (e.g. 10004) when that is the reason, else a {@link RejectionCode}.
 * Bad requests answer 400 / 405 / 413, no session 401, WeChat failures 502 (`errcode` included), anything
 * unexpected 500: always JSON.
 *
 * @example
 * const verify = createVerifyHandler({
 *   api,
 *   tickets: ticketHandler.tickets,
 *   expect: async (request) => {
 *     const user = await sessionUser(request);
 *     return user && { name: user.name, idCardNumber: user.idCardNumber, openid: user.openid };
 *   },
 * });
 * app.post('/api/face/verify', toNodeListener(verify)); // or: export default { fetch: verify }
 */
export function createVerifyHandler(options: VerifyHandlerOptions): FetchHandler {
  const replayStore = options.replayStore ?? createMemoryOnceStore();
  const now = options.now ?? Date.now;
  const onError = options.onError ?? logError('verify handler');
  const replayTtl = options.replayTtlSeconds ?? 86_400;
  const tickets = options.tickets;

  /** Claims `key` for `check`, and releases the claim unless `check` accepted. */
  async function claimed(key: string, check: () => Promise<Outcome>): Promise<Outcome> {
    if (!(await replayStore.claim(key, replayTtl))) return { accepted: false, response: rejectionResponse({ problems: ['replayed'] }) };
    let accepted = false;
    try {
      const outcome = await check();
      accepted = outcome.accepted;
      return outcome;
    } finally {
      if (!accepted) await replayStore.release(key);
    }
  }

  /**
   * Claims the credential, asks WeChat, and releases the claim unless the result was accepted: a replay of
   * an accepted credential (or a second post while the first is being checked) costs no WeChat call, and
   * a credential that failed can be checked again.
   */
  async function once(claimKey: string, check: () => Promise<Outcome>): Promise<Response> {
    return (await claimed(claimKey, check)).response;
  }

  const accept = (fields: Record<string, unknown>): Outcome => ({ accepted: true, response: acceptedResponse(fields) });
  const reject = (response: Response): Outcome => ({ accepted: false, response });

  async function askWeChat<T>(question: () => Promise<T>): Promise<T | Response> {
    try {
      return await question();
    } catch (error) {
      if (error instanceof WeChatApiError && isCredentialErrcode(error.errcode)) {
        return rejectionResponse({ problems: ['credential_rejected'], errcode: error.errcode });
      }
      throw error;
    }
  }

  async function verifyV1(verifyResult: string, expected: ExpectedDigests): Promise<Response> {
    return once(`tfv:replay:${sha256Hex(`v1:${verifyResult}`)}`, async () => {
      const info = await askWeChat(() => options.api.getVerifyInfo(verifyResult));
      if (info instanceof Response) return reject(info);
      const expectations = [expected];
      const problems: RejectionCode[] = [];
      const userIdKey = typeof info.user_id_key === 'string' ? info.user_id_key : '';
      const key = userIdKey === '' ? undefined : ticketKey('v1', userIdKey);
      const ticket = tickets && key ? await tickets.get(key) : undefined;
      if (tickets && key && !ticket) problems.push('unknown_ticket');
      if (ticket) expectations.push(digestsOfTicket(ticket, { userIdKey }));
      for (const expectation of expectations) {
        for (const problem of checkVerifyInfoDigests(info, expectation).problems) if (!problems.includes(problem)) problems.push(problem);
      }
      if (problems.length > 0) return reject(rejectionResponse({ problems, ret: info.identify_ret }));
      // The capture itself is accepted once too: WeChat may decode a credential spelt another way (spaces,
      // line breaks) to the same capture, which the claim on the posted string alone would let through again.
      return claimed(captureKeyV1(info), async () => {
        if (tickets && key) await tickets.delete(key);
        return accept({ protocol: 'v1', identify_time: info.identify_time });
      });
    });
  }

  async function verifyV2(verifyId: string, outSeqNo: string, expected: ExpectedDigests, identity: VerifyExpectation): Promise<Response> {
    const key = ticketKey('v2', verifyId);
    const ticket = tickets ? await tickets.get(key) : undefined;
    let query: { certHash: string; openid: string } | { name: string; idCardNumber: string; openid: string };
    if (ticket) {
      const conflicts = ticketConflicts(expected, ticket);
      if (!constantTimeEqual(outSeqNo, ticket.outSeqNo)) conflicts.push('out_seq_no_mismatch');
      if (conflicts.length > 0) return rejectionResponse({ problems: conflicts });
      if (ticket.certHash === undefined || ticket.openid === undefined) return rejectionResponse({ problems: ['unknown_ticket'] });
      query = { certHash: ticket.certHash, openid: ticket.openid };
    } else if (identity.name !== undefined && identity.idCardNumber !== undefined && identity.openid !== undefined) {
      query = { name: identity.name, idCardNumber: identity.idCardNumber, openid: identity.openid };
    } else {
      return rejectionResponse({ problems: [tickets ? 'unknown_ticket' : 'identity_unknown'] });
    }
    return once(`tfv:replay:${sha256Hex(`v2:${verifyId}`)}`, async () => {
      const info = await askWeChat(() => options.api.queryVerifyInfo({ verifyId, outSeqNo, ...query }));
      if (info instanceof Response) return reject(info);
      const { problems } = checkVerifyIdInfo(info);
      if (problems.length > 0) return reject(rejectionResponse({ problems, ret: info.verify_ret }));
      if (ticket) await tickets?.delete(key);
      return accept({ protocol: 'v2', verify_ret: info.verify_ret, identify_time: Math.floor(now() / 1000) });
    });
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowed('POST');
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const parsed = parseVerifyPayload(body.value);
    if (!parsed.ok) return parsed.response;
    const identity = await options.expect(request, parsed.payload);
    if (identity === null) return errorResponse(401, 'unauthenticated', 'Log in first.');
    if (typeof identity !== 'object') throw new TypeError('expect() must return an object (or null for "not logged in")');
    const expected = digestExpectations({ ...identity, maxAgeSeconds: identity.maxAgeSeconds ?? options.maxAgeSeconds ?? 600, now: now() });
    const { payload } = parsed;
    return 'verify_result' in payload
      ? verifyV1(payload.verify_result, expected)
      : verifyV2(payload.verify_id, payload.out_seq_no, expected, identity);
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      onError(error);
      return failureResponse(error);
    }
  };
}
