/**
 * Every WeChat capture and result code the facts file lists, classified (cancel / permission / device /
 * retry / fatal / input) with the message the user sees. Unknown codes are retryable, with a generic message.
 */
import type { FlowMessages, LocaleOption } from '../locales';
import { flowMessagesFor } from '../locales/flow';
import type { ErrorKind, FaceVerifyError, FlowStep, ProblemAction } from './types';

type ErrorKey = keyof FlowMessages['errors'];

interface CodeClass {
  kind: ErrorKind;
  retryable: boolean;
  message: ErrorKey;
  action?: ProblemAction;
  /** The step a retry starts from, when it is not the failed one (fix the form, fetch a new ticket). */
  resumeAt?: FlowStep;
}

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
const quality = (message: ErrorKey): CodeClass => ({ kind: 'retry', retryable: true, message, action: 'retry' });

const CODES = new Map<number, CodeClass>([
  [90100, CANCEL],
  [90002, CANCEL],
  [90003, CANCEL],
  [90004, CANCEL],
  [90005, CANCEL],
  [90006, CANCEL],
  [90024, CANCEL],
  [90101, PERMISSION],
  [90008, PERMISSION],
  [90009, PERMISSION],
  [90010, PERMISSION],
  [90001, DEVICE],
  [90109, DEVICE],
  [90102, TRANSIENT],
  [90103, TRANSIENT],
  [90104, TRANSIENT],
  [90105, TRANSIENT],
  [90106, TRANSIENT],
  [90107, quality('captureTimeout')],
  [90108, quality('shaking')],
  [90110, TRANSIENT],
  [90199, TRANSIENT],
  [90007, TRANSIENT],
  [90011, TRANSIENT],
  [90012, TRANSIENT],
  [90013, TRANSIENT],
  [90014, TRANSIENT],
  [90017, TRANSIENT],
  [90018, TRANSIENT],
  [10001, DEVELOPER],
  [10040, DEVELOPER],
  [10002, quality('faceNotDetected')],
  [10010, quality('photoQuality')],
  [10020, quality('captureTimeout')],
  [10027, quality('speech')],
  [10028, quality('lipMovement')],
  [10003, { kind: 'input', retryable: false, message: 'idNameMismatch', resumeAt: 'input' }],
  [10004, { kind: 'retry', retryable: true, message: 'faceMismatch', action: 'retry' }],
  [10005, { kind: 'retry', retryable: true, message: 'inProgress', action: 'retry' }],
  [10006, NOT_CONFIGURED],
  [10011, NOT_CONFIGURED],
  [10031, NOT_CONFIGURED],
  [10007, SERVICE],
  [10008, SERVICE],
  [10015, SERVICE],
  [10016, SERVICE],
  [10045, SERVICE],
  [10042, SERVICE],
  [10069, SERVICE],
  [10009, NO_PHOTO],
  [10026, NO_PHOTO],
  [10017, CREDENTIAL],
  [10018, CREDENTIAL],
  [10041, { kind: 'retry', retryable: true, message: 'credentialExpired', resumeAt: 'ticket' }],
  [10021, { kind: 'retry', retryable: true, message: 'duplicate' }],
  [10022, { kind: 'retry', retryable: true, message: 'duplicate' }],
  [10052, QUOTA],
  [10057, QUOTA],
  [10066, QUOTA],
  [10300, { kind: 'retry', retryable: true, message: 'notCompleted', action: 'retry' }],
  [-1, TRANSIENT],
  // getinfo / queryverifyinfo errcodes a backend may pass through
  [84001, CREDENTIAL],
  [84002, { kind: 'retry', retryable: true, message: 'credentialExpired', resumeAt: 'ticket' }],
  [84003, CREDENTIAL],
  [84006, { kind: 'input', retryable: false, message: 'idNameMismatch', resumeAt: 'input' }],
]);

/** Face mismatches (10004) stop being retryable after this many captures in one flow. */
export const MAX_FACE_MISMATCH_ATTEMPTS = 3;

/** Every code the catalogue knows, for documentation and tests. */
export const KNOWN_CAPTURE_CODES: readonly number[] = [...CODES.keys()];

export interface ClassifyContext {
  locale?: LocaleOption;
  step: FlowStep;
  /** Captures made so far in this flow, including the failed one. */
  attempts?: number;
}

/** Turns a WeChat code (from the capture call or passed on by the backend) into the flow's error. */
export function classifyCode(code: number, context: ClassifyContext): FaceVerifyError {
  const words = flowMessagesFor(context.locale).errors;
  const found = CODES.get(code) ?? { kind: 'retry', retryable: true, message: 'unknown', action: 'retry' };
  const exhausted = code === 10004 && (context.attempts ?? 1) >= MAX_FACE_MISMATCH_ATTEMPTS;
  const error: FaceVerifyError = {
    code,
    kind: exhausted ? 'fatal' : found.kind,
    message: exhausted ? words.faceMismatchFinal : (words[found.message] as string),
    retryable: exhausted ? false : found.retryable,
    step: found.resumeAt ?? context.step,
  };
  const action = exhausted ? 'other-channel' : found.action;
  if (action) error.action = action;
  return error;
}

/**
 * The string codes `createVerifyHandler` (taro-face-verify/server) answers with, classified for the user.
 * A backend of your own may use them too; any other string code is a final "not passed".
 */
const VERDICT_CODES: Record<string, CodeClass> = {
  replayed: { kind: 'backend', retryable: true, message: 'replayed', action: 'retry' },
  stale: { kind: 'backend', retryable: true, message: 'credentialExpired', action: 'retry' },
  identify_time_invalid: { kind: 'backend', retryable: true, message: 'credentialExpired', action: 'retry' },
  unknown_ticket: { kind: 'backend', retryable: true, message: 'credentialExpired', action: 'retry', resumeAt: 'ticket' },
  out_seq_no_mismatch: { kind: 'backend', retryable: true, message: 'credentialExpired', action: 'retry', resumeAt: 'ticket' },
  name_mismatch: { kind: 'backend', retryable: false, message: 'identityMismatch', action: 'other-channel' },
  id_card_mismatch: { kind: 'backend', retryable: false, message: 'identityMismatch', action: 'other-channel' },
  openid_mismatch: { kind: 'backend', retryable: false, message: 'identityMismatch', action: 'other-channel' },
  user_id_key_mismatch: { kind: 'backend', retryable: false, message: 'identityMismatch', action: 'other-channel' },
  identity_unknown: { kind: 'backend', retryable: false, message: 'developer' },
};

/**
 * Turns a backend's `{ ok: false, code, errcode? }` into the flow's error (kind 'backend'): WeChat's numeric
 * codes through the capture catalogue, the server kit's string codes through their own table; a WeChat
 * errcode passed along (e.g. with `credential_rejected`) decides when the code itself is not known.
 */
export function classifyVerdict(code: number | string | undefined, errcode: number | undefined, context: ClassifyContext): FaceVerifyError {
  const numeric = typeof code === 'number' ? code : typeof code === 'string' && /^-?\d+$/.test(code) ? Number(code) : undefined;
  const known = typeof code === 'string' ? VERDICT_CODES[code] : undefined;
  const shownCode = numeric ?? code ?? 'rejected';
  if (numeric === undefined && !known && errcode !== undefined)
    return { ...classifyCode(errcode, context), kind: 'backend', code: shownCode };
  if (numeric !== undefined) return { ...classifyCode(numeric, context), kind: 'backend', code: numeric };
  const words = flowMessagesFor(context.locale).errors;
  const found = known ?? { kind: 'backend', retryable: false, message: 'rejected' };
  const error: FaceVerifyError = {
    code: shownCode,
    kind: 'backend',
    message: words[found.message] as string,
    retryable: found.retryable,
    step: found.resumeAt ?? context.step,
  };
  if (found.action) error.action = found.action;
  return error;
}

/** The kit's own error codes (not WeChat's), with their classes. */
export function flowError(
  code: string,
  kind: ErrorKind,
  message: string,
  retryable: boolean,
  step: FlowStep,
  action?: ProblemAction,
): FaceVerifyError {
  return action ? { code, kind, message, retryable, step, action } : { code, kind, message, retryable, step };
}
