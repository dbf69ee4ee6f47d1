/**
 * The backend's `{ ok: false }` answers, classified for the user. The table is a `Record` over the
 * contract's verdict-code union (the keys of `VERDICTS`), so a server code without a client class does not compile; a platform's
 * numeric code goes to the driver's own catalogue.
 */
import type { VerdictCode } from '../contract';
import { describeFailure } from './errors';
import type { ClassifiedFailure, FaceDriver } from './ports';
import type { ErrorKind, FaceVerifyError, FlowStep, LocaleOption } from './types';

type VerdictClass = Omit<ClassifiedFailure, 'code' | 'kind'> & {
  /** @default 'backend' */
  kind?: ErrorKind;
  /** The platform's `errcode` passed along decides when present (WeChat's 84002 = expired, …). */
  deferToErrcode?: boolean;
};

const REJECTED: VerdictClass = { retryable: false, message: 'rejected' };
const EXPIRED: VerdictClass = { retryable: true, message: 'credentialExpired', action: 'retry' };
const NEW_TICKET: VerdictClass = { ...EXPIRED, resumeAt: 'ticket', freshTicket: true };
const NOT_THE_HOLDER: VerdictClass = { retryable: false, message: 'identityMismatch', action: 'other-channel' };

/**
 * Every code the server kit answers, with what the user sees and whether `retry()` helps.
 * @internal
 */
export const VERDICT_CLASSES: Record<VerdictCode, VerdictClass> = {
  errcode: { ...REJECTED, deferToErrcode: true },
  identify_ret: REJECTED,
  verify_ret: REJECTED,
  detect_ret: REJECTED,
  credential_rejected: { ...REJECTED, deferToErrcode: true },
  replayed: { retryable: true, message: 'replayed', action: 'retry' },
  stale: EXPIRED,
  identify_time_invalid: EXPIRED,
  unknown_ticket: NEW_TICKET,
  out_seq_no_mismatch: NEW_TICKET,
  ticket_required: NEW_TICKET,
  name_mismatch: NOT_THE_HOLDER,
  id_card_mismatch: NOT_THE_HOLDER,
  openid_mismatch: NOT_THE_HOLDER,
  user_id_key_mismatch: NOT_THE_HOLDER,
  identity_unknown: { retryable: false, message: 'developer' },
  // Alipay's query answered passed "F": final for this certify id; a new attempt needs a fresh one.
  not_passed: { kind: 'fatal', retryable: true, message: 'alipay.notPassed', action: 'retry', resumeAt: 'ticket', freshTicket: true },
};

/**
 * True for a code of the contract's `VERDICTS`, read from this table (the same union) so a mini-program bundle
 * needs only the classes, not the server's messages.
 */
export const isKnownVerdictCode = (value: unknown): value is VerdictCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(VERDICT_CLASSES, value);

/** How the platform's own codes are read: a driver's `classify`. */
export type PlatformCodes = Pick<FaceDriver, 'classify'>;

export interface VerdictContext {
  locale?: LocaleOption;
  step: FlowStep;
  /** Captures made so far in this flow, including the failed one. */
  attempts?: number;
}

/**
 * Turns a backend's `{ ok: false, code, errcode? }` into the flow's error (kind 'backend'): numeric codes
 * (also as strings) through the platform's catalogue, the server kit's string codes through
 * {@link VERDICT_CLASSES}; any other string code is a final "not passed".
 */
export function classifyBackendVerdict(
  code: number | string | undefined,
  errcode: number | undefined,
  context: VerdictContext,
  platform: PlatformCodes,
): FaceVerifyError {
  const numeric = typeof code === 'number' ? code : typeof code === 'string' && /^-?\d+$/.test(code) ? Number(code) : undefined;
  const known = isKnownVerdictCode(code) ? VERDICT_CLASSES[code] : undefined;
  const shownCode = numeric ?? code ?? 'rejected';
  const attempts = context.attempts ?? 1;
  const fromPlatform = (value: number) => platform.classify(value, { attempts });

  const platformClass =
    numeric !== undefined
      ? fromPlatform(numeric)
      : errcode !== undefined && (!known || known.deferToErrcode)
        ? fromPlatform(errcode)
        : null;
  if (platformClass) return { ...describeFailure(platformClass, context.step, context.locale), kind: 'backend', code: shownCode };
  const { kind = 'backend', ...found } = known ?? REJECTED;
  return describeFailure({ ...found, code: shownCode, kind }, context.step, context.locale);
}
