/**
 * The verify endpoint's answer and every string code a rejection may carry. The server's `RejectionCode`
 * is this union, and the client's message table is a `Record` over it: a code added here without a
 * client message does not compile.
 */
import { isRecord } from './shape';

/**
 * Every string `code` of an `{ ok: false }` answer (numeric codes are the platform's own, e.g. WeChat's
 * identify_ret): what the server checks found, in the server README's words.
 */
export const VERDICT_CODES = [
  'errcode',
  'identify_ret',
  'verify_ret',
  'detect_ret',
  'name_mismatch',
  'id_card_mismatch',
  'openid_mismatch',
  'user_id_key_mismatch',
  'stale',
  'identify_time_invalid',
  'replayed',
  'credential_rejected',
  'unknown_ticket',
  'out_seq_no_mismatch',
  'identity_unknown',
  'ticket_required',
  'not_passed',
] as const;

/** A string code of a rejection (see {@link VERDICT_CODES}). */
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** The backend's answer. Only `ok: true` is success. */
export type VerifyVerdict =
  | ({ ok: true } & Record<string, unknown>)
  | {
      ok: false;
      /** A {@link VerdictCode}, a platform's numeric code, or a code of the app's own backend. */
      code?: number | string;
      message?: string;
      /** The platform's errcode, when the backend passes it on (e.g. with `credential_rejected`). */
      errcode?: number;
    };

/** True for a string the server kit answers as a rejection code. */
export function isVerdictCode(value: unknown): value is VerdictCode {
  return typeof value === 'string' && (VERDICT_CODES as readonly string[]).includes(value);
}

/** A verify answer, or null when it is not `{ ok: boolean, … }` (nonsense is retried, never success). */
export function parseVerdict(raw: unknown): VerifyVerdict | null {
  if (!isRecord(raw) || typeof raw.ok !== 'boolean') return null;
  if (raw.ok) return { ...raw, ok: true };
  const verdict: VerifyVerdict = { ok: false };
  if (typeof raw.code === 'number' || typeof raw.code === 'string') verdict.code = raw.code;
  if (typeof raw.message === 'string') verdict.message = raw.message;
  if (typeof raw.errcode === 'number') verdict.errcode = raw.errcode;
  return verdict;
}
