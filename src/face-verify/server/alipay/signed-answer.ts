/**
 * Reads a v2 gateway answer (`{"<method>_response":{…},"sign":"…"}`) the way it must be read to be trusted:
 * the text is strict JSON with no repeated key anywhere, it names exactly one response node, Alipay's RSA2
 * signature verifies over that node's exact text, and what is returned is parsed from those same characters.
 * A pure function: nothing here keeps or logs the answer.
 */
import { verify, type KeyObject } from 'node:crypto';
import { AlipaySignatureError, AlipayTransportError } from './errors';
import { scanTopLevelObject } from './strict-json';

/** The JSON key of a method's answer: `alipay.user.certify.open.query` → `alipay_user_certify_open_query_response`. */
export const responseKeyOf = (method: string): string => `${method.replaceAll('.', '_')}_response`;

/**
 * The response node of `method`'s answer `text`, verified with `alipayPublicKey` (SHA256withRSA over the node's
 * UTF-8 text, as Alipay signs it).
 *
 * @throws AlipaySignatureError `ambiguous` for a repeated key (at any depth) or both `<method>_response` and
 *   `error_response`; `missing` without a `sign`; `invalid` when the signature does not verify.
 * @throws AlipayTransportError `malformed-answer` for anything that is not one strict JSON object holding a
 *   response node that is an object.
 */
export function readSignedAnswer(method: string, text: string, alipayPublicKey: KeyObject): Record<string, unknown> {
  const scan = scanTopLevelObject(text);
  if (!scan.ok) {
    throw scan.reason === 'duplicate-key'
      ? new AlipaySignatureError(method, 'ambiguous')
      : new AlipayTransportError(method, 'malformed-answer');
  }
  const answer = scan.members.get(responseKeyOf(method));
  const error = scan.members.get('error_response');
  if (answer !== undefined && error !== undefined) throw new AlipaySignatureError(method, 'ambiguous');
  const node = answer ?? error;
  if (node === undefined) throw new AlipayTransportError(method, 'malformed-answer');

  const signSpan = scan.members.get('sign');
  const sign: unknown = signSpan === undefined ? undefined : JSON.parse(text.slice(signSpan.start, signSpan.end));
  if (sign === undefined || sign === null || sign === '') throw new AlipaySignatureError(method, 'missing');
  const nodeText = text.slice(node.start, node.end);
  if (typeof sign !== 'string' || !verifies(nodeText, sign, alipayPublicKey)) throw new AlipaySignatureError(method, 'invalid');

  // The scan refused repeated keys, so JSON.parse reads these characters one way only: the way they were signed.
  const fields: unknown = JSON.parse(nodeText);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new AlipayTransportError(method, 'malformed-answer');
  return fields as Record<string, unknown>;
}

function verifies(content: string, signature: string, key: KeyObject): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return verify('sha256', Buffer.from(content, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
