/**
 * One audit record per handler request, whatever the outcome: what an operator needs to answer "which verdict
 * did we give this user at 10:02, and why?" and "is someone attacking?", with nothing personal in it. The
 * subject is a keyed digest (the same for the same person, useless without the server's key). Sinks run after
 * the answer is made, outside its path: a sink that throws or is slow changes no answer and delays none.
 */
import { hostname } from 'node:os';
import type { PlatformName } from '../contract';
import { randomHex } from './digest';
import type { FetchHandler } from './http/errors';
import { codeOfResponse } from './http/errors';
import type { AuditEventName, AuditOutcome, AuditRecord } from './audit-record';
import { withSpan, type ServerTelemetry, type TelemetrySpan } from './telemetry';

export type { AuditEventName, AuditOutcome, AuditRecord } from './audit-record';

/** A sink of audit records (a logger, a queue): called once per request, after the answer. */
export type AuditSink = (record: AuditRecord) => unknown;

/** The options of the handlers that write records. */
export interface AuditOptions {
  /** Called with one record per request, after the answer is made; what it throws or how long it takes changes nothing. */
  onAudit?: AuditSink;
  /** Spans per request and per platform / store call (`createOpenTelemetry(...).telemetry`). */
  telemetry?: ServerTelemetry;
  /** This process's name in records. @default `${hostname()}:${process.pid}` */
  instance?: string;
}

/** What a handler learns about its request while it runs, for the record. */
export interface AuditContext {
  platform?: PlatformName;
  protocol?: 'v1' | 'v2';
  subject?: string;
  /** Set by handlers whose success is not `accepted` (tickets: `issued`; push: `handled` / `duplicate`). */
  success?: AuditOutcome;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
let defaultInstance: string | undefined;

function outcomeOf(status: number, code: unknown, context: AuditContext): AuditOutcome {
  if (status === 200) {
    if (code === undefined) return context.success ?? 'accepted';
    return 'rejected';
  }
  if (status === 401) return 'unauthenticated';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502) return 'unavailable';
  return status >= 500 ? 'error' : 'refused';
}

/** Reports a sink's failure without letting it near the answer. */
function deliver(sink: AuditSink, record: AuditRecord, onError: (error: unknown) => void): void {
  setImmediate(() => {
    try {
      const result = sink(record);
      if (result instanceof Promise) result.catch(onError);
    } catch (error) {
      onError(error);
    }
  });
}

/**
 * Wraps a handler (already error-mapped) so each request gets a span and one audit record. `handle` receives the
 * request's context to fill in.
 */
export function withAudit(
  name: AuditEventName,
  handle: (request: Request, context: AuditContext) => Promise<Response>,
  options: AuditOptions,
  onError: (error: unknown) => void,
): FetchHandler {
  const { onAudit, telemetry } = options;
  if (!onAudit && !telemetry) return (request) => handle(request, {});
  const instance = options.instance ?? (defaultInstance ??= `${hostname()}:${process.pid}`);
  return async (request) => {
    const time = Date.now();
    const started = performance.now();
    const context: AuditContext = {};
    const header = request.headers.get('x-request-id');
    const requestId = header !== null && REQUEST_ID.test(header) ? header : randomHex(8);
    const span: TelemetrySpan | undefined = telemetry?.startRequest(name, { 'request.id': requestId, instance });
    const response = span ? await withSpan(span, () => handle(request, context)) : await handle(request, context);
    const code = codeOfResponse(response);
    const record: AuditRecord = {
      name,
      time,
      ...(context.platform ? { platform: context.platform } : {}),
      ...(context.protocol ? { protocol: context.protocol } : {}),
      outcome: outcomeOf(response.status, code, context),
      ...(code === undefined ? {} : { code }),
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      requestId,
      instance,
      ...(context.subject ? { subject: context.subject } : {}),
    };
    if (span) {
      span.setAttributes({
        outcome: record.outcome,
        'http.response.status_code': record.status,
        ...(record.platform ? { platform: record.platform } : {}),
        ...(record.protocol ? { protocol: record.protocol } : {}),
        ...(code === undefined ? {} : { code: String(code) }),
      });
      span.end(record.status >= 500 ? String(code ?? record.status) : undefined);
    }
    if (onAudit) deliver(onAudit, record, onError);
    const recordTelemetry = telemetry?.record?.bind(telemetry);
    if (recordTelemetry) deliver(recordTelemetry, record, onError);
    return response;
  };
}
