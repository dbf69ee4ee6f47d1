/**
 * The kit's words as OpenTelemetry attributes: one naming rule for spans, metrics and log records, server and
 * client alike. Keys OpenTelemetry's semantic conventions define (`error.type`, `http.*`, `db.*`) keep their
 * name; every other key goes under the kit's namespace (`outcome` → `face_verify.outcome`), so `code` or
 * `instance` never collide with a convention. Values are scalars only; audit records are read field by field,
 * so nothing the record type does not name can reach an exporter.
 */
import type { AuditRecord } from '../server/audit-record';

/** An attribute map as the exporters take it: strings, finite numbers and booleans. */
export type OpenTelemetryAttributes = Record<string, string | number | boolean>;

const CONVENTION = /^(error|http|db|server|url|network|face_verify)\./;
/** Keys the conventions have renamed since the port was written. */
const RENAMED: Record<string, string> = { 'db.system': 'db.system.name', 'http.status': 'http.response.status_code' };
const KEY = /^[a-z][a-z0-9_.]{0,63}$/;
const MAX_STRING = 256;

/** The OpenTelemetry key of one of the kit's attribute keys (undefined for a key that is no name at all). */
export function otelKey(key: string): string | undefined {
  if (!KEY.test(key)) return undefined;
  return RENAMED[key] ?? (CONVENTION.test(key) ? key : `face_verify.${key}`);
}

function scalar(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value.length <= MAX_STRING ? value : undefined;
  return undefined;
}

/** The kit's attributes (a span's, a client event's) under OpenTelemetry names; anything but a scalar is dropped. */
export function otelAttributes(attributes: Readonly<Record<string, unknown>>): OpenTelemetryAttributes {
  const out: OpenTelemetryAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    const name = otelKey(key);
    const safe = scalar(value);
    if (name !== undefined && safe !== undefined) out[name] = safe;
  }
  return out;
}

/** `error.type`: a short code as given, anything else `_OTHER` (the conventions' fallback). */
export const errorType = (value: string): string => (/^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : '_OTHER');

/** `face_verify.ticket` → `ticket`: the handler, as metrics and logs name it. */
export const operationOf = (name: AuditRecord['name']): string => name.replace(/^face_verify\./, '');

/** The low-cardinality attributes of a request's metrics: handler, platform, outcome (and code, for the counter). */
export function requestMetricAttributes(record: AuditRecord, withCode: boolean): OpenTelemetryAttributes {
  return {
    'face_verify.operation.name': operationOf(record.name),
    ...(record.platform ? { 'face_verify.platform': record.platform } : {}),
    'face_verify.outcome': record.outcome,
    ...(withCode && record.code !== undefined ? { 'face_verify.code': String(record.code) } : {}),
  };
}

/** A log record's attributes: the audit record's fields, one by one (name and time are the record's name and timestamp). */
export function auditLogAttributes(record: AuditRecord): OpenTelemetryAttributes {
  const out: OpenTelemetryAttributes = {
    'face_verify.operation.name': operationOf(record.name),
    'face_verify.outcome': record.outcome,
    'http.response.status_code': record.status,
    'face_verify.duration_ms': record.durationMs,
    'face_verify.request.id': record.requestId,
    'face_verify.instance': record.instance,
  };
  if (record.platform) out['face_verify.platform'] = record.platform;
  if (record.protocol) out['face_verify.protocol'] = record.protocol;
  if (record.code !== undefined) out['face_verify.code'] = String(record.code);
  // A keyed digest (HMAC): the same for the same person, useless without the server's key.
  if (record.subject) out['face_verify.subject'] = record.subject;
  return otelAttributes(out);
}
