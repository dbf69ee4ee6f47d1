/**
 * Every string code of an `{ ok: false }` verify answer, in one record: its priority (which code the server
 * answers when several checks fail) and the server's English message. `VERDICT_CODES` and `VerdictCode` derive
 * from its keys, and the client's `VERDICT_CLASSES` (core/verdict.ts) is a `Record` over the same union, so a
 * code added here without its client class, or there without an entry here, does not compile.
 */

/** One verdict code as the server answers it. */
export interface VerdictEntry {
  /** Lower answers first when several checks fail: the face verdict, then identity, then time. Unique. */
  readonly priority: number;
  /** The server's `message`, in plain English for the developer. */
  readonly message: string;
  /** The platform's own numeric code (given with the rejection) is answered as the `code` instead. */
  readonly platformCode?: true;
}

/**
 * Every verdict code, with its priority and the server's message:
 * - `errcode`: WeChat reported an error for this verification.
 * - `identify_ret` / `verify_ret`: WeChat's identify_ret / verify_ret is not 0 (the code is then that number).
 * - `detect_ret`: Tencent Cloud FaceID's `ErrCode` is not 0, or its similarity is below 70 (the code is then the ErrCode).
 * - `name_mismatch`, `id_card_mismatch`, `openid_mismatch`, `user_id_key_mismatch`: the verification is not the expected one's.
 * - `stale`, `identify_time_invalid`: the verification is too old, or its time is invalid.
 * - `replayed`: this credential was already accepted.
 * - `credential_rejected`: WeChat refused the credential (84001 forged or unknown, 84002 expired, …; see `errcode`).
 * - `unknown_ticket`: the ticket was not issued here, expired, was used, or was issued to someone else.
 * - `out_seq_no_mismatch`: v2 `out_seq_no` is not the one issued with the `verifyId`.
 * - `identity_unknown`: v2 without an issued ticket, and nothing to ask WeChat with.
 * - `ticket_required`: no ticket issued here covers this capture: start from the ticket endpoint.
 * - `not_passed`: Alipay's query answered `passed` F (a new attempt needs a fresh certify id).
 */
export const VERDICTS = {
  errcode: { priority: 1, message: 'WeChat reported an error for this verification.' },
  identify_ret: { priority: 2, message: 'The face verification did not succeed.', platformCode: true },
  verify_ret: { priority: 3, message: 'The face verification did not succeed.', platformCode: true },
  detect_ret: { priority: 4, message: 'Tencent Cloud FaceID reports that the verification did not pass.', platformCode: true },
  name_mismatch: { priority: 11, message: 'The verified name is not the expected one.' },
  id_card_mismatch: { priority: 12, message: 'The verified ID number is not the expected one.' },
  openid_mismatch: { priority: 10, message: 'The verification was made by another WeChat user.' },
  user_id_key_mismatch: { priority: 9, message: 'The verification was started with another ticket.' },
  stale: { priority: 14, message: 'The verification is too old; verify again.' },
  identify_time_invalid: { priority: 13, message: 'The verification time is invalid.' },
  replayed: { priority: 17, message: 'This verification result was already used.' },
  credential_rejected: { priority: 16, message: 'WeChat does not recognise this verification result.' },
  unknown_ticket: { priority: 7, message: 'The verification ticket is unknown or expired; start again.' },
  out_seq_no_mismatch: { priority: 8, message: 'The verification does not belong to this ticket.' },
  identity_unknown: { priority: 15, message: 'The server does not know whom to verify.' },
  ticket_required: { priority: 6, message: 'This verification was not started from a ticket issued here; start again.' },
  not_passed: { priority: 5, message: 'Alipay identity verification did not pass.' },
} as const satisfies Record<string, VerdictEntry>;

/** A string code of a rejection (a key of the contract's `VERDICTS`). */
export type VerdictCode = keyof typeof VERDICTS;

/**
 * Every string `code` of an `{ ok: false }` answer (numeric codes are the platform's own, e.g. WeChat's
 * identify_ret or Tencent's ErrCode): the keys of the contract's `VERDICTS` record (priority and server message per code).
 */
export const VERDICT_CODES = /* @__PURE__ */ Object.keys(VERDICTS) as VerdictCode[];
