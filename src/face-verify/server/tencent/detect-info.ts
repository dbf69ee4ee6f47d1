/**
 * A FaceID result (`GetDetectInfoEnhanced`'s `Text`), read strictly, and the one rule that turns it into a
 * verdict: ErrCode 0, similarity at least 70, and the reported person being the expected one. Pure functions.
 */
import { normalizeIdCardNumber } from '../digest';

/** The similarity at or above which Tencent counts the face as the ID's owner (fixed by Tencent). */
export const TENCENT_MIN_SIMILARITY = 70;

/** A FaceID result as the kit reads it. `idCard` and `name` are identity data: never log or store them. */
export interface TencentDetectInfo {
  /** `ErrCode`: 0 passed; see {@link TENCENT_DETECT_CODES}. */
  errCode: number;
  /** `ErrMsg`: Tencent's description, for display only (its wording may change). */
  errMsg: string | undefined;
  /** `IdCard`: the ID number the verification used. */
  idCard: string | undefined;
  /** `Name`: the name the verification used. */
  name: string | undefined;
  /** `Sim` as a number, 0–100 (Tencent sends a decimal string). */
  sim: number | undefined;
  liveStatus: number | undefined;
  compareStatus: number | undefined;
  /** 0 unknown, 1 digits, 2 action, 3 silent, 4 一闪, 5 远近. */
  livenessMode: number | undefined;
  /** `Extra`, as given to DetectAuth. */
  extra: string | undefined;
  requestId: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const INVALID = Symbol('invalid');

/** An optional field: absent / null → undefined; the wrong type → INVALID. */
function optional<T>(value: unknown, check: (value: unknown) => value is T): T | undefined | typeof INVALID {
  if (value === undefined || value === null) return undefined;
  return check(value) ? value : INVALID;
}
const isString = (value: unknown): value is string => typeof value === 'string';
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** `Sim`: a decimal string (or number) in 0–100; "" means none. */
function parseSim(value: unknown): number | undefined | typeof INVALID {
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\s*\d{1,3}(\.\d+)?\s*$/.test(text)) return INVALID;
  const sim = Number(text);
  return sim >= 0 && sim <= 100 ? sim : INVALID;
}

/**
 * Reads `Text`; null when it is missing, its `ErrCode` is not an integer, or a field has the wrong type (an
 * answer to distrust as a whole). Empty strings count as absent.
 */
export function parseDetectInfoText(text: unknown): Omit<TencentDetectInfo, 'requestId'> | null {
  if (!isRecord(text) || !isInteger(text.ErrCode)) return null;
  const fields = {
    errMsg: optional(text.ErrMsg, isString),
    idCard: optional(text.IdCard, isString),
    name: optional(text.Name, isString),
    sim: parseSim(text.Sim),
    liveStatus: optional(text.LiveStatus, isInteger),
    compareStatus: optional(text.Comparestatus, isInteger),
    livenessMode: optional(text.LivenessMode, isInteger),
    extra: optional(text.Extra, isString),
  };
  if (Object.values(fields).some((value) => value === INVALID)) return null;
  const blank = (value: unknown) => (value === '' ? undefined : (value as string | undefined));
  return {
    errCode: text.ErrCode,
    errMsg: blank(fields.errMsg),
    idCard: blank(fields.idCard),
    name: blank(fields.name),
    sim: fields.sim as number | undefined,
    liveStatus: fields.liveStatus as number | undefined,
    compareStatus: fields.compareStatus as number | undefined,
    livenessMode: fields.livenessMode as number | undefined,
    extra: blank(fields.extra),
  };
}

/** What one `ErrCode` means and what the user can do. */
export interface TencentDetectCode {
  /** Plain English (Tencent's wording in cloud.tencent.com/document/product/1007/31082). */
  meaning: string;
  /** Whether trying again can succeed (the same person, now or shortly). */
  retryable: boolean;
  /** Whether a new try needs a new BizToken: every code but 0 and 17 (a finished or expired verification spent it). */
  freshTicket: boolean;
}

// A finished verification spends its BizToken, so any new try needs a new one; only 17 (left unfinished) can
// resume with the same token, and 0 needs no new try.
const code = (meaning: string, retryable: boolean, freshTicket = true): TencentDetectCode => ({ meaning, retryable, freshTicket });
const CALL_ERROR = code('the DetectAuth call was wrong (check RuleId and the parameters)', false);
const SERVICE_ERROR = code("a failure on Tencent's side; try again later", true);

/**
 * The `ErrCode`s of the H5 route, from cloud.tencent.com/document/product/1007/31082 (and 108625 for 2018).
 * Codes not listed here are not retryable and need a fresh ticket (see {@link describeDetectCode}).
 */
export const TENCENT_DETECT_CODES: Readonly<Record<number, TencentDetectCode>> = {
  0: code('passed', false, false),
  1: CALL_ERROR,
  2: CALL_ERROR,
  3: CALL_ERROR,
  4: SERVICE_ERROR,
  8: SERVICE_ERROR,
  10: SERVICE_ERROR,
  12: SERVICE_ERROR,
  13: SERVICE_ERROR,
  14: code('this verification was already completed; start a new one', true),
  15: code('the BizToken expired (7,200 s); start a new verification', true),
  16: code('the retry limit of this verification was reached; start a new one', true),
  17: code('the verification was not finished (the user left the page)', true, false),
  201: code('the image could not be fetched from WeChat; try again', true),
  202: code('the video could not be fetched; try again', true),
  203: code('no permission for this API (check the account with Tencent)', false),
  204: code('the WeChat account has not authorised FaceID (慧眼): authorise it in the console', false),
  301: code('the ID number on the card read does not match the one passed to DetectAuth', false),
  302: code('the ID card has expired; use a valid one', false),
  303: code('the ID card scan failed; try again', true),
  1001: code('the liveness engine timed out; try again', true),
  1002: code('suspected not a live person (a recording)', false),
  1003: code('face recognition did not succeed; try again', true),
  1004: code('face verification failed; try again', true),
  1005: code('face verification failed; try again', true),
  1006: code('the ID photo database failed; try again', true),
  1007: code('the WeChat liveness result could not be fetched; try again', true),
  1008: code("the user's network was unstable during liveness; try again on another network", true),
  2001: code('the comparison engine timed out; try again', true),
  2002: code('the name is wrong; correct it and try again', true),
  2003: code('the ID number is wrong; correct it and try again', true),
  2004: code('no photo could be taken from the video; try again or use another phone', true),
  2005: code('no identity record was found; verify through another channel', false),
  2006: code('the name and ID number do not match; correct them and try again', true),
  2007: code('no ID photo was found; verify through another channel', false),
  2008: code('no ID photo was found; verify through another channel', false),
  2009: code('the ID photo is too low-resolution; verify through another channel', false),
  2010: code('the face was not fully visible; face the screen and try again', true),
  2011: code('not judged the same person (suspected not live); try again', true),
  2012: code('more than one face was seen; only the person should be in view', true),
  2013: code('the face was not fully visible; face the screen and try again', true),
  2014: code("the video's resolution is too low; use another phone", true),
  2015: code('not judged the same person (the comparison failed); try again', true),
  2016: code('not judged the same person (similarity below 70); try again', true),
  2017: code('the authoritative data source is being upgraded; try again later', true),
  2018: code('over a rate limit (per ID number 15/min and 30/day; per browser or openid 20/day); try again later', false),
};

/** The entry of {@link TENCENT_DETECT_CODES}, or, for a code not listed, not retryable with a fresh ticket. */
export function describeDetectCode(errCode: number): TencentDetectCode {
  return TENCENT_DETECT_CODES[errCode] ?? code(`unknown ErrCode ${errCode}`, false);
}

/** What a result is checked against: matchers, so the caller can compare keyed digests without holding values. */
export interface TencentExpectedPerson {
  /** Whether Tencent's reported `Name` is the expected person's. */
  nameMatches(name: string): boolean;
  /** Whether Tencent's reported `IdCard` (normalised: trimmed, a final x upper-cased) is the expected person's. */
  idCardMatches(idCard: string): boolean;
}

/** Why a result is not a pass (the verdict codes of the contract). */
export type TencentProblem = 'detect_ret' | 'name_mismatch' | 'id_card_mismatch';

/** A verdict: passed, or the problems (with Tencent's ErrCode as `ret` for `detect_ret`). */
export type TencentJudgement = { passed: true } | { passed: false; problems: TencentProblem[]; ret?: number };

/**
 * The only pass: `ErrCode` 0, `Sim` ≥ 70, and the reported `Name` and `IdCard` present and matching. An
 * `ErrCode` other than 0 is `detect_ret` with `ret` = ErrCode (nothing else is read); 0 with a missing or low
 * `Sim` is `detect_ret` with `ret` 2016; a missing or different name / ID number is `name_mismatch` /
 * `id_card_mismatch` (all problems are listed).
 *
 * @example
 * judgeDetectInfo(info, {
 *   nameMatches: (name) => constantTimeEqual(keyedDigest(name), expected.nameDigest),
 *   idCardMatches: (idCard) => constantTimeEqual(keyedDigest(idCard), expected.idCardDigest),
 * }); // { passed: true } or { passed: false, problems: ['detect_ret'], ret: 2016 }
 */
export function judgeDetectInfo(
  info: Pick<TencentDetectInfo, 'errCode' | 'sim' | 'idCard' | 'name'>,
  expected: TencentExpectedPerson,
): TencentJudgement {
  if (info.errCode !== 0) return { passed: false, problems: ['detect_ret'], ret: info.errCode };
  const problems: TencentProblem[] = [];
  const lowSimilarity = info.sim === undefined || !(info.sim >= TENCENT_MIN_SIMILARITY);
  if (lowSimilarity) problems.push('detect_ret');
  if (info.name === undefined || info.name.trim() === '' || !expected.nameMatches(info.name.trim())) problems.push('name_mismatch');
  if (info.idCard === undefined || info.idCard.trim() === '' || !expected.idCardMatches(normalizeIdCardNumber(info.idCard))) {
    problems.push('id_card_mismatch');
  }
  if (problems.length === 0) return { passed: true };
  return lowSimilarity ? { passed: false, problems, ret: 2016 } : { passed: false, problems };
}
