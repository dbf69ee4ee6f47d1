/** The verify handler's answers: `{ ok: true, … }` or `{ ok: false, code, message }`, HTTP 200 for both. */
import type { VerdictCode } from '../contract';
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
 * The union is the contract's `VerdictCode` (contract/verdict.ts), shared with the front end's messages.
 */
export type RejectionCode = VerdictCode;

/** Every problem the checks report is a rejection code of the contract: this alias fails to compile otherwise. */
type Assert<T extends true> = T;
type _ProblemsAreVerdictCodes = Assert<VerifyProblem extends VerdictCode ? true : false>;

const MESSAGES: Record<RejectionCode, string> = {
  errcode: 'WeChat reported an error for this verification.',
  identify_ret: 'The face verification did not succeed.',
  verify_ret: 'The face verification did not succeed.',
  detect_ret: 'Tencent Cloud FaceID reports that the verification did not pass.',
  name_mismatch: 'The verified name is not the expected one.',
  id_card_mismatch: 'The verified ID number is not the expected one.',
  openid_mismatch: 'The verification was made by another WeChat user.',
  user_id_key_mismatch: 'The verification was started with another ticket.',
  stale: 'The verification is too old; verify again.',
  identify_time_invalid: 'The verification time is invalid.',
  replayed: 'This verification result was already used.',
  credential_rejected: 'WeChat does not recognise this verification result.',
  ticket_required: 'This verification was not started from a ticket issued here; start again.',
  unknown_ticket: 'The verification ticket is unknown or expired; start again.',
  out_seq_no_mismatch: 'The verification does not belong to this ticket.',
  identity_unknown: 'The server does not know whom to verify.',
  not_passed: 'Alipay identity verification did not pass.',
};

/** Most telling first: the face verdict, then identity, then time. */
const PRIORITY: RejectionCode[] = [
  'errcode',
  'identify_ret',
  'verify_ret',
  'detect_ret',
  'not_passed',
  'ticket_required',
  'unknown_ticket',
  'out_seq_no_mismatch',
  'user_id_key_mismatch',
  'openid_mismatch',
  'name_mismatch',
  'id_card_mismatch',
  'identify_time_invalid',
  'stale',
  'identity_unknown',
  'credential_rejected',
  'replayed',
];

export interface Rejection {
  problems: RejectionCode[];
  /** WeChat's identify_ret / verify_ret or Tencent's ErrCode, used as the code when that is the reason. */
  ret?: number;
  /** WeChat's errcode, for `credential_rejected`. */
  errcode?: number;
}

export function rejectionResponse({ problems, ret, errcode }: Rejection): Response {
  const first = PRIORITY.find((code) => problems.includes(code)) ?? problems[0] ?? 'errcode';
  const useRet = (first === 'identify_ret' || first === 'verify_ret' || first === 'detect_ret') && ret !== undefined;
  return jsonResponse(200, {
    ok: false,
    code: useRet ? ret : first,
    message: useRet ? `${MESSAGES[first]} (${first} ${ret})` : MESSAGES[first],
    problems,
    ...(errcode === undefined ? {} : { errcode }),
  });
}

export const acceptedResponse = (fields: Record<string, unknown>): Response => jsonResponse(200, { ok: true, ...fields });
