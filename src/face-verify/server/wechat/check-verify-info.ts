/**
 * The checks that make a face verification trustworthy: the front end's result can be forged, so the
 * backend compares WeChat's own answer with what it expected. All comparisons are constant-time.
 */
import { constantTimeEqual, constantTimeEqualHex, md5Hex, normalizeIdCardNumber } from '../digest';
import type { VerifyIdInfo, VerifyInfo } from './api';

/**
 * Why a result was rejected, as short machine-readable strings:
 * - `errcode`: WeChat's `errcode` is not 0 (the call itself failed).
 * - `identify_ret` (v1) / `verify_ret` (v2): WeChat's verdict is not success (0 / 10000); the value is in the answer.
 * - `name_mismatch`: `name_utf8_md5` is not the MD5 of the expected name (or is missing).
 * - `id_card_mismatch`: `id_card_number_md5` is not the MD5 of the expected ID number, final X upper-cased (or is missing).
 * - `openid_mismatch`: the verification was made by another WeChat user (or WeChat reported no openid).
 * - `user_id_key_mismatch`: the capture was started with another `userIdKey` (or none).
 * - `stale`: `identify_time` is older than `maxAgeSeconds`.
 * - `identify_time_invalid`: `identify_time` is missing, not a number, or more than 5 minutes in the future.
 */
export type VerifyProblem =
  | 'errcode'
  | 'identify_ret'
  | 'verify_ret'
  | 'name_mismatch'
  | 'id_card_mismatch'
  | 'openid_mismatch'
  | 'user_id_key_mismatch'
  | 'stale'
  | 'identify_time_invalid';

/** A check's verdict: `ok` only when `problems` is empty. */
export interface CheckResult {
  ok: boolean;
  problems: VerifyProblem[];
}

/** What the result must match; each field that is absent is not checked. */
export interface ExpectedVerifyInfo {
  name?: string;
  idCardNumber?: string;
  openid?: string;
  userIdKey?: string;
  /** Reject results whose `identify_time` is older than this. */
  maxAgeSeconds?: number;
  /** The current time for the age check: a Date or milliseconds since the epoch. @default Date.now() */
  now?: Date | number;
}

/** The same expectations with the identity already digested (what the ticket store keeps). */
export interface ExpectedDigests {
  nameMd5?: string;
  idCardMd5?: string;
  openid?: string;
  userIdKey?: string;
  maxAgeSeconds?: number;
  now?: Date | number;
}

const FUTURE_SKEW_SECONDS = 300;
/** WeChat's `value` equals `expected`; a field WeChat left out or empty never matches, not even an empty expectation. */
const reported = (value: unknown, expected: string, equal = constantTimeEqual): boolean =>
  typeof value === 'string' && value !== '' && equal(value, expected);
const nowMs = (now: Date | number | undefined): number => (now === undefined ? Date.now() : typeof now === 'number' ? now : now.getTime());

export function digestExpectations(expected: ExpectedVerifyInfo): ExpectedDigests {
  const { name, idCardNumber, ...rest } = expected;
  const digests: ExpectedDigests = { ...rest };
  if (name !== undefined) digests.nameMd5 = md5Hex(name);
  if (idCardNumber !== undefined) digests.idCardMd5 = md5Hex(normalizeIdCardNumber(idCardNumber));
  return digests;
}

/** {@link checkVerifyInfo} against digests rather than the name and ID number themselves. */
export function checkVerifyInfoDigests(info: VerifyInfo, expected: ExpectedDigests): CheckResult {
  const problems: VerifyProblem[] = [];
  if (info.errcode !== 0) problems.push('errcode');
  if (info.identify_ret !== 0) problems.push('identify_ret');
  if (expected.nameMd5 !== undefined && !reported(info.name_utf8_md5, expected.nameMd5, constantTimeEqualHex))
    problems.push('name_mismatch');
  if (expected.idCardMd5 !== undefined && !reported(info.id_card_number_md5, expected.idCardMd5, constantTimeEqualHex))
    problems.push('id_card_mismatch');
  if (expected.openid !== undefined && !reported(info.openid, expected.openid)) problems.push('openid_mismatch');
  if (expected.userIdKey !== undefined && !reported(info.user_id_key, expected.userIdKey)) problems.push('user_id_key_mismatch');
  if (expected.maxAgeSeconds !== undefined) {
    const time = info.identify_time;
    const nowSeconds = nowMs(expected.now) / 1000;
    if (typeof time !== 'number' || !Number.isFinite(time) || time > nowSeconds + FUTURE_SKEW_SECONDS)
      problems.push('identify_time_invalid');
    else if (nowSeconds - time > expected.maxAgeSeconds) problems.push('stale');
  }
  return { ok: problems.length === 0, problems };
}

/**
 * Checks a v1 `getinfo` answer: `errcode` and `identify_ret` both 0, and each expected field.
 * See {@link VerifyProblem} for the problems it reports.
 *
 * @example
 * const info = await api.getVerifyInfo(verifyResult);
 * const { ok, problems } = checkVerifyInfo(info, { name: '张三', idCardNumber: '11010519491231002x', openid, maxAgeSeconds: 600 });
 * if (!ok) reject(problems); // e.g. ['name_mismatch']
 */
export function checkVerifyInfo(info: VerifyInfo, expected: ExpectedVerifyInfo = {}): CheckResult {
  return checkVerifyInfoDigests(info, digestExpectations(expected));
}

/**
 * Checks a v2 `queryverifyinfo` answer: `errcode === 0` and `verify_ret === 10000`. WeChat itself
 * compares the identity and openid given to `getverifyid` (a mismatch comes back as an errcode, which
 * `queryVerifyInfo` throws), so there is nothing else to compare here.
 */
export function checkVerifyIdInfo(info: VerifyIdInfo): CheckResult {
  const problems: VerifyProblem[] = [];
  if (info.errcode !== 0) problems.push('errcode');
  if (info.verify_ret !== 10000) problems.push('verify_ret');
  return { ok: problems.length === 0, problems };
}
