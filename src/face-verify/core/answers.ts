/** Shape checks for what the backend answers: anything else counts as nonsense and is retried. */
import type { Protocol, Ticket, VerifyVerdict } from './types';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export function parseVerdict(raw: unknown): VerifyVerdict | null {
  if (!isRecord(raw) || typeof raw.ok !== 'boolean') return null;
  if (raw.ok) return { ...raw, ok: true };
  const verdict: VerifyVerdict = { ok: false };
  if (typeof raw.code === 'number' || typeof raw.code === 'string') verdict.code = raw.code;
  if (typeof raw.message === 'string') verdict.message = raw.message;
  if (typeof raw.errcode === 'number') verdict.errcode = raw.errcode;
  return verdict;
}

export function ticketParser(protocol: Protocol) {
  return (raw: unknown): Ticket | null => {
    if (!isRecord(raw)) return null;
    const expiresIn = typeof raw.expiresIn === 'number' && raw.expiresIn > 0 ? raw.expiresIn : undefined;
    const extra = expiresIn ? { expiresIn } : {};
    if (protocol === 'v2') {
      return nonEmpty(raw.verifyId) && nonEmpty(raw.outSeqNo) ? { verifyId: raw.verifyId, outSeqNo: raw.outSeqNo, ...extra } : null;
    }
    return nonEmpty(raw.userIdKey) ? { userIdKey: raw.userIdKey, ...extra } : null;
  };
}
