/** The shape of the handlers' audit records (see audit.ts): shared with the telemetry port. */
import type { PlatformName } from '../contract';

/** The handlers that write records. */
export type AuditEventName = 'face_verify.ticket' | 'face_verify.verify' | 'face_verify.push';

/**
 * What became of one request:
 * - `issued` (a ticket), `accepted` (a verdict), `handled` / `duplicate` (a push delivery);
 * - `rejected`: a verdict `{ ok: false }` (its `code` says why);
 * - `refused`: a 4xx other than 401 / 429 (malformed, wrong content type, bad signature, …);
 * - `unauthenticated` (401), `rate_limited` (429), `unavailable` (503: a store or platform outage), `error` (other 5xx).
 */
export type AuditOutcome =
  'issued' | 'accepted' | 'rejected' | 'handled' | 'duplicate' | 'refused' | 'unauthenticated' | 'rate_limited' | 'unavailable' | 'error';

/** One record: codes, enums, numbers and opaque ids only. */
export interface AuditRecord {
  name: AuditEventName;
  /** When the request arrived, milliseconds since the epoch. */
  time: number;
  platform?: PlatformName;
  /** WeChat's v1 / v2. */
  protocol?: 'v1' | 'v2';
  outcome: AuditOutcome;
  /** The answer's code: a verdict code, a platform's numeric code, or an HTTP error code (`rate_limited`, …). */
  code?: string | number;
  status: number;
  durationMs: number;
  /** The request's `X-Request-Id` (when it is a sane token), else a random id. */
  requestId: string;
  /** This process (`instance` option, default host name and pid). */
  instance: string;
  /** HMAC of the user's account (user id, openid, else identity): the same for the same person. */
  subject?: string;
}
