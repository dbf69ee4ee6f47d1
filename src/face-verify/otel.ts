/**
 * taro-face-verify/otel: the kit's telemetry over OpenTelemetry (server spans, metrics and log records; the
 * flow's events as log records). The app passes its own `@opentelemetry/api` (an optional peer) in; nothing here
 * imports it, Node, React or Taro at run time. Nothing but re-exports.
 */
export { createOpenTelemetry } from './otel/opentelemetry';
export type {
  FaceVerifyOpenTelemetry,
  OpenTelemetryApi,
  OpenTelemetryLogRecord,
  OpenTelemetryLogsApi,
  OpenTelemetryOptions,
} from './otel/opentelemetry';
export type { OpenTelemetryAttributes } from './otel/attributes';
