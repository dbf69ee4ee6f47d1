/**
 * The endpoint the front end posts its result to. It asks the platform, checks its answer against whom
 * `expect` says the user should be (and against the ticket issued for the capture, if any: only the subject it
 * was issued to may use it), and accepts each credential once.
 */
import { checkVerifyIdInfo, checkVerifyInfoDigests, digestExpectations, type ExpectedDigests } from './wechat/check-verify-info';
import { constantTimeEqual, sha256Hex } from './digest';
import { putTicketBack, readOwnedTicket, takeOwnedTicket } from './ticket-checks';
import type { AlipayApi } from './alipay/api';
import { createAlipayCheck } from './alipay/verifier';
import { readJson, requireMethod, type FetchHandler } from './http/io';
import { withAudit, type AuditContext, type AuditOptions } from './audit';
import { HttpError, logError, withErrorMapping } from './http/errors';
import { isWeChatApiError } from './wechat/errors';
import { macHex, unseal } from './keyring';
import { createReplayGuard, type Outcome } from './replay-guard';
import { createMemoryOnceStore, ticketKey, warnIfPerProcess, type OnceStore, type TicketStore } from './stores';
import { fingerprintOf, idCardMac, nameMac, ownedBy, type Subject, type SubjectMacs } from './subject';
import { traced } from './telemetry';
import { createTrust, type TrustOptions } from './trust';
import { acceptedResponse, rejectionResponse, type RejectionCode } from './verdict';
import { parseVerifyPayload, type VerifyPayload } from './verify-payload';
import type { VerifyIdInfo, VerifyInfo, WeChatApi } from './wechat/api';

/** Whom the user should be; each absent field is not checked. `null` answers 401. */
export interface VerifyExpectation {
  /** Your stable id of the user (session user id), as the ticket handler's `identity()` gave it. */
  userId?: string;
  name?: string;
  idCardNumber?: string;
  openid?: string;
  userIdKey?: string;
  /** Overrides the handler's `maxAgeSeconds` for this request. */
  maxAgeSeconds?: number;
}

/** Options of {@link createVerifyHandler}: the WeChat client (and/or the Alipay one) and who the user should be. */
export interface VerifyHandlerOptions extends TrustOptions, AuditOptions {
  /** The WeChat client. An Alipay-only backend may pass none: WeChat payloads then answer 400 `wechat_not_configured`. */
  api?: Pick<WeChatApi, 'getVerifyInfo' | 'queryVerifyInfo'>;
  /**
   * The Alipay client (`createAlipayApi({ sdk })`): accepts `{ certify_id }` for certify ids the ticket handler
   * issued (needs `tickets`). Without it, such a payload answers 400 `alipay_not_configured`.
   */
  alipay?: Pick<AlipayApi, 'query'>;
  /**
   * Says whom the request's user should be (read your session from `request`; its body has been read).
   * Return `{}` to check only WeChat's verdict, freshness, tickets and replay: then any genuine result is
   * accepted whoever's it is and whoever posts it (your choice, e.g. for a one-user demo), and no verdict is
   * remembered for idempotent retries (a retry gets `replayed`: there is nobody to give it back to). Return `null` for
   * "not logged in"; an empty string is an expectation like any other (it matches nothing WeChat reports).
   */
  expect: (request: Request, payload: VerifyPayload) => VerifyExpectation | null | Promise<VerifyExpectation | null>;
  /**
   * Remembers accepted credentials (and their verdicts, for idempotent retries). With several instances, pass
   * one shared store: `createRedisStores({ client }).replayStore`. @default a fresh in-memory store for this handler
   */
  replayStore?: OnceStore;
  /**
   * The tickets issued by `createTicketHandler` (its `.tickets`, or a store you pass to both). With tickets,
   * a capture that no issued ticket covers is refused as `ticket_required` (v1 without `user_id_key`) or
   * `unknown_ticket` (a `verify_id` / certify id not issued here, or issued to someone else), unless
   * `allowUnticketed` is true.
   */
  tickets?: TicketStore;
  /**
   * With `tickets`: also accept captures made without a ticket (v1 form flow with the name and ID number typed
   * on the phone; v2 with the identity `expect` gives). Then only `expect` binds such a result to the user:
   * make it return the user's name, ID number and openid. @default false
   */
  allowUnticketed?: boolean;
  /** v1 results older than this, and Alipay certify ids issued longer ago, are rejected as `stale`. @default 600 */
  maxAgeSeconds?: number;
  /**
   * How long an accepted credential (and its verdict, for retries with the same `Idempotency-Key` by the same
   * subject) is remembered; at least `maxAgeSeconds` (else a replay after the window would pass). @default 86400
   */
  replayTtlSeconds?: number;
  /** How long a retry waits for the verdict of the post it repeats (same credential and `Idempotency-Key`). @default 10000 */
  idempotencyWaitMs?: number;
  /** A body still arriving after this long answers 408. @default 10000 */
  bodyTimeoutMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** WeChat failures and unexpected errors (the answer is then a 5xx). @default one console.error line */
  onError?: (error: unknown) => void;
}

/** WeChat's face API codes for a credential it refuses (84001 forged/unknown, 84002 expired, 84003 not found, …). */
const isCredentialErrcode = (errcode: number) => errcode >= 84000 && errcode < 85000;

/** The replay key of the capture a v1 answer reports (one user cannot finish two captures in one second). */
function captureKeyV1(info: VerifyInfo): string {
  const fields = ['openid', 'user_id_key', 'identify_time', 'finish_time', 'name_utf8_md5', 'id_card_number_md5', 'validate_data'];
  return `tfv:replay:${sha256Hex(`v1-capture:${JSON.stringify(fields.map((field) => info[field] ?? null))}`)}`;
}

/** The `Idempotency-Key` header: one random value per capture, reused by the front end's retries of it. */
function idempotencyKeyOf(request: Request): string | undefined {
  const value = request.headers.get('idempotency-key');
  if (value === null) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  }
  return value;
}

/** A rejection, as the outcome of a guarded check. */
const reject = (rejection: Parameters<typeof rejectionResponse>[0]): Outcome => ({
  accepted: false,
  response: rejectionResponse(rejection),
});

/**
 * Creates the verify endpoint. It accepts `{ "verify_result" }` (v1), `{ "verify_id", "out_seq_no" }` (v2) or,
 * with `alipay`, `{ "certify_id" }` (a certify id the ticket handler issued) as `application/json` and answers
 * `{ ok: true, protocol, identify_time }` (Alipay: `{ ok: true, platform: 'alipay', identify_time }`) or
 * `{ ok: false, code, message, problems }` with HTTP 200; `code` is WeChat's identify_ret / verify_ret (e.g.
 * 10004) when that is the reason, else a {@link RejectionCode}. A retry carrying the first post's
 * `Idempotency-Key` gets the first verdict. Bad requests answer 400 / 405 / 408 / 413 / 415, no session 401,
 * WeChat and Alipay failures 502 (`errcode` / `alipayCode` included), a shared store that fails 503 with
 * `Retry-After`, anything unexpected 500: always JSON.
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
 * // Alipay too: pass alipay: createAlipayApi({ sdk }) here and to createTicketHandler (tickets are then required).
 */
export function createVerifyHandler(options: VerifyHandlerOptions): FetchHandler {
  const replayStore = options.replayStore ?? createMemoryOnceStore();
  warnIfPerProcess(replayStore, 'createVerifyHandler');
  const now = options.now ?? Date.now;
  const onError = options.onError ?? logError('verify handler');
  const { tickets, allowUnticketed = false } = options;
  if (options.alipay && !tickets) {
    throw new TypeError("createVerifyHandler: alipay needs tickets (the ticket handler's .tickets): only certify ids issued here count");
  }
  if (!options.api && !options.alipay) throw new TypeError('createVerifyHandler needs api (WeChat), alipay, or both');
  const maxAgeDefault = options.maxAgeSeconds ?? 600;
  const replayTtlSeconds = options.replayTtlSeconds ?? 86_400;
  checkWindows(maxAgeDefault, replayTtlSeconds);
  const bodyLimits = options.bodyTimeoutMs === undefined ? {} : { timeoutMs: options.bodyTimeoutMs };
  const trust = createTrust(options, 'createVerifyHandler', tickets?.keyring, [options.replayStore, tickets]);
  const guard = createReplayGuard({
    store: replayStore,
    ttlSeconds: replayTtlSeconds,
    pendingTtlSeconds: 120,
    waitMs: options.idempotencyWaitMs ?? 10_000,
    onError,
  });

  const checkAlipay = options.alipay && tickets ? createAlipayCheck({ alipay: options.alipay, tickets, guard, now }) : undefined;

  /** The WeChat client, or a 400 when this backend serves Alipay only. */
  const wechat = (): Pick<WeChatApi, 'getVerifyInfo' | 'queryVerifyInfo'> => {
    if (options.api) return options.api;
    throw new HttpError(400, 'wechat_not_configured', 'This backend verifies Alipay certify ids only.');
  };

  const accept = (fields: Record<string, unknown>): Outcome => ({ accepted: true, fields });

  /** WeChat's answer, or the rejection when WeChat refuses the credential itself (84001 forged, 84002 expired, …). */
  async function askWeChat<T>(question: () => Promise<T>): Promise<{ info: T } | Outcome> {
    try {
      return { info: await question() };
    } catch (error) {
      if (isWeChatApiError(error) && isCredentialErrcode(error.errcode)) {
        return reject({ problems: ['credential_rejected'], errcode: error.errcode });
      }
      throw error;
    }
  }

  /** Whom WeChat's v1 answer says verified, as the parts of `ticket` it can be compared on (never the user id). */
  function reportedFits(key: Buffer, info: VerifyInfo, ticket: SubjectMacs): boolean {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const [name, idCard, openid] = [text(info.name_utf8_md5), text(info.id_card_number_md5), text(info.openid)];
    const reported: SubjectMacs = {
      ...(name === undefined ? {} : { n: nameMac(key, name) }),
      ...(idCard === undefined ? {} : { i: idCardMac(key, idCard) }),
      ...(openid === undefined ? {} : { o: macHex(key, 'openid', openid) }),
    };
    const { u: _userId, ...compared } = ticket;
    return ownedBy(reported, compared);
  }

  async function verifyV1(
    verifyResult: string,
    expected: ExpectedDigests,
    subject: Subject,
    idempotencyKey: string | undefined,
  ): Promise<Outcome> {
    const fingerprint = fingerprintOf(await trust.key(), subject.macs);
    return guard(`tfv:replay:${sha256Hex(`v1:${verifyResult}`)}`, idempotencyKey, fingerprint, async () => {
      const answer = await askWeChat(() => traced('wechat.getinfo', {}, () => wechat().getVerifyInfo(verifyResult)));
      if (!('info' in answer)) return answer;
      const { info } = answer;
      const userIdKey = typeof info.user_id_key === 'string' ? info.user_id_key : '';
      const key = userIdKey === '' ? undefined : ticketKey('v1', userIdKey);
      // A capture made without a ticket is bound to no issued user: with tickets, refuse it unless allowed.
      if (tickets && key === undefined && !allowUnticketed) return reject({ problems: ['ticket_required'] });
      // The capture itself is accepted once too: WeChat may decode a credential spelt another way (spaces,
      // line breaks) to the same capture, which the claim on the posted string alone would let through again.
      // Its recorded verdict is looked at before the ticket, so a retry finds what was accepted even if the
      // ticket is gone.
      return guard(captureKeyV1(info), idempotencyKey, fingerprint, async () => {
        // Someone else's ticket answers one code whatever differs, before any comparison that could tell more.
        const ticket = tickets && key ? await readOwnedTicket(tickets, key, 'v1', subject.macs) : undefined;
        if (tickets && key && (!ticket || !reportedFits(await trust.key(), info, ticket.subject))) {
          return reject({ problems: ['unknown_ticket'] });
        }
        const problems: RejectionCode[] = [...checkVerifyInfoDigests(info, expected).problems];
        if (problems.length > 0) return reject({ problems, ret: info.identify_ret });
        // The ticket is consumed here, atomically: of two captures on one ticket only one is accepted.
        const taken = tickets && key ? await takeOwnedTicket(tickets, key, 'v1', subject.macs, now()) : undefined;
        if (tickets && key && !taken) return reject({ problems: ['unknown_ticket'] });
        const restore = tickets && key && taken ? () => putTicketBack(tickets, key, taken, now()) : undefined;
        return { ...accept({ protocol: 'v1', identify_time: info.identify_time }), ...(restore ? { restore } : {}) };
      });
    });
  }

  /** What queryverifyinfo needs: from the requester's own ticket, or (unticketed) from `expect`. */
  type V2Query = { certHash: string; openid: string } | { name: string; idCardNumber: string; openid: string };

  async function verifyV2(
    payload: { verify_id: string; out_seq_no: string },
    identity: VerifyExpectation,
    subject: Subject,
    idempotencyKey: string | undefined,
  ): Promise<Outcome> {
    const { verify_id: verifyId, out_seq_no: outSeqNo } = payload;
    const fingerprint = fingerprintOf(await trust.key(), subject.macs);
    return guard(`tfv:replay:${sha256Hex(`v2:${verifyId}`)}`, idempotencyKey, fingerprint, async () => {
      const key = ticketKey('v2', verifyId);
      const owned = tickets ? await readOwnedTicket(tickets, key, 'v2', subject.macs) : undefined;
      let query: V2Query;
      let putBack = async () => undefined as void;
      if (owned && tickets) {
        if (!constantTimeEqual(outSeqNo, owned.outSeqNo)) return reject({ problems: ['out_seq_no_mismatch'] });
        // Taken atomically: of two concurrent posts of one verifyId (even on two instances), one gets it.
        const ticket = await takeOwnedTicket(tickets, key, 'v2', subject.macs, now());
        const opened = ticket?.sealed === undefined ? undefined : unseal(await trust.key(), ticket.sealed);
        const sealed = opened === undefined ? undefined : (JSON.parse(opened) as { certHash?: unknown; openid?: unknown });
        if (!ticket || typeof sealed?.certHash !== 'string' || typeof sealed.openid !== 'string')
          return reject({ problems: ['unknown_ticket'] });
        query = { certHash: sealed.certHash, openid: sealed.openid };
        // A ticket goes back only when WeChat was not asked: a post that fails before (or a WeChat outage) must
        // not burn the user's verifyId; once WeChat has judged it, it is spent (WeChat's verifyId is single use).
        putBack = () => putTicketBack(tickets, key, ticket, now());
      } else if (tickets && !allowUnticketed) {
        // Not issued here, expired, or issued to someone else: one answer for all three.
        return reject({ problems: ['unknown_ticket'] });
      } else if (identity.name !== undefined && identity.idCardNumber !== undefined && identity.openid !== undefined) {
        query = { name: identity.name, idCardNumber: identity.idCardNumber, openid: identity.openid };
      } else {
        return reject({ problems: [tickets ? 'unknown_ticket' : 'identity_unknown'] });
      }
      let answer: { info: VerifyIdInfo } | Outcome;
      try {
        answer = await askWeChat(() =>
          traced('wechat.queryverifyinfo', {}, () => wechat().queryVerifyInfo({ verifyId, outSeqNo, ...query })),
        );
      } catch (error) {
        await putBack();
        throw error;
      }
      if (!('info' in answer)) return answer;
      const { problems } = checkVerifyIdInfo(answer.info);
      if (problems.length > 0) return reject({ problems, ret: answer.info.verify_ret });
      // Unrecorded (a store that failed to settle), the ticket goes back: the retry may ask again.
      return {
        ...accept({ protocol: 'v2', verify_ret: answer.info.verify_ret, identify_time: Math.floor(now() / 1000) }),
        restore: putBack,
      };
    });
  }

  async function handle(request: Request, audit: AuditContext): Promise<Response> {
    requireMethod(request, 'POST');
    const idempotencyKey = idempotencyKeyOf(request);
    const payload = parseVerifyPayload(await readJson(request, bodyLimits));
    audit.platform = 'certify_id' in payload ? 'alipay' : 'wechat';
    if (!('certify_id' in payload)) audit.protocol = 'verify_result' in payload ? 'v1' : 'v2';
    await trust.limitIp('verifyPerIp', request);
    const identity = await options.expect(request, payload);
    // `user && { … }` for a logged-out user is undefined (or false): "not logged in" as much as null is.
    if (identity === null || identity === undefined || (identity as unknown) === false) {
      throw new HttpError(401, 'unauthenticated', 'Log in first.');
    }
    if (typeof identity !== 'object') throw new TypeError('expect() must return an object (or null for "not logged in")');
    const maxAgeSeconds = identity.maxAgeSeconds ?? maxAgeDefault;
    checkWindows(maxAgeSeconds, replayTtlSeconds);
    const subject = await trust.subject(identity);
    if (subject.id !== undefined) audit.subject = subject.id;
    // Each post is a guess someone with a leaked ticket or credential could repeat: bounded per subject. A request
    // that names nobody (`expect` returned `{}`: "anyone's result") is "anyone" from its IP (with `clientIp`), else
    // one shared "anyone": bounded either way, and shared only where the app gave nothing to tell clients apart.
    await trust.limit('verifyPerSubject', subject.id ?? (await trust.ipDigest(request)) ?? ANYONE);
    const expected = digestExpectations({ ...identity, maxAgeSeconds, now: now() });
    let outcome: Outcome;
    if ('certify_id' in payload) {
      if (!checkAlipay) throw new HttpError(400, 'alipay_not_configured', 'This backend does not verify Alipay certify ids.');
      const fingerprint = fingerprintOf(await trust.key(), subject.macs);
      outcome = await checkAlipay({ certifyId: payload.certify_id, subject: subject.macs, fingerprint, maxAgeSeconds, idempotencyKey });
    } else {
      outcome =
        'verify_result' in payload
          ? await verifyV1(payload.verify_result, expected, subject, idempotencyKey)
          : await verifyV2(payload, identity, subject, idempotencyKey);
    }
    return outcome.accepted ? acceptedResponse(outcome.fields) : outcome.response;
  }

  return withAudit('face_verify.verify', withErrorMapping(handle, onError), options, onError);
}

/** The limit key of requests whose `expect` names nobody. */
const ANYONE = 'anyone';

/** A credential forgotten while it is still fresh enough to be accepted would pass a second time. */
function checkWindows(maxAgeSeconds: number, replayTtlSeconds: number): void {
  if (!(maxAgeSeconds > 0) || !(replayTtlSeconds > 0)) throw new TypeError('maxAgeSeconds and replayTtlSeconds must be positive');
  if (replayTtlSeconds < maxAgeSeconds) {
    throw new TypeError(
      `replayTtlSeconds (${replayTtlSeconds}) must be at least maxAgeSeconds (${maxAgeSeconds}): a replay after the window would pass`,
    );
  }
}
