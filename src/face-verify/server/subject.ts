/**
 * Whom an answer is for: the one notion of subject every record the server keeps is bound to. `identity()`
 * (ticket handler) and `expect()` (verify handler) describe the user; this turns that into keyed digests
 * (HMAC under the keyring's key) that tickets, remembered verdicts and limit counters carry, and compares
 * them in one place for every platform.
 */
import { constantTimeEqual, md5Hex, normalizeIdCardNumber } from './digest';
import { macHex } from './keyring';

/** What the app says of its user: a stable account id and/or the person's identity. Each part is optional. */
export interface SubjectFields {
  /** Your own stable id of the logged-in user (session user id). */
  userId?: string | undefined;
  openid?: string | undefined;
  name?: string | undefined;
  idCardNumber?: string | undefined;
}

/**
 * A record's binding, as keyed digests: `u` user id, `o` openid, `n` name, `i` ID number (the last two over
 * the MD5 the platforms report, so a platform's digest can be compared without the value).
 */
export interface SubjectMacs {
  u?: string;
  o?: string;
  n?: string;
  i?: string;
}

/** The digests of one request's subject, and its opaque id (the same for the same user, useless without the key). */
export interface Subject {
  macs: SubjectMacs;
  /** HMAC of the account (user id, else openid, else the identity); undefined when the request names nobody. */
  id: string | undefined;
}

const PARTS = ['u', 'o', 'n', 'i'] as const;

/** The keyed digest of a platform-reported (or our own) MD5 of the name. */
export const nameMac = (key: Buffer, nameMd5: string): string => macHex(key, 'name', nameMd5.toLowerCase());
/** The keyed digest of a platform-reported (or our own) MD5 of the normalised ID number. */
export const idCardMac = (key: Buffer, idCardMd5: string): string => macHex(key, 'id-card', idCardMd5.toLowerCase());

/** The keyed digests of whatever `fields` name. */
export function subjectOf(key: Buffer, fields: SubjectFields): Subject {
  const macs: SubjectMacs = {};
  if (fields.userId !== undefined) macs.u = macHex(key, 'user', fields.userId);
  if (fields.openid !== undefined) macs.o = macHex(key, 'openid', fields.openid);
  if (fields.name !== undefined) macs.n = nameMac(key, md5Hex(fields.name));
  if (fields.idCardNumber !== undefined) macs.i = idCardMac(key, md5Hex(normalizeIdCardNumber(fields.idCardNumber)));
  const account = macs.u ?? macs.o ?? (macs.n !== undefined && macs.i !== undefined ? `${macs.n}:${macs.i}` : undefined);
  return { macs, id: account === undefined ? undefined : macHex(key, 'subject', account) };
}

/**
 * True when the record bound to `stored` may be used by a request that expects `expected`: every part the
 * request names is in the record and equal. A request that names nothing (`expect` returned `{}`) matches
 * every record: the app chose to accept any genuine result.
 */
export function ownedBy(stored: SubjectMacs, expected: SubjectMacs): boolean {
  let same = true;
  for (const part of PARTS) {
    const want = expected[part];
    // Every part is compared (no early exit), so the time says nothing about which part differs.
    if (want !== undefined) same = constantTimeEqual(stored[part] ?? '', want) && same;
  }
  return same;
}

/**
 * One digest of everything a request names, for remembered verdicts: a verdict goes back only to a request
 * naming the same; undefined (nothing named) means it goes back to nobody.
 */
export function fingerprintOf(key: Buffer, macs: SubjectMacs): string | undefined {
  const named = PARTS.filter((part) => macs[part] !== undefined);
  if (named.length === 0) return undefined;
  return macHex(key, 'fingerprint', named.map((part) => `${part}=${macs[part]}`).join('&'));
}
