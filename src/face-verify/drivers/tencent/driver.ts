/**
 * The Tencent Cloud FaceID driver for H5 (a browser, or WeChat's in-app browser): the backend's `DetectAuth`
 * issues a BizToken and the URL of Tencent's verification page; the capture leaves for that page, and Tencent
 * sends the person back to the RedirectUrl (this page) with the token appended. The flow then resumes by itself
 * ({@link FaceDriver.resume}) and posts `{ platform: 'tencent', biz_token }` with the Idempotency-Key saved before
 * leaving; the backend's `GetDetectInfoEnhanced` decides.
 */
import { withTencentWording } from './wording';
import { parseTencentTicket, type TencentTicket, type Ticket } from '../../contract';
import { systemClock } from '../../core/clock';
import { newIdempotencyKey } from '../../core/idempotency';
import type { CaptureOutcome, ClassifiedFailure, DeviceReport, FaceDriver, ResumeAnswer, TicketSpec } from '../../core/ports';
import type { Clock, Identity } from '../../core/types';
import { globalBrowser, type BrowserProblem, type TencentBrowser } from './browser';
import { classifyTencentErrCode, TENCENT_OUTCOMES, type TencentOutcomeClass, type TencentOutcomeCode } from './outcomes';
import { DEFAULT_PENDING_KEY, digestToken, takePending, writePending } from './pending';
import { DEFAULT_TOKEN_PARAMS, readReturnToken, withoutParams } from './return-url';

/** A BizToken is valid for 7,200 s (Tencent's docs): a return later than that is stale. */
const TOKEN_LIFETIME_SECONDS = 7200;

/** A BizToken is spent by one verification; the typed identity, if any, goes to `DetectAuth`. */
export const TENCENT_TICKET: TicketSpec = {
  request: (identity: Identity | null) => ({
    platform: 'tencent',
    ...(identity ? { name: identity.name, idCardNumber: identity.idCardNumber } : {}),
  }),
  parse: parseTencentTicket,
  singleUse: true,
  withIdentity: true,
};

/** Options of {@link createTencentFaceIdDriver}. */
export interface TencentFaceIdDriverOptions {
  /** The browser (address, navigation, session storage). @default the global `window` (none on a mini-program) */
  browser?: TencentBrowser | null;
  /** The parameters Tencent's return may carry the BizToken in. @default ['token', 'BizToken'] */
  tokenParams?: readonly string[];
  /** Where the pending record is kept in session storage. @default 'taro-face-verify:tencent-pending' */
  storageKey?: string;
  /** A return later than this after leaving is stale. @default 7200 (a BizToken's lifetime) */
  maxAgeSeconds?: number;
  /** Time for the pending record's age. @default the global clock */
  clock?: Clock;
  /** Extra parameters to remove from the address on the way back (the preview's own markers). @default [] */
  cleanParams?: readonly string[];
}

/** A row of the outcome table as the port's failure. */
export function toTencentFailure(outcome: TencentOutcomeClass, code: number | string): ClassifiedFailure {
  return { ...outcome, code };
}

const named = (code: TencentOutcomeCode): ClassifiedFailure => toTencentFailure(TENCENT_OUTCOMES[code], code);
const failed = (code: TencentOutcomeCode): CaptureOutcome => ({ ok: false, failure: named(code) });

const isTencentTicket = (ticket: Ticket | null): ticket is TencentTicket =>
  ticket !== null && 'bizToken' in ticket && typeof ticket.url === 'string';

const NO_TICKET: CaptureOutcome = { ok: false, failure: { code: 'no-biz-token', kind: 'fatal', retryable: false, message: 'developer' } };

/**
 * The port over a browser. `identity` names it ('tencent', or the preview's 'mock-tencent'); the browser is read
 * at each call, so the globals are never touched on import.
 */
export function withTencentPort(
  options: TencentFaceIdDriverOptions,
  identity: { name: string; mock: boolean },
): FaceDriver & { resume(): Promise<ResumeAnswer | null> } {
  const clock = options.clock ?? systemClock;
  const tokenParams = options.tokenParams ?? DEFAULT_TOKEN_PARAMS;
  const storageKey = options.storageKey ?? DEFAULT_PENDING_KEY;
  const maxAgeMs = (options.maxAgeSeconds ?? TOKEN_LIFETIME_SECONDS) * 1000;
  const browser = (): TencentBrowser | BrowserProblem =>
    options.browser === undefined ? globalBrowser() : (options.browser ?? 'not-browser');

  return {
    name: identity.name,
    mock: identity.mock,
    wording: withTencentWording,
    plan: () => ({ identity: 'optional', ticket: TENCENT_TICKET }),

    probe(): Promise<DeviceReport> {
      const found = browser();
      const device = { platform: typeof found === 'string' ? 'unknown' : 'h5', wechatVersion: null, sdkVersion: null };
      if (typeof found !== 'string') return Promise.resolve({ mode: null, problems: [], device });
      const { message } = TENCENT_OUTCOMES[found];
      const code = found === 'not-browser' ? 'unsupported-platform' : 'probe-failed';
      return Promise.resolve({ mode: null, problems: [{ code, blocking: true, message }], device });
    },

    async capture({ ticket }): Promise<CaptureOutcome> {
      if (!isTencentTicket(ticket)) return NO_TICKET;
      const found = browser();
      if (typeof found === 'string') return failed(found);
      try {
        writePending(found.storage, storageKey, {
          v: 1,
          key: newIdempotencyKey(),
          at: clock.now(),
          token: await digestToken(ticket.bizToken),
        });
      } catch {
        return failed('storage-blocked');
      }
      return new Promise<CaptureOutcome>((resolve) => {
        // Shown again from the back-forward cache: no load resumes the flow, so the capture ends here, unfinished.
        const stop = found.onRestored?.(() => {
          stop?.();
          takePending(found.storage, storageKey);
          resolve(failed('not-finished'));
        });
        try {
          found.navigate(ticket.url);
        } catch {
          stop?.();
          takePending(found.storage, storageKey);
          resolve(failed('leave-failed'));
        }
        // Otherwise the page is going away: the promise never settles, and the next load resumes.
      });
    },

    async resume(): Promise<ResumeAnswer | null> {
      const found = browser();
      if (typeof found === 'string') return null;
      const href = found.href();
      const token = readReturnToken(href, tokenParams);
      const pending = takePending(found.storage, storageKey);
      // The address loses the token (and the preview's markers) at once: a reload or the back button cannot resubmit.
      const cleaned = withoutParams(href, [...tokenParams, ...(options.cleanParams ?? [])]);
      if (cleaned !== href) found.replaceUrl(cleaned);
      if (!token) return pending ? { error: named('not-finished') } : null;
      if (!pending || clock.now() - pending.at > maxAgeMs || pending.at > clock.now()) return { error: named('stale-link') };
      if ((await digestToken(token)) !== pending.token) return { error: named('stale-link') };
      return { payload: { platform: 'tencent', biz_token: token }, key: pending.key };
    },

    // Tencent's page asks for the camera itself.
    requestCameraPermission: () => Promise.resolve('granted'),
    openSettings: () => Promise.resolve('unknown'),
    // Every numeric code on a Tencent flow is an ErrCode of GetDetectInfoEnhanced.
    classify: (code) => {
      const outcome = classifyTencentErrCode(code);
      return toTencentFailure(outcome, code);
    },
  };
}

/**
 * The Tencent Cloud FaceID (腾讯云人脸核身) driver for H5: pass it as `driver` in a Taro H5 build (a browser or
 * WeChat's in-app browser). The ticket endpoint calls `DetectAuth` with this page's URL as `RedirectUrl` and
 * answers `{ bizToken, url, expiresIn? }`; the verify endpoint gets `{ platform: 'tencent', biz_token }`. On a
 * mini-program it reports "unsupported" (use the WeChat driver there).
 * @example
 * const flow = createFaceVerify({
 *   driver: createTencentFaceIdDriver(),
 *   ticketEndpoint: '/api/face/ticket',
 *   endpoint: '/api/face/verify',
 * });
 * // The page leaves for Tencent's page on start and, back on this page, submits by itself.
 */
export function createTencentFaceIdDriver(options: TencentFaceIdDriverOptions = {}): FaceDriver {
  return withTencentPort(options, { name: 'tencent', mock: false });
}
