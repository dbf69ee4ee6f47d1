/** What the front end posts to the verify endpoint, validated. The shapes are the contract's (contract/). */
import type { AlipayVerifyPayload, WeChatVerifyPayload } from '../contract';
import { HttpError } from './http/errors';
import { isRecord } from './http/io';

/**
 * WeChat v1: `{ verify_result }` from `startFacialRecognitionVerify`; v2: `{ verify_id, out_seq_no }` from the
 * ticket; Alipay: `{ certify_id }` from the ticket.
 */
export type VerifyPayload = WeChatVerifyPayload | AlipayVerifyPayload;

const LIMITS = { verify_result: 4096, verify_id: 512, out_seq_no: 128, certify_id: 128 } as const;

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
  const alipay = body.certify_id !== undefined;
  if (Number(v1) + Number(v2) + Number(alipay) > 1) {
    throw new HttpError(
      400,
      'ambiguous_payload',
      'Send one credential: verify_result (WeChat v1), verify_id and out_seq_no (WeChat v2), or certify_id (Alipay).',
    );
  }
  if (v1) return { verify_result: field(body, 'verify_result') };
  if (v2) return { verify_id: field(body, 'verify_id'), out_seq_no: field(body, 'out_seq_no') };
  if (alipay) return { certify_id: field(body, 'certify_id') };
  throw new HttpError(
    400,
    'missing_credential',
    'Send verify_result (WeChat v1), verify_id and out_seq_no (WeChat v2), or certify_id (Alipay).',
  );
}
