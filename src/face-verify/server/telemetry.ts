/**
 * The server's tracing port: a span per handler request and a child span per platform or store call. The kit
 * names no tracing library; `createOpenTelemetry` (`taro-face-verify/otel`) implements this port over
 * `@opentelemetry/api`. The current request travels in an AsyncLocalStorage, so a store call deep inside a
 * handler finds its parent without being handed it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditRecord } from './audit-record';

/** Attribute values a span may carry: codes, enums, numbers and booleans only (never identity data). */
export type TelemetryAttributes = Record<string, string | number | boolean>;

/** One span, as the kit uses it. */
export interface TelemetrySpan {
  setAttributes(attributes: TelemetryAttributes): void;
  /** Ends the span; `errorType` marks it failed (OpenTelemetry's `error.type`). */
  end(errorType?: string): void;
  /** Starts a child span of this one. */
  child(name: string, attributes: TelemetryAttributes): TelemetrySpan;
}

/** What the handlers and stores report to: spans, and each request's audit record. */
export interface ServerTelemetry {
  /** Starts the span of one handler request (`face_verify.ticket`, `face_verify.verify`, `face_verify.push`). */
  startRequest(name: string, attributes: TelemetryAttributes): TelemetrySpan;
  /** Each request's audit record, after the answer (for metrics and log records). */
  record?(record: AuditRecord): void;
}

const current = new AsyncLocalStorage<TelemetrySpan>();

/** Runs `run` with `span` as the parent of the calls it makes. */
export const withSpan = <T>(span: TelemetrySpan, run: () => Promise<T>): Promise<T> => current.run(span, run);

/**
 * Runs one platform or store call as a child span of the current request's (when telemetry is on): `name` such
 * as `wechat.getinfo`, `alipay.query`, `redis.set`. The call's error type (its name) ends the span failed.
 */
export async function traced<T>(name: string, attributes: TelemetryAttributes, run: () => Promise<T>): Promise<T> {
  const parent = current.getStore();
  if (parent === undefined) return run();
  const span = parent.child(name, attributes);
  try {
    const value = await run();
    span.end();
    return value;
  } catch (error) {
    span.end(error instanceof Error ? error.name : typeof error);
    throw error;
  }
}
