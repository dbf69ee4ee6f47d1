/**
 * Every WeChat capture and result code the facts file lists, classified (cancel / permission / device /
 * retry / fatal / input) with the message key the user sees. Unknown codes are retryable, with a generic message.
 */
import { describeFailure } from '../../core/errors';
import { classifyByTable, type FailureRow, type FailureTable } from '../../core/failure-table';
import type { ClassifiedFailure } from '../../core/ports';
import type { FaceVerifyError, FlowStep, LocaleOption } from '../../core/types';
import { classifyBackendVerdict } from '../../core/verdict';

type CodeClass = FailureRow;

const CANCEL: CodeClass = { kind: 'cancel', retryable: true, message: 'cancelled' };
const PERMISSION: CodeClass = { kind: 'permission', retryable: true, message: 'permission', action: 'open-settings' };
const DEVICE: CodeClass = { kind: 'device', retryable: false, message: 'device', action: 'other-channel' };
const TRANSIENT: CodeClass = { kind: 'retry', retryable: true, message: 'transient', action: 'retry' };
const DEVELOPER: CodeClass = { kind: 'fatal', retryable: false, message: 'developer' };
const SERVICE: CodeClass = { kind: 'retry', retryable: true, message: 'serviceBusy', action: 'retry' };
const NOT_CONFIGURED: CodeClass = { kind: 'fatal', retryable: false, message: 'notConfigured', action: 'other-channel' };
const NO_PHOTO: CodeClass = { kind: 'fatal', retryable: false, message: 'noIdPhoto', action: 'other-channel' };
const CREDENTIAL: CodeClass = { kind: 'fatal', retryable: false, message: 'credentialInvalid' };
const QUOTA: CodeClass = { kind: 'fatal', retryable: false, message: 'quota', action: 'other-channel' };
const EXPIRED: CodeClass = { kind: 'retry', retryable: true, message: 'credentialExpired', resumeAt: 'ticket', freshTicket: true };
const ID_NAME: CodeClass = { kind: 'input', retryable: false, message: 'idNameMismatch', resumeAt: 'input' };
const quality = (message: CodeClass['message']): CodeClass => ({ kind: 'retry', retryable: true, message, action: 'retry' });

/**
 * WeChat's failure table: every code of the facts file (capture, result, and the errcodes a backend passes on).
 * @internal
 */
// Built in a pure function (its rows include calls), so a bundle that never reads it (Alipay's) drops it whole.
export const WECHAT_FAILURES = /* @__PURE__ */ (() =>
  ({
    90100: CANCEL,
    90002: CANCEL,
    90003: CANCEL,
    90004: CANCEL,
    90005: CANCEL,
    90006: CANCEL,
    90024: CANCEL,
    90101: PERMISSION,
    90008: PERMISSION,
    90009: PERMISSION,
    90010: PERMISSION,
    90001: DEVICE,
    90109: DEVICE,
    90102: TRANSIENT,
    90103: TRANSIENT,
    90104: TRANSIENT,
    90105: TRANSIENT,
    90106: TRANSIENT,
    90107: quality('captureTimeout'),
    90108: quality('shaking'),
    90110: TRANSIENT,
    90199: TRANSIENT,
    90007: TRANSIENT,
    90011: TRANSIENT,
    90012: TRANSIENT,
    90013: TRANSIENT,
    90014: TRANSIENT,
    90017: TRANSIENT,
    90018: TRANSIENT,
    10001: DEVELOPER,
    10040: DEVELOPER,
    10002: quality('faceNotDetected'),
    10010: quality('photoQuality'),
    10020: quality('captureTimeout'),
    10027: quality('speech'),
    10028: quality('lipMovement'),
    10003: ID_NAME,
    10004: { kind: 'retry', retryable: true, message: 'faceMismatch', action: 'retry' },
    10005: { kind: 'retry', retryable: true, message: 'inProgress', action: 'retry' },
    10006: NOT_CONFIGURED,
    10011: NOT_CONFIGURED,
    10031: NOT_CONFIGURED,
    10007: SERVICE,
    10008: SERVICE,
    10015: SERVICE,
    10016: SERVICE,
    10045: SERVICE,
    10042: SERVICE,
    10069: SERVICE,
    10009: NO_PHOTO,
    10026: NO_PHOTO,
    10017: CREDENTIAL,
    10018: CREDENTIAL,
    10041: EXPIRED,
    10021: { kind: 'retry', retryable: true, message: 'duplicate' },
    10022: { kind: 'retry', retryable: true, message: 'duplicate' },
    10052: QUOTA,
    10057: QUOTA,
    10066: QUOTA,
    10300: { kind: 'retry', retryable: true, message: 'notCompleted', action: 'retry' },
    '-1': TRANSIENT,
    // getinfo / queryverifyinfo errcodes a backend may pass through
    84001: CREDENTIAL,
    84002: EXPIRED,
    84003: CREDENTIAL,
    84006: ID_NAME,
  }) as const satisfies FailureTable<number | '-1'>)();

const UNKNOWN: CodeClass = { kind: 'retry', retryable: true, message: 'unknown', action: 'retry' };

/** Face mismatches (10004) stop being retryable after this many captures in one flow. */
export const MAX_FACE_MISMATCH_ATTEMPTS = 3;

/**
 * Every code the catalogue knows, for documentation and tests.
 * @internal
 */
export const KNOWN_CAPTURE_CODES: readonly number[] = /* @__PURE__ */ (() => Object.keys(WECHAT_FAILURES).map(Number))();

/** A WeChat code (from the capture call or passed on by the backend), classified; `attempts` counts captures so far. */
export function classifyWeChatCode(code: number, attempts: number): ClassifiedFailure {
  if (code === 10004 && attempts >= MAX_FACE_MISMATCH_ATTEMPTS) {
    return { code, kind: 'fatal', retryable: false, message: 'faceMismatchFinal', action: 'other-channel' };
  }
  return classifyByTable<keyof typeof WECHAT_FAILURES>(WECHAT_FAILURES, code) ?? { ...UNKNOWN, code };
}

/** Where a code arose, for {@link classifyCode} and {@link classifyVerdict}. */
export interface ClassifyContext {
  locale?: LocaleOption;
  step: FlowStep;
  /** Captures made so far in this flow, including the failed one. */
  attempts?: number;
}

/**
 * Turns a WeChat code (from the capture call or passed on by the backend) into the flow's error.
 * @example
 * classifyCode(90100, { step: 'capture', locale: 'en' }); // { kind: 'cancel', retryable: true, message: 'You cancelled …' }
 */
export function classifyCode(code: number, context: ClassifyContext): FaceVerifyError {
  return describeFailure(classifyWeChatCode(code, context.attempts ?? 1), context.step, context.locale);
}

const wechatCodes = { classify: (code: number, { attempts }: { attempts: number }) => classifyWeChatCode(code, attempts) };

/**
 * Turns a backend's `{ ok: false, code, errcode? }` into the flow's error (kind 'backend'): WeChat's numeric
 * codes through the capture catalogue, the server kit's string codes through their own table; a WeChat
 * errcode passed along (e.g. with `credential_rejected`) decides when the code itself does not.
 * @example
 * classifyVerdict('replayed', undefined, { step: 'capture', locale: 'en' }).retryable; // true
 */
export function classifyVerdict(code: number | string | undefined, errcode: number | undefined, context: ClassifyContext): FaceVerifyError {
  return classifyBackendVerdict(code, errcode, context, wechatCodes);
}
