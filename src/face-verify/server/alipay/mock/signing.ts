/**
 * Alipay's v2 gateway signing (RSA2 = SHA256withRSA, base64) as pure functions: what the stand-in checks on
 * every request and how it signs every answer. Nothing here keeps or logs what it is given.
 */
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';

/** An RSA key pair as PEM: the private key in PKCS#1 (alipay-sdk's default `keyType`), the public key in SPKI. */
export interface RsaKeyPair {
  privateKey: string;
  publicKey: string;
}

/** A fresh 2048-bit RSA key pair, as Alipay's key tool makes them. */
export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

/** The text a request signature covers: every parameter but `sign`, empty ones skipped, sorted, `k=v&…`, not encoded. */
export function requestSignContent(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/** SHA256withRSA over UTF-8 `content`, base64. */
export function rsa2Sign(content: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKeyPem, 'base64');
}

/** True when `signature` is `content`'s RSA2 signature under `publicKeyPem`; false for anything malformed. */
export function rsa2Verify(content: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

/** The JSON key of a method's answer: `alipay.user.certify.open.query` → `alipay_user_certify_open_query_response`. */
export const responseKeyOf = (method: string): string => `${method.replaceAll('.', '_')}_response`;

/**
 * The raw text of a gateway answer: `{"<key>":{…},"sign":"…"}`, the signature covering exactly the JSON text
 * of the `<key>` node. Without a private key: no `sign` (as Alipay's unattributable `error_response`).
 */
export function gatewayAnswerText(key: string, node: Record<string, unknown>, privateKeyPem?: string): string {
  const nodeText = JSON.stringify(node);
  const keyText = JSON.stringify(key);
  return privateKeyPem === undefined
    ? `{${keyText}:${nodeText}}`
    : `{${keyText}:${nodeText},"sign":${JSON.stringify(rsa2Sign(nodeText, privateKeyPem))}}`;
}

/**
 * What a tampering proxy makes of a gateway answer: a second, unsigned `<key>` node appended after `sign`, so
 * the text holds the key twice. Not something Alipay sends.
 */
export function appendUnsignedNode(answerText: string, key: string, node: Record<string, unknown>): string {
  return `${answerText.slice(0, answerText.lastIndexOf('}'))},${JSON.stringify(key)}:${JSON.stringify(node)}}`;
}
