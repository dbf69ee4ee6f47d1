/**
 * The verify endpoint's answer. The string codes a rejection may carry are the keys of `VERDICTS`
 * (verdicts.ts): the server's `RejectionCode` is that union, and the client's classes are a `Record` over it.
 */
import { isRecord } from './shape';
import { VERDICT_CODES, type VerdictCode } from './verdicts';

export { VERDICT_CODES, VERDICTS, type VerdictCode, type VerdictEntry } from './verdicts';

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
