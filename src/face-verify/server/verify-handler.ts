/**
 * The endpoint the front end posts its result to. It asks the platform, checks its answer against whom
 * `expect` says the user should be (and against the ticket issued for the capture, if any: only the subject it
 * was issued to may use it), and accepts each credential once.
 */
import { readJson, requireMethod, type FetchHandler } from './http/io';
import { withAudit, type AuditContext, type AuditOptions } from './audit';
import { HttpError, logError, withErrorMapping } from './http/errors';
import { platformOfPayload } from '../contract';
import type { VerifyContext, VerifyExpectation } from './platform';
import { configuredPlatforms, SERVER_PLATFORMS, type PlatformVerifyOptions } from './platforms';
import { createReplayGuard } from './replay-guard';
import { createMemoryOnceStore, warnIfPerProcess, type OnceStore, type TicketStore } from './stores';
import { fingerprintOf } from './subject';
import { createTrust, type TrustOptions } from './trust';
import { acceptedResponse } from './verdict';
import { parseVerifyPayload, type VerifyPayload } from './verify-payload';

export type { VerifyExpectation };

/** Options of {@link createVerifyHandler}: each platform's client (WeChat's `api`, `alipay`, `tencent`) and who the user should be. */
export interface VerifyHandlerOptions extends TrustOptions, AuditOptions, PlatformVerifyOptions {
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
  /** WeChat v1 results older than this, and Alipay / Tencent tickets issued longer ago, are rejected as `stale`. @default 600 */
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

/** The `Idempotency-Key` header: one random value per capture, reused by the front end's retries of it. */
function idempotencyKeyOf(request: Request): string | undefined {
  const value = request.headers.get('idempotency-key');
  if (value === null) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  }
  return value;
}

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

  configuredPlatforms(options, 'createVerifyHandler');
  const deps = { tickets, allowUnticketed, guard, key: trust.key, now };
  const platforms = SERVER_PLATFORMS.map((platform) => ({ ...platform, verifier: platform.verify(options, deps) }));

  async function handle(request: Request, audit: AuditContext): Promise<Response> {
    requireMethod(request, 'POST');
    const idempotencyKey = idempotencyKeyOf(request);
    const payload = parseVerifyPayload(await readJson(request, bodyLimits), platforms);
    const platform = platforms.find((candidate) => candidate.name === platformOfPayload(payload));
    if (!platform) throw new HttpError(400, 'invalid_platform', 'This payload names no platform this backend knows.');
    audit.platform = platform.name;
    const protocol = platform.protocolOf?.(payload);
    if (protocol !== undefined) audit.protocol = protocol;
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
    const context: VerifyContext = {
      identity,
      maxAgeSeconds,
      subject,
      fingerprint: fingerprintOf(await trust.key(), subject.macs),
      idempotencyKey,
    };
    const outcome = await platform.verifier(payload, context);
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
