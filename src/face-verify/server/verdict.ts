/** The verify handler's answers: `{ ok: true, … }` or `{ ok: false, code, message }`, HTTP 200 for both. */
import { VERDICTS, type VerdictCode } from '../contract';
import type { VerifyProblem } from './wechat/check-verify-info';
import { jsonResponse } from './http/io';

/**
 * Every string `code` of a rejection (numeric codes are WeChat's identify_ret / verify_ret):
 * the {@link VerifyProblem}s of the checks, plus
 * - `replayed`: this credential was already accepted (a post that finds it being checked waits for that check).
 * - `credential_rejected`: WeChat refused the credential (84001 forged or unknown, 84002 expired, …; see `errcode`).
 * - `ticket_required`: the handler has `tickets`, and no ticket issued here covers this capture (v1 without
 *   `user_id_key`): start from the ticket endpoint (or set `allowUnticketed`).
 * - `unknown_ticket`: the capture used a `userIdKey` / `verifyId` / certify id this server did not issue, one that
 *   expired or was used, or one issued to someone else (one code whatever differs).
 * - `out_seq_no_mismatch`: v2 `out_seq_no` is not the one issued with the `verifyId`.
 * - `identity_unknown`: v2 without an issued ticket, and `expect` gave no name, ID number and openid to ask WeChat with.
 * - `detect_ret`: Tencent Cloud FaceID's `ErrCode` is not 0, or its similarity is below 70 (the code is then the ErrCode).
 * - `not_passed`: Alipay's query answered `passed` F: the person did not pass (a new attempt needs a fresh certify id).
 *
 * The union is the contract's `VerdictCode`: the keys of `VERDICTS` (contract/verdicts.ts), which also holds each
 * code's priority and message, shared with the front end's classes.
 */
export type RejectionCode = VerdictCode;

/** Every problem the checks report is a rejection code of the contract: this alias fails to compile otherwise. */
type Assert<T extends true> = T;
type _ProblemsAreVerdictCodes = Assert<VerifyProblem extends VerdictCode ? true : false>;

/** Most telling first (the contract's priorities): the face verdict, then identity, then time. */
const PRIORITY = (Object.keys(VERDICTS) as RejectionCode[]).sort((a, b) => VERDICTS[a].priority - VERDICTS[b].priority);

/** True for a code answered with the platform's own number when one was given (identify_ret, detect_ret, …). */
const answersPlatformCode = (code: RejectionCode): boolean => 'platformCode' in VERDICTS[code];

export interface Rejection {
  problems: RejectionCode[];
  /** WeChat's identify_ret / verify_ret or Tencent's ErrCode, used as the code when that is the reason. */
  ret?: number;
  /** WeChat's errcode, for `credential_rejected`. */
  errcode?: number;
}

export function rejectionResponse({ problems, ret, errcode }: Rejection): Response {
  const first = PRIORITY.find((code) => problems.includes(code)) ?? problems[0] ?? 'errcode';
  const useRet = answersPlatformCode(first) && ret !== undefined;
  return jsonResponse(200, {
    ok: false,
    code: useRet ? ret : first,
    message: useRet ? `${VERDICTS[first].message} (${first} ${ret})` : VERDICTS[first].message,
    problems,
    ...(errcode === undefined ? {} : { errcode }),
  });
}

export const acceptedResponse = (fields: Record<string, unknown>): Response => jsonResponse(200, { ok: true, ...fields });
