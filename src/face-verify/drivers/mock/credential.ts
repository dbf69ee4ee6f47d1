/**
 * The mock credential: what the mock driver returns as `verifyResult`, and what the local WeChat stand-in
 * (`startMockWeChat`) and the in-browser mock backend accept in `getinfo`.
 *
 * A real `verify_result` is opaque to us; the mock one carries just what WeChat's `getinfo` would report
 * (MD5s, never the name or ID number themselves), so the real server checks run unchanged in the preview.
 * Format: `mock1.` + base64url(JSON of {@link MockCredentialClaims}).
 */
import { normalizeIdCardNumber } from '../../contract';
import { md5Hex } from './md5';

export const MOCK_CREDENTIAL_PREFIX = 'mock1.';

/** What a mock credential claims: what WeChat's getinfo reports for the simulated capture. */
export interface MockCredentialClaims {
  /** identify_ret WeChat will report: 0 for a match, 10004 for a face that does not match, … */
  ret: number;
  /** identify_time, Unix seconds. */
  time: number;
  /** The digits read aloud (validate_data), for read-number captures. */
  digits?: string;
  /** MD5 of the UTF-8 name, when the capture was started with name + ID number. */
  nameMd5?: string;
  /** MD5 of the ID number with a final X upper-case, likewise. */
  idMd5?: string;
  /** The user_id_key the capture was started with (v1 ticket flow). */
  userIdKey?: string;
  /** Makes every credential unique, so replay checks can be exercised. */
  nonce: string;
}

function toBase64Url(text: string): string {
  const bytes = encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const base64 = typeof btoa === 'function' ? btoa(bytes) : Buffer.from(bytes, 'binary').toString('base64');
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = typeof atob === 'function' ? atob(base64) : Buffer.from(base64, 'base64').toString('binary');
  return decodeURIComponent(Array.from(bytes, (ch) => '%' + ch.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
}

/** MD5s as WeChat's getinfo reports them: UTF-8 name; the normalised ID number (final X upper-case). */
export function identityDigests(identity: { name: string; idCardNumber: string }): { nameMd5: string; idMd5: string } {
  return { nameMd5: md5Hex(identity.name), idMd5: md5Hex(normalizeIdCardNumber(identity.idCardNumber)) };
}

/**
 * A mock credential (`mock1.` + base64url JSON) carrying `claims`: what the mock driver returns as
 * `verifyResult` and what the WeChat stand-in answers for.
 * @example
 * const verifyResult = encodeMockCredential({ ret: 0, time: Math.floor(Date.now() / 1000), nonce: 'n1' });
 */
export function encodeMockCredential(claims: MockCredentialClaims): string {
  return MOCK_CREDENTIAL_PREFIX + toBase64Url(JSON.stringify(claims));
}

/** The claims of a mock credential, or null when the string is not one (forged or a real credential). */
export function decodeMockCredential(credential: unknown): MockCredentialClaims | null {
  if (typeof credential !== 'string' || !credential.startsWith(MOCK_CREDENTIAL_PREFIX)) return null;
  try {
    const claims: unknown = JSON.parse(fromBase64Url(credential.slice(MOCK_CREDENTIAL_PREFIX.length)));
    if (typeof claims !== 'object' || claims === null) return null;
    const c = claims as Record<string, unknown>;
    if (typeof c.ret !== 'number' || typeof c.time !== 'number' || typeof c.nonce !== 'string') return null;
    for (const key of ['digits', 'nameMd5', 'idMd5', 'userIdKey'] as const) {
      if (c[key] !== undefined && typeof c[key] !== 'string') return null;
    }
    return c as unknown as MockCredentialClaims;
  } catch {
    return null;
  }
}
