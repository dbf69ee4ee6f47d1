/**
 * Every Alipay outcome the facts file lists (the phone's `resultStatus` / `errorCode`, the probe's findings, the
 * gateway's codes the server passes on), classified as plain data: kind, whether a retry can help, what helps,
 * whether a retry needs a fresh certify id (`freshTicket`), and the message (Alipay's own words, drivers/alipay/words.ts). No strings for
 * users here, no platform calls: the flow and the page read these tables.
 */
import { hasFailureRow, type FailureRow, type FailureTable } from '../../core/failure-table';
import type { PlatformWords } from '../../core/ports';
import type { AlipayVerifyAnswer } from './native';
import { ALIPAY_ERROR_WORDS } from './words';

/** The same kinds as the flow's errors (a page picks its screen by kind). */
export type AlipayOutcomeKind = 'cancel' | 'permission' | 'device' | 'retry' | 'fatal' | 'network' | 'backend';

/**
 * What helps. The first five mean what they mean on WeChat; `update-alipay`, `open-in-alipay` and
 * `open-system-settings` (the OS switch for Alipay's camera, which `my.openSetting` cannot change;
 * `my.showAuthGuide({ authType: 'CAMERA' })` explains it) are new.
 */
export type AlipayAction =
  'retry' | 'open-settings' | 'other-channel' | 'check-network' | 'update-alipay' | 'open-in-alipay' | 'open-system-settings';

/** A message of the outcome table: one of Alipay's own words (drivers/alipay/words.ts), in each shipped locale. */
export type AlipayMessageKey = keyof typeof ALIPAY_ERROR_WORDS;

/** How one outcome is handled: a row of the one failure-table format (`freshTicket`: a retry needs a new certify id). */
export type AlipayOutcomeClass = Omit<FailureRow, 'message'> & {
  kind: AlipayOutcomeKind;
  action?: AlipayAction;
  message: PlatformWords;
};

const capture = (kind: AlipayOutcomeKind, message: AlipayMessageKey, action: AlipayAction): AlipayOutcomeClass => ({
  kind,
  retryable: true,
  action,
  freshTicket: true,
  message: ALIPAY_ERROR_WORDS[message],
});
const blocked = (kind: AlipayOutcomeKind, message: AlipayMessageKey, action?: AlipayAction): AlipayOutcomeClass => ({
  kind,
  retryable: false,
  ...(action ? { action } : {}),
  message: ALIPAY_ERROR_WORDS[message],
});
const words = (key: AlipayMessageKey) => ALIPAY_ERROR_WORDS[key];

/**
 * Every outcome a driver path meets, by code: `capture:*` from `my.startAPVerify`, `probe:*` from the device,
 * `gateway:*` for a gateway code an app's backend passes on as the verdict's numeric `code`. (The kit's own server
 * answers Alipay's "not passed" and an expired certify id with verdict codes, classified by the core.)
 */
// Built in a pure function: the rows are calls (capture, blocked), which a minifier keeps in a bundle that never
// reads the table (a WeChat build) unless the whole is marked side-effect free.
export const ALIPAY_OUTCOMES = /* @__PURE__ */ (() =>
  ({
    // my.startAPVerify: resultStatus (9000 is not here: it only means "ask the server").
    'capture:6001': capture('cancel', 'cancelled', 'retry'),
    'capture:6002': capture('network', 'network', 'check-network'),
    'capture:4000:UNKNOWN_ERROR': capture('retry', 'unknownError', 'retry'),
    'capture:4000:SYSTEM_ERROR': capture('retry', 'systemError', 'retry'),
    // 用户未认证: the Alipay account has no real-name verification; another capture cannot change that.
    'capture:4000:USER_IS_NOT_CERTIFY': blocked('fatal', 'notCertified', 'other-channel'),
    'capture:4000': capture('retry', 'unknownError', 'retry'),
    'capture:unknown-status': capture('retry', 'unknownError', 'retry'),
    // The fail callback ({ error, errorMessage }): its codes are not documented for this API.
    'capture:fail': capture('retry', 'verifyFailed', 'retry'),

    // The probe.
    'probe:not-alipay': blocked('device', 'notAlipay', 'open-in-alipay'),
    'probe:api-unavailable': blocked('device', 'unavailable', 'update-alipay'),
    'probe:devtools': blocked('device', 'devtools'),
    'probe:camera-denied': {
      kind: 'permission',
      retryable: true,
      action: 'open-settings',
      message: words('cameraDenied'),
    },
    'probe:camera-system-denied': {
      kind: 'permission',
      retryable: true,
      action: 'open-system-settings',
      message: words('cameraSystemDenied'),
    },
    'probe:no-network': { kind: 'network', retryable: true, action: 'check-network', message: words('noNetwork') },

    // The gateway's codes, as the server passes them on (initialize / query).
    'gateway:20000': { kind: 'retry', retryable: true, action: 'retry', message: words('serviceBusy') },
    'gateway:40001': blocked('backend', 'notConfigured', 'other-channel'),
    'gateway:40002': blocked('backend', 'notConfigured', 'other-channel'),
    'gateway:40004': capture('backend', 'serviceFailed', 'retry'),
    'gateway:40006': blocked('backend', 'notConfigured', 'other-channel'),
    'gateway:unknown': { kind: 'backend', retryable: true, action: 'retry', message: words('serviceFailed') },
  }) as const satisfies FailureTable<string> & Record<string, AlipayOutcomeClass>)();

/** A key of {@link ALIPAY_OUTCOMES}. */
export type AlipayOutcomeCode = keyof typeof ALIPAY_OUTCOMES;

/** A classified failure: its code and how to handle it. */
export type AlipayFailure = AlipayOutcomeClass & { code: AlipayOutcomeCode };

const failure = (code: AlipayOutcomeCode): AlipayFailure => ({ ...ALIPAY_OUTCOMES[code], code });
const known = (code: string): code is AlipayOutcomeCode => hasFailureRow(ALIPAY_OUTCOMES, code);

/**
 * What to do after `my.startAPVerify`: '9000' → ask the server (whose query alone decides), anything else is a
 * classified failure.
 */
export function classifyVerifyAnswer(answer: AlipayVerifyAnswer): { next: 'query-server' } | ({ next: 'failed' } & AlipayFailure) {
  if (answer.settled === 'failed') return { next: 'failed', ...failure('capture:fail') };
  const { resultStatus, errorCode } = answer;
  if (resultStatus === '9000') return { next: 'query-server' };
  if (resultStatus === '4000') {
    const specific = `capture:4000:${errorCode ?? ''}`;
    return { next: 'failed', ...failure(known(specific) ? specific : 'capture:4000') };
  }
  const byStatus = `capture:${resultStatus}`;
  return { next: 'failed', ...failure(known(byStatus) ? byStatus : 'capture:unknown-status') };
}

/** A gateway `code` an app's backend passed on, classified. */
export function classifyGatewayCode(code: string): AlipayFailure {
  const row = `gateway:${code}`;
  return failure(known(row) ? row : 'gateway:unknown');
}
