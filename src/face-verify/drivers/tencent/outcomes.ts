/**
 * Every Tencent Cloud FaceID outcome the kit meets, classified as plain data: the `ErrCode` of
 * `GetDetectInfoEnhanced` that the server passes on (`{ ok: false, code: <ErrCode> }`), and the H5 route's own
 * findings (not a browser, storage blocked, a return without a token, a stale link). A `FailureTable`, the one
 * format of every platform's table (core/failure-table.ts); its texts are the platform's own (./words.ts), in
 * each shipped locale. Codes: /work/shared/tencent-faceid-api.md.
 */

import type { FailureRow, FailureTable } from '../../core/failure-table';
import type { PlatformWords } from '../../core/ports';
import { TENCENT_ERROR_WORDS as WORDS } from './words';

/** The same kinds as the flow's errors (a page picks its screen by kind). */
export type TencentOutcomeKind = 'cancel' | 'device' | 'retry' | 'fatal' | 'network' | 'backend';

/** What helps. */
export type TencentAction = 'retry' | 'other-channel';

/** How one outcome is handled: a row of the one failure-table format (`freshTicket`: a retry needs a new BizToken). */
export type TencentOutcomeClass = Omit<FailureRow, 'message'> & { kind: TencentOutcomeKind; message: PlatformWords; freshTicket: boolean };

const again = (kind: TencentOutcomeKind, message: PlatformWords): TencentOutcomeClass => ({
  kind,
  retryable: true,
  action: 'retry',
  freshTicket: true,
  message,
});
const final = (kind: TencentOutcomeKind, message: PlatformWords, action?: TencentAction): TencentOutcomeClass => ({
  kind,
  retryable: false,
  ...(action ? { action } : {}),
  freshTicket: false,
  message,
});

/**
 * Every outcome, by code: `errcode:*` from the server, the rest from the H5 route itself. Built in a pure
 * function: the rows are calls, which a minifier keeps (with every Tencent word) in a bundle that never reads the
 * table, a mini-program's included, unless the whole is marked side-effect free.
 */
export const TENCENT_OUTCOMES = /* @__PURE__ */ (() => {
  /** The liveness failures (1001–1008): the person can fix them with light, position and a steady phone. */
  const LIVENESS = again('retry', WORDS.liveness);
  return {
    // The BizToken was already used for a finished verification: a new attempt needs a new one.
    'errcode:14': again('backend', WORDS.alreadyCompleted),
    'errcode:15': again('backend', WORDS.expired),
    // Tencent's retry limit for this BizToken / person: another attempt now only fails again.
    'errcode:16': final('backend', WORDS.tooManyAttempts, 'other-channel'),
    'errcode:17': again('cancel', WORDS.notFinished),
    'errcode:1001': LIVENESS,
    'errcode:1002': LIVENESS,
    'errcode:1003': LIVENESS,
    'errcode:1004': LIVENESS,
    'errcode:1005': LIVENESS,
    'errcode:1006': LIVENESS,
    'errcode:1007': LIVENESS,
    'errcode:1008': LIVENESS,
    // The name and ID number do not belong together: typing them again (correctly) is the only fix.
    'errcode:2006': final('backend', WORDS.identityMismatch),
    'errcode:2016': again('retry', WORDS.faceMismatch),
    // Tencent's per-person and per-browser limits (15 a minute, 30 a day): only time helps.
    'errcode:2018': final('backend', WORDS.rateLimited),
    'errcode:unknown': again('backend', WORDS.failed),

    // The H5 route's own findings.
    'not-browser': final('device', WORDS.notBrowser),
    'storage-blocked': final('device', WORDS.storageBlocked),
    'leave-failed': again('retry', WORDS.leaveFailed),
    // Back without a token while a capture was pending (the back button, or the person left Tencent's page).
    'not-finished': again('cancel', WORDS.notFinished),
    // A token with no pending record, too old, or not the one this browser left with.
    'stale-link': again('fatal', WORDS.staleLink),
  } as const satisfies FailureTable<string> & Record<string, TencentOutcomeClass>;
})();

/** A key of {@link TENCENT_OUTCOMES}. */
export type TencentOutcomeCode = keyof typeof TENCENT_OUTCOMES;

const known = (code: string): code is TencentOutcomeCode => Object.prototype.hasOwnProperty.call(TENCENT_OUTCOMES, code);

/** An `ErrCode` the server passed on, classified; a code the table does not name is a generic failure. */
export function classifyTencentErrCode(code: number): TencentOutcomeClass & { code: TencentOutcomeCode } {
  const row = `errcode:${code}`;
  const found: TencentOutcomeCode = known(row) ? row : 'errcode:unknown';
  return { code: found, ...TENCENT_OUTCOMES[found] };
}
