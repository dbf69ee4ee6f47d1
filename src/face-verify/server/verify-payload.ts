/** What the front end posts to the verify endpoint, validated. The shapes are the contract's (contract/). */
import type { WeChatVerifyPayload } from '../contract';
import { HttpError } from './http-error';
import { isRecord } from './http';

/** v1: `{ verify_result }` from `startFacialRecognitionVerify`; v2: `{ verify_id, out_seq_no }` from the ticket. */
export type VerifyPayload = WeChatVerifyPayload;

const LIMITS = { verify_result: 4096, verify_id: 512, out_seq_no: 128 } as const;

function field(body: Record<string, unknown>, name: keyof typeof LIMITS): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS[name]) {
    throw new HttpError(400, `invalid_${name}`, `${name} must be a non-empty string of at most ${LIMITS[name]} characters.`);
  }
  return value;
}

/** The payload of a verify request, or an {@link HttpError} (400) naming what is wrong. */
export function parseVerifyPayload(body: unknown): VerifyPayload {
  if (!isRecord(body)) throw new HttpError(400, 'invalid_payload', 'The body must be a JSON object.');
  const v1 = body.verify_result !== undefined;
  const v2 = body.verify_id !== undefined || body.out_seq_no !== undefined;
  if (v1 && v2) throw new HttpError(400, 'ambiguous_payload', 'Send either verify_result (v1) or verify_id and out_seq_no (v2), not both.');
  if (v1) return { verify_result: field(body, 'verify_result') };
  if (v2) return { verify_id: field(body, 'verify_id'), out_seq_no: field(body, 'out_seq_no') };
  throw new HttpError(400, 'missing_credential', 'Send verify_result (v1) or verify_id and out_seq_no (v2).');
}
