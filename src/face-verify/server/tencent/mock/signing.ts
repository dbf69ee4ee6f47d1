/**
 * TencentCloud API 3.0 request signing (TC3-HMAC-SHA256) as pure functions: what the stand-in checks on every
 * request, and what a test uses to sign a raw one. Follows Tencent's "签名方法 v3" steps: canonical request,
 * string to sign with the credential scope `date/service/tc3_request`, and the derived key chain. Nothing here
 * keeps or logs what it is given.
 */
import { createHash, createHmac } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** The UTC date (`YYYY-MM-DD`) of a Unix timestamp in seconds: the first part of the credential scope. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** What one signature covers. Header names are lower case; `headers` holds every signed header. */
export interface Tc3Request {
  method: string;
  /** @default '/' */
  path?: string;
  /** The query string without `?` ('' for a POST). */
  query?: string;
  /** The signed headers, lower-case names to values (at least `content-type` and `host`). */
  headers: Readonly<Record<string, string>>;
  /** The exact body text. */
  payload: string;
  /** X-TC-Timestamp, Unix seconds. */
  timestamp: number;
  /** The credential scope's service, e.g. `faceid`. */
  service: string;
}

/** The canonical request: method, path, query, canonical headers, signed headers, hashed payload. */
export function tc3CanonicalRequest(request: Tc3Request): { canonical: string; signedHeaders: string } {
  const names = Object.keys(request.headers)
    .map((name) => name.toLowerCase())
    .sort();
  const canonicalHeaders = names.map((name) => `${name}:${(request.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = [
    request.method.toUpperCase(),
    request.path ?? '/',
    request.query ?? '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.payload),
  ].join('\n');
  return { canonical, signedHeaders };
}

/** The hex signature of `request` under `secretKey`. */
export function tc3Signature(request: Tc3Request, secretKey: string): string {
  const date = tc3Date(request.timestamp);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(request.timestamp), scope, sha256Hex(tc3CanonicalRequest(request).canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), request.service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** The `Authorization` header for `request`, as the SDKs send it. */
export function tc3Authorization(request: Tc3Request, secretId: string, secretKey: string): string {
  const scope = `${tc3Date(request.timestamp)}/${request.service}/tc3_request`;
  const { signedHeaders } = tc3CanonicalRequest(request);
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${tc3Signature(request, secretKey)}`;
}

/** The parts of an `Authorization` header. */
export interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Reads an `Authorization` header; null when it is not a TC3-HMAC-SHA256 one. */
export function parseTc3Authorization(header: string | null): Tc3Authorization | null {
  const match = header === null ? null : AUTHORIZATION.exec(header.trim());
  if (match === null) return null;
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}
