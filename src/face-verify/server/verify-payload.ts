/** What the front end posts to the verify endpoint, validated. The shapes are the contract's (contract/). */
import type { WeChatVerifyPayload } from '../contract';
import { errorResponse, isRecord } from './http';

/** v1: `{ verify_result }` from `startFacialRecognitionVerify`; v2: `{ verify_id, out_seq_no }` from the ticket. */
export type VerifyPayload = WeChatVerifyPayload;

const LIMITS = { verify_result: 4096, verify_id: 512, out_seq_no: 128 } as const;

export type ParsedPayload = { ok: true; payload: VerifyPayload } | { ok: false; response: Response };

function field(body: Record<string, unknown>, name: keyof typeof LIMITS): string | Response {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS[name]) {
    return errorResponse(400, `invalid_${name}`, `${name} must be a non-empty string of at most ${LIMITS[name]} characters.`);
  }
  return value;
}

export function parseVerifyPayload(body: unknown): ParsedPayload {
  if (!isRecord(body)) return { ok: false, response: errorResponse(400, 'invalid_payload', 'The body must be a JSON object.') };
  const v1 = body.verify_result !== undefined;
  const v2 = body.verify_id !== undefined || body.out_seq_no !== undefined;
  if (v1 && v2)
    return {
      ok: false,
      response: errorResponse(400, 'ambiguous_payload', 'Send either verify_result (v1) or verify_id and out_seq_no (v2), not both.'),
    };
  if (v1) {
    const verifyResult = field(body, 'verify_result');
    return typeof verifyResult === 'string'
      ? { ok: true, payload: { verify_result: verifyResult } }
      : { ok: false, response: verifyResult };
  }
  if (v2) {
    const verifyId = field(body, 'verify_id');
    if (typeof verifyId !== 'string') return { ok: false, response: verifyId };
    const outSeqNo = field(body, 'out_seq_no');
    if (typeof outSeqNo !== 'string') return { ok: false, response: outSeqNo };
    return { ok: true, payload: { verify_id: verifyId, out_seq_no: outSeqNo } };
  }
  return { ok: false, response: errorResponse(400, 'missing_credential', 'Send verify_result (v1) or verify_id and out_seq_no (v2).') };
}
