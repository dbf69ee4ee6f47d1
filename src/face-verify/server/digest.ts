/**
 * Hashes and comparisons used by the checks, the push crypto and the stores. Pure functions over
 * node:crypto; nothing here logs or keeps what it is given.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeIdCardNumber } from '../contract';

/** The ID number as WeChat digests it (the contract's one normalisation): spaces trimmed, a final `x` upper-cased. */
export { normalizeIdCardNumber };

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
export const sha1Hex = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Compares two strings in time that depends on neither their contents nor where they differ.
 * Both sides are hashed first so `timingSafeEqual` always sees equal-length buffers, which also
 * hides the length of the secret side (equal SHA-256 digests mean equal strings).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/** Like {@link constantTimeEqual}, but ignoring ASCII case (for hex digests WeChat may upper-case). */
export const constantTimeEqualHex = (a: string, b: string): boolean => constantTimeEqual(a.toLowerCase(), b.toLowerCase());

/** A random identifier of `bytes` random bytes as lower-case hex. */
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** MD5 of the UTF-8 name and of the normalised ID number, as getinfo reports them. */
export function identityMd5s(identity: { name: string; idCardNumber: string }): { nameMd5: string; idCardMd5: string } {
  return { nameMd5: md5Hex(identity.name), idCardMd5: md5Hex(normalizeIdCardNumber(identity.idCardNumber)) };
}
