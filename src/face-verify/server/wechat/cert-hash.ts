import { normalizeIdCardNumber, sha256Hex } from '../digest';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The only certificate type WeChat's v2 face API accepts today (mainland resident ID card). */
export const CERT_TYPE_IDENTITY_CARD = 'IDENTITY_CARD';

/**
 * The v2 `cert_hash` that `queryverifyinfo` expects: standard Base64 of each of cert_type, cert_name and
 * cert_no (UTF-8), joined as `cert_type=…&cert_name=…&cert_no=…`, then SHA-256 as lower-case hex.
 * The ID number is normalised first (trimmed, a final `x` upper-cased), exactly as `getVerifyId` sends it,
 * so the two always agree.
 *
 * @example
 * certHash({ name: '张三', idCardNumber: '310101199801011234' });
 * // '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b' (WeChat's worked example)
 */
export function certHash(identity: { name: string; idCardNumber: string }): string {
  return certHashOf(CERT_TYPE_IDENTITY_CARD, identity.name, normalizeIdCardNumber(identity.idCardNumber));
}

/** The cert_hash recipe over the fields exactly as given (what WeChat computes from getverifyid's cert_info). */
export function certHashOf(certType: string, certName: string, certNo: string): string {
  return sha256Hex(`cert_type=${base64(certType)}&cert_name=${base64(certName)}&cert_no=${base64(certNo)}`);
}
