/**
 * The server's telemetry port, the audit sink and the flow's event listener over OpenTelemetry. The app hands
 * in its own `@opentelemetry/api` (and `@opentelemetry/api-logs`) module: the kit imports neither at run time,
 * so both stay optional and the app's single copy of the API (whose globals hold its SDK) is the one used.
 * Tracers, meters and loggers are asked for on first use, after the app's SDK has started.
 */
import type * as OtelApi from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import type { FaceVerifyEvent, FaceVerifyEventListener } from '../core/events';
import type { AuditRecord } from '../server/audit-record';
import type { AuditSink } from '../server/audit';
import type { ServerTelemetry, TelemetrySpan } from '../server/telemetry';
import { auditLogAttributes, errorType, otelAttributes, requestMetricAttributes, type OpenTelemetryAttributes } from './attributes';

/** What the adapter uses of `@opentelemetry/api`: pass the module itself (`import * as api from '@opentelemetry/api'`). */
export type OpenTelemetryApi = Pick<typeof OtelApi, 'trace' | 'context' | 'metrics' | 'SpanKind' | 'SpanStatusCode'>;

/** One log record, as `@opentelemetry/api-logs`' `Logger.emit` takes it (the fields the adapter sets). */
export interface OpenTelemetryLogRecord {
  eventName?: string;
  timestamp?: number;
  severityNumber?: number;
  severityText?: string;
  body?: string;
  attributes?: OpenTelemetryAttributes;
}

/** What the adapter uses of `@opentelemetry/api-logs`: pass the module itself (`import * as logs from '@opentelemetry/api-logs'`). */
export interface OpenTelemetryLogsApi {
  logs: { getLogger(name: string): { emit(record: OpenTelemetryLogRecord): void } };
}

/** Options of {@link createOpenTelemetry}. */
export interface OpenTelemetryOptions {
  /** The app's `@opentelemetry/api` module (1.x): `import * as api from '@opentelemetry/api'`. */
  api: OpenTelemetryApi;
  /** The app's `@opentelemetry/api-logs` module, for log records. @default undefined (no log records) */
  logs?: OpenTelemetryLogsApi;
  /** @default 'taro-face-verify' */
  tracerName?: string;
  /** @default 'taro-face-verify' */
  meterName?: string;
  /** @default 'taro-face-verify' */
  loggerName?: string;
}

/** The kit's three telemetry hooks over OpenTelemetry; give each to what takes it. */
export interface FaceVerifyOpenTelemetry {
  /** For the handlers' `telemetry` option: spans, metrics and (with `logs`) one log record per request. */
  telemetry: ServerTelemetry;
  /** For the handlers' `onAudit` option: the request's log record alone (a record already logged is not logged twice). */
  onAudit: AuditSink;
  /** For the flow's `onEvent` (Node, or H5 with an OpenTelemetry web SDK): a log record and a count per event. */
  onEvent: FaceVerifyEventListener;
}

const SCOPE = 'taro-face-verify';
/** OpenTelemetry's advice for request durations in seconds (as for `http.server.request.duration`). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const INFO = 9;
const WARN = 13;
const ERROR = 17;

const severityOf = (outcome: AuditRecord['outcome']): [number, string] =>
  outcome === 'error' || outcome === 'unavailable'
    ? [ERROR, 'ERROR']
    : outcome === 'refused' || outcome === 'unauthenticated' || outcome === 'rate_limited'
      ? [WARN, 'WARN']
      : [INFO, 'INFO'];

/**
 * The kit's telemetry over the app's OpenTelemetry SDK.
 *
 * - Spans: one SERVER span per handler request (`face_verify.ticket`, `face_verify.verify`, `face_verify.push`;
 *   INTERNAL, as its child, when an HTTP instrumentation's span is active) with `face_verify.outcome`,
 *   `face_verify.platform`, `face_verify.protocol`, `face_verify.code`, `face_verify.request.id`,
 *   `http.response.status_code`; a CLIENT child span per platform or Redis call (`wechat.getinfo`,
 *   `alipay.query`, `redis`, …), parented explicitly (no context manager needed). A 5xx, or a failed call, sets
 *   status ERROR and `error.type`.
 * - Metrics: `face_verify.requests` (counter, `{request}`; operation, platform, outcome, code),
 *   `face_verify.request.duration` (histogram in seconds, `s`; operation, platform, outcome),
 *   `face_verify.rate_limited` (counter of 429 answers; operation, platform), and `face_verify.client.events`
 *   (counter of the flow's events; `face_verify.event.name`, outcome or status).
 * - Log records (with `logs`): one per request, its body and event name the record's name and its attributes the
 *   record's fields (`face_verify.subject` is the keyed digest); one per client event with its attributes.
 *
 * Nothing personal is read: audit records field by field, client events as the flow made them (codes only).
 *
 * @example
 * import * as api from '@opentelemetry/api';
 * import * as logs from '@opentelemetry/api-logs';
 * const otel = createOpenTelemetry({ api, logs });
 * const verify = createVerifyHandler({ api: wechat, expect, telemetry: otel.telemetry });
 */
export function createOpenTelemetry(options: OpenTelemetryOptions): FaceVerifyOpenTelemetry {
  const { api } = options;
  const tracer = () => api.trace.getTracer(options.tracerName ?? SCOPE);
  let instruments: ReturnType<typeof createInstruments> | undefined;
  const meter = () => (instruments ??= createInstruments(api.metrics.getMeter(options.meterName ?? SCOPE)));
  let logger: ReturnType<OpenTelemetryLogsApi['logs']['getLogger']> | undefined;
  const emit = (record: OpenTelemetryLogRecord) => {
    if (!options.logs) return;
    (logger ??= options.logs.logs.getLogger(options.loggerName ?? SCOPE)).emit(record);
  };
  // telemetry.record and onAudit receive the same record object: whichever comes first logs it.
  const logged = new WeakSet<AuditRecord>();

  const logAudit = (record: AuditRecord) => {
    if (logged.has(record)) return;
    logged.add(record);
    const [severityNumber, severityText] = severityOf(record.outcome);
    emit({
      eventName: record.name,
      body: record.name,
      timestamp: record.time,
      severityNumber,
      severityText,
      attributes: auditLogAttributes(record),
    });
  };

  const wrap = (span: Span): TelemetrySpan => ({
    setAttributes: (attributes) => span.setAttributes(otelAttributes(attributes)),
    end(failure) {
      if (failure !== undefined) {
        span.setAttribute('error.type', errorType(failure));
        span.setStatus({ code: api.SpanStatusCode.ERROR });
      }
      span.end();
    },
    child: (name, attributes) =>
      wrap(
        tracer().startSpan(
          name,
          { kind: api.SpanKind.CLIENT, attributes: otelAttributes(attributes) },
          api.trace.setSpan(api.context.active(), span),
        ),
      ),
  });

  const telemetry: ServerTelemetry = {
    startRequest(name, attributes) {
      // Under an HTTP server span (the app's http instrumentation, with a context manager) the request already
      // has its SERVER span: this one is an INTERNAL child of it (the conventions want one SERVER span a request).
      const within = api.trace.getSpan(api.context.active())?.isRecording() === true;
      const kind = within ? api.SpanKind.INTERNAL : api.SpanKind.SERVER;
      return wrap(tracer().startSpan(name, { kind, attributes: otelAttributes(attributes) }));
    },
    record(record) {
      const { requests, duration, rateLimited } = meter();
      requests.add(1, requestMetricAttributes(record, true));
      duration.record(record.durationMs / 1000, requestMetricAttributes(record, false));
      if (record.outcome === 'rate_limited') {
        const { 'face_verify.outcome': _outcome, ...where } = requestMetricAttributes(record, false);
        rateLimited.add(1, where);
      }
      logAudit(record);
    },
  };

  const onEvent = (event: FaceVerifyEvent) => {
    const attributes = otelAttributes(event.attributes);
    const { outcome, status } = event.attributes;
    meter().clientEvents.add(1, {
      'face_verify.event.name': event.name,
      ...(typeof outcome === 'string' ? { 'face_verify.outcome': outcome } : {}),
      ...(typeof status === 'string' ? { 'face_verify.status': status } : {}),
    });
    const failed = 'error.type' in attributes;
    emit({
      eventName: event.name,
      body: event.name,
      timestamp: event.time,
      severityNumber: failed ? WARN : INFO,
      severityText: failed ? 'WARN' : 'INFO',
      attributes,
    });
  };

  return { telemetry, onAudit: logAudit, onEvent };
}

function createInstruments(meter: OtelApi.Meter) {
  return {
    requests: meter.createCounter('face_verify.requests', {
      description: 'Handler requests, by operation, platform, outcome and code.',
      unit: '{request}',
    }),
    duration: meter.createHistogram('face_verify.request.duration', {
      description: 'Duration of handler requests, from arrival to answer.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    rateLimited: meter.createCounter('face_verify.rate_limited', {
      description: 'Requests refused by the issuance and attempt limits (429).',
      unit: '{request}',
    }),
    clientEvents: meter.createCounter('face_verify.client.events', {
      description: "The verification flow's events, by name and outcome or status.",
      unit: '{event}',
    }),
  };
}
