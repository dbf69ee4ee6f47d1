/**
 * The OpenTelemetry SDK wired to its in-memory exporters, registered as the globals of this test file (each
 * Jest file has its own global object, so files never share them). Nothing is mocked: the adapter talks to the
 * real API and the real SDK.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as api from '@opentelemetry/api';
import * as logs from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export { api, logs };

export function startSdk() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  api.trace.setGlobalTracerProvider(tracerProvider);

  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  api.metrics.setGlobalMeterProvider(meterProvider);

  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
  logs.logs.setGlobalLoggerProvider(loggerProvider);

  return {
    spans: () => spans.getFinishedSpans(),
    logRecords: () => logExporter.getFinishedLogRecords(),
    /** Exports now and answers the metrics of one meter (a fresh meter name per test keeps tests apart). */
    async metrics(meterName: string): Promise<MetricData[]> {
      metricExporter.reset();
      await reader.forceFlush();
      return metricExporter
        .getMetrics()
        .flatMap((resource) => resource.scopeMetrics)
        .filter((scope) => scope.scope.name === meterName)
        .flatMap((scope) => scope.metrics);
    },
    reset() {
      spans.reset();
      logExporter.reset();
    },
    async stop() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown(), loggerProvider.shutdown()]);
      api.trace.disable();
      api.metrics.disable();
      logs.logs.disable();
    },
  };
}

/** What an exporter would send of a span, as plain data (for assertions and the PII scan). */
export const spanData = (span: ReadableSpan) => ({
  name: span.name,
  kind: span.kind,
  spanId: span.spanContext().spanId,
  traceId: span.spanContext().traceId,
  parentSpanId: span.parentSpanContext?.spanId,
  attributes: span.attributes,
  status: span.status,
  events: span.events,
  links: span.links,
  resource: span.resource.attributes,
});

/** What an exporter would send of a log record. */
export const logData = (record: ReadableLogRecord) => ({
  eventName: record.eventName,
  body: record.body,
  severityNumber: record.severityNumber,
  severityText: record.severityText,
  attributes: record.attributes,
  timestamp: record.hrTime,
  traceId: record.spanContext?.traceId,
  resource: record.resource.attributes,
});

/** One metric's points, by their attributes. */
export const pointsOf = (metrics: MetricData[], name: string): DataPoint<number | Histogram>[] =>
  (metrics.find((metric) => metric.descriptor.name === name)?.dataPoints ?? []) as DataPoint<number | Histogram>[];

/**
 * A context manager on AsyncLocalStorage (what @opentelemetry/context-async-hooks does), for the case of an app
 * whose HTTP instrumentation has a span active while the handler runs.
 */
export class AsyncContextManager implements api.ContextManager {
  private readonly storage = new AsyncLocalStorage<api.Context>();
  active(): api.Context {
    return this.storage.getStore() ?? api.ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: api.Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(context, () => fn.call(thisArg, ...args));
  }
  bind<T>(_context: api.Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}
