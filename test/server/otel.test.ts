/**
 * taro-face-verify/otel against the real OpenTelemetry SDK (in-memory exporters): real handlers, the in-process
 * WeChat stand-in and a real Redis, and what an exporter would send: spans, metrics and log records.
 */
import { createHash } from 'node:crypto';
import { createFaceVerify, type Identity } from 'taro-face-verify';
import { createMockDriver } from 'taro-face-verify/mock';
import { createOpenTelemetry } from 'taro-face-verify/otel';
import {
  certHash,
  createMockCredential,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  type Limits,
  type MockWeChatOptions,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, postJson, USER } from './helpers';
import { api, AsyncContextManager, logData, logs, pointsOf, spanData, startSdk } from './otel-sdk';
import { redisForThisFile } from './redis-server';
import type { Histogram } from '@opentelemetry/sdk-metrics';

const OPENID = 'oMock0000000000000000000000';
const SERVER = api.SpanKind.SERVER;
const CLIENT = api.SpanKind.CLIENT;

const redis = redisForThisFile();
// Made before the SDK is registered, as a module-level `createOpenTelemetry` in an app may be.
const early = createOpenTelemetry({ api, logs, meterName: 'test-meter-early' });
const sdk = startSdk();
afterAll(() => sdk.stop());
afterEach(() => sdk.reset());

/** The sinks run after the answer (setImmediate): one more turn and they have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

let meters = 0;
function wire(options: { wechat?: MockWeChatOptions; limits?: Partial<Limits>; identity?: () => unknown } = {}) {
  const meterName = `test-meter-${++meters}`;
  const otel = createOpenTelemetry({ api, logs, meterName });
  const { api: wechat } = inProcessWeChat(options.wechat);
  const stores = createRedisStores({ client: redis.client(), prefix: `${Math.random()}:`, secret: 's'.repeat(32) });
  const shared = { telemetry: otel.telemetry, onError: () => undefined, instance: 'test-1' };
  const ticket = createTicketHandler({
    api: wechat,
    identity: (options.identity ?? (() => ({ ...USER, openid: OPENID }))) as never,
    tickets: stores.tickets,
    ...(options.limits ? { limits: options.limits } : {}),
    ...shared,
  });
  const verify = createVerifyHandler({
    api: wechat,
    tickets: stores.tickets,
    replayStore: stores.replayStore,
    expect: () => ({ ...USER, openid: OPENID }),
    ...shared,
  });
  const issue = async (body: unknown = { protocol: 'v1' }) => answerOf(await ticket(postJson(body, 'http://app.test/api/face/ticket')));
  const submit = async (body: unknown) => answerOf(await verify(postJson(body, undefined, { 'x-request-id': 'req-42' })));
  return { otel, meterName, issue, submit };
}

describe('createOpenTelemetry: the server', () => {
  it('makes one SERVER span per request, with CLIENT children for the WeChat and Redis calls', async () => {
    const { issue, submit } = wire();
    const { body } = await issue();
    expect((await submit({ verify_result: createMockCredential({ userIdKey: String(body.userIdKey) }) })).body.ok).toBe(true);
    await settle();

    const spans = sdk.spans().map(spanData);
    const requests = spans.filter((span) => span.kind === SERVER);
    expect(requests.map((span) => span.name)).toEqual(['face_verify.ticket', 'face_verify.verify']);
    const [ticketSpan, verifySpan] = requests;
    expect(ticketSpan?.attributes).toMatchObject({
      'face_verify.outcome': 'issued',
      'face_verify.platform': 'wechat',
      'face_verify.protocol': 'v1',
      'face_verify.instance': 'test-1',
      'http.response.status_code': 200,
    });
    expect(verifySpan?.attributes).toMatchObject({ 'face_verify.outcome': 'accepted', 'face_verify.request.id': 'req-42' });
    for (const span of requests) {
      expect(span.parentSpanId).toBeUndefined();
      expect(span.status.code).toBe(api.SpanStatusCode.UNSET);
      expect(span.attributes['error.type']).toBeUndefined();
    }

    const childrenOf = (parent: typeof ticketSpan) =>
      spans.filter((span) => span.parentSpanId === parent?.spanId && span.traceId === parent?.traceId);
    const ticketChildren = childrenOf(ticketSpan);
    const verifyChildren = childrenOf(verifySpan);
    expect(ticketChildren.map((span) => span.name)).toContain('wechat.getuseridkey');
    expect(verifyChildren.map((span) => span.name)).toContain('wechat.getinfo');
    for (const children of [ticketChildren, verifyChildren]) {
      const redisCalls = children.filter((span) => span.name === 'redis');
      expect(redisCalls.length).toBeGreaterThan(0);
      for (const span of redisCalls) expect(span.attributes).toEqual({ 'db.system.name': 'redis' });
    }
    // Every span but the two requests is one of their children, and every child is a CLIENT span.
    expect(ticketChildren.length + verifyChildren.length).toBe(spans.length - 2);
    expect([...ticketChildren, ...verifyChildren].every((span) => span.kind === CLIENT)).toBe(true);
  });

  it('under an HTTP instrumentation’s SERVER span, makes the request span its INTERNAL child (one SERVER span a request)', async () => {
    api.context.setGlobalContextManager(new AsyncContextManager());
    try {
      const { issue } = wire();
      const http = api.trace.getTracer('http').startSpan('POST /api/face/ticket', { kind: SERVER });
      await api.context.with(api.trace.setSpan(api.context.active(), http), () => issue());
      http.end();
      const spans = sdk.spans().map(spanData);
      const request = spans.find((span) => span.name === 'face_verify.ticket');
      expect(request).toMatchObject({ kind: api.SpanKind.INTERNAL, parentSpanId: http.spanContext().spanId });
      expect(spans.filter((span) => span.kind === SERVER).map((span) => span.name)).toEqual(['POST /api/face/ticket']);
      expect(spans.find((span) => span.name === 'wechat.getuseridkey')?.parentSpanId).toBe(request?.spanId);
    } finally {
      api.context.disable();
    }
  });

  it('marks a 5xx request span ERROR with error.type, and the failed WeChat call beneath it', async () => {
    const { issue } = wire({ wechat: { scenario: 'busy', busyTimes: 100 } });
    const answer = await issue();
    expect(answer.status).toBeGreaterThanOrEqual(500);
    await settle();
    const spans = sdk.spans().map(spanData);
    const request = spans.find((span) => span.kind === SERVER);
    expect(request?.status.code).toBe(api.SpanStatusCode.ERROR);
    expect(request?.attributes['error.type']).toBe(String(answer.body.code));
    expect(request?.attributes['http.response.status_code']).toBe(answer.status);
    const call = spans.find((span) => span.name === 'wechat.getuseridkey');
    expect(call?.parentSpanId).toBe(request?.spanId);
    expect(call?.status.code).toBe(api.SpanStatusCode.ERROR);
    expect(call?.attributes['error.type']).toBe('WeChatApiError');
  });

  it('counts requests by operation, platform, outcome and code; records durations in seconds; counts refusals by the limits', async () => {
    const { issue, submit, meterName } = wire({ limits: { ticketPerSubject: [{ points: 2, perSeconds: 60 }] } });
    const { body } = await issue();
    await issue();
    expect((await issue()).status).toBe(429);
    expect((await submit({ verify_result: createMockCredential({ userIdKey: String(body.userIdKey), ret: 10004 }) })).body.code).toBe(
      10004,
    );
    await settle();
    const metrics = await sdk.metrics(meterName);

    const requests = pointsOf(metrics, 'face_verify.requests').map((point) => [point.attributes, point.value]);
    expect(requests).toEqual(
      expect.arrayContaining([
        [{ 'face_verify.operation.name': 'ticket', 'face_verify.platform': 'wechat', 'face_verify.outcome': 'issued' }, 2],
        [
          {
            'face_verify.operation.name': 'ticket',
            'face_verify.platform': 'wechat',
            'face_verify.outcome': 'rate_limited',
            'face_verify.code': 'rate_limited',
          },
          1,
        ],
        [
          {
            'face_verify.operation.name': 'verify',
            'face_verify.platform': 'wechat',
            'face_verify.outcome': 'rejected',
            'face_verify.code': '10004',
          },
          1,
        ],
      ]),
    );
    expect(requests).toHaveLength(3);

    const durations = pointsOf(metrics, 'face_verify.request.duration');
    const descriptor = metrics.find((metric) => metric.descriptor.name === 'face_verify.request.duration')?.descriptor;
    expect(descriptor?.unit).toBe('s');
    const histograms = durations.map((point) => point.value as Histogram);
    expect(histograms.reduce((sum, histogram) => sum + histogram.count, 0)).toBe(4);
    expect(histograms[0]?.buckets.boundaries).toContain(0.005);
    // Seconds: in-process requests take well under a second.
    for (const histogram of histograms) expect(histogram.max).toBeLessThan(1);

    expect(pointsOf(metrics, 'face_verify.rate_limited').map((point) => [point.attributes, point.value])).toEqual([
      [{ 'face_verify.operation.name': 'ticket', 'face_verify.platform': 'wechat' }, 1],
    ]);
  });

  it('writes one log record per request, with the audit record’s fields only; onAudit gives the same record once', async () => {
    const { issue, otel } = wire();
    await issue({ protocol: 'v2' });
    await settle();
    const records = sdk.logRecords().map(logData);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ eventName: 'face_verify.ticket', body: 'face_verify.ticket', severityText: 'INFO' });
    expect(Object.keys(record?.attributes ?? {}).sort()).toEqual([
      'face_verify.duration_ms',
      'face_verify.instance',
      'face_verify.operation.name',
      'face_verify.outcome',
      'face_verify.platform',
      'face_verify.protocol',
      'face_verify.request.id',
      'face_verify.subject',
      'http.response.status_code',
    ]);
    expect(record?.attributes['face_verify.subject']).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    // The same record object through onAudit (as a handler given both would pass it): not logged twice.
    sdk.reset();
    const auditRecord = {
      name: 'face_verify.verify',
      time: 1_700_000_000_000,
      outcome: 'unavailable',
      code: 'store_unavailable',
      status: 503,
      durationMs: 1.5,
      requestId: 'r1',
      instance: 'test-1',
    } as const;
    otel.onAudit(auditRecord);
    otel.telemetry.record?.(auditRecord);
    expect(sdk.logRecords().map(logData)).toEqual([
      expect.objectContaining({ eventName: 'face_verify.verify', severityText: 'ERROR', timestamp: [1_700_000_000, 0] }),
    ]);
  });

  it('sends no name, ID number, MD5 of either, cert hash, credential, ticket or openid to any exporter', async () => {
    const { issue, submit, meterName } = wire();
    const v1 = await issue();
    const credential = createMockCredential({ userIdKey: String(v1.body.userIdKey) });
    await submit({ verify_result: credential });
    await submit({ verify_result: credential }); // a replay
    const v2 = await issue({ protocol: 'v2' });
    await submit({ verify_id: v2.body.verifyId, out_seq_no: v2.body.outSeqNo });
    await settle();

    const exported = JSON.stringify({
      spans: sdk.spans().map(spanData),
      logs: sdk.logRecords().map(logData),
      metrics: await sdk.metrics(meterName),
    }).toLowerCase();
    const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
    const secrets = [
      USER.name,
      USER.idCardNumber,
      USER.idCardNumber.toLowerCase(),
      md5(USER.name),
      md5(USER.idCardNumber),
      md5(USER.idCardNumber.toLowerCase()),
      certHash(USER),
      credential,
      String(v1.body.userIdKey),
      String(v2.body.verifyId),
      String(v2.body.outSeqNo),
      OPENID,
    ];
    expect(sdk.spans().length).toBeGreaterThan(5);
    for (const secret of secrets) expect(exported).not.toContain(secret.toLowerCase());
    // Nor the name's UTF-8 bytes escaped some other way.
    expect(exported).not.toMatch(/\\u5f20/);
  });
});

describe('createOpenTelemetry: the flow (onEvent)', () => {
  const PERSON: Identity = { name: '张三', idCardNumber: '11010519491231002X' };

  it('turns each client event into a log record and a count by name', async () => {
    const meterName = 'test-meter-client';
    const otel = createOpenTelemetry({ api, logs, meterName });
    const flow = createFaceVerify({ driver: createMockDriver({ scenario: 'success' }), onEvent: otel.onEvent });
    await flow.getState().start(PERSON);
    expect(flow.getState().status).toBe('success');

    const records = sdk.logRecords().map(logData);
    expect(records.map((record) => record.eventName)).toEqual([
      'face_verify.probe.finished',
      'face_verify.flow.started',
      'face_verify.capture.finished',
      'face_verify.submit.finished',
      'face_verify.flow.finished',
    ]);
    expect(records.every((record) => record.body === record.eventName)).toBe(true);
    expect(records[0]?.attributes).toMatchObject({ 'face_verify.ok': true, 'face_verify.platform': 'mock', 'face_verify.mock': true });
    expect(records[4]?.attributes).toMatchObject({ 'face_verify.status': 'success', 'face_verify.duration_ms': expect.any(Number) });

    const counts = pointsOf(await sdk.metrics(meterName), 'face_verify.client.events').map((point) => [point.attributes, point.value]);
    expect(counts).toEqual(
      expect.arrayContaining([
        [{ 'face_verify.event.name': 'face_verify.capture.finished', 'face_verify.outcome': 'success' }, 1],
        [{ 'face_verify.event.name': 'face_verify.flow.finished', 'face_verify.status': 'success' }, 1],
      ]),
    );
    expect(counts).toHaveLength(5);

    const exported = JSON.stringify(records).toLowerCase();
    for (const secret of [PERSON.name, PERSON.idCardNumber]) expect(exported).not.toContain(secret.toLowerCase());
  });

  it('keeps to scalars and OpenTelemetry names: error.type stays, http.status becomes http.response.status_code', () => {
    const otel = createOpenTelemetry({ api, logs });
    otel.onEvent({
      name: 'face_verify.submit.finished',
      time: 0,
      attributes: { outcome: 'failure', 'error.type': 'backend', code: 'replayed', 'http.status': 200, attempt: 1 },
    });
    otel.onEvent({
      name: 'face_verify.flow.started',
      time: 0,
      attributes: { platform: 'wechat', nested: { name: USER.name } as never, 'Not A Key': 'x' },
    });
    const [failed, started] = sdk.logRecords().map(logData);
    expect(failed?.attributes).toEqual({
      'face_verify.outcome': 'failure',
      'error.type': 'backend',
      'face_verify.code': 'replayed',
      'http.response.status_code': 200,
      'face_verify.attempt': 1,
    });
    expect(failed?.severityText).toBe('WARN');
    expect(started?.attributes).toEqual({ 'face_verify.platform': 'wechat' });
  });

  it('without logs, counts the events and writes no log record', async () => {
    const otel = createOpenTelemetry({ api, meterName: 'test-meter-no-logs' });
    otel.onEvent({ name: 'face_verify.flow.retried', time: 0, attributes: { from: 'failed' } });
    expect(sdk.logRecords()).toHaveLength(0);
    const counts = pointsOf(await sdk.metrics('test-meter-no-logs'), 'face_verify.client.events');
    expect(counts.map((point) => [point.attributes, point.value])).toEqual([[{ 'face_verify.event.name': 'face_verify.flow.retried' }, 1]]);
  });

  it('works when made before the app registered its SDK (instruments and loggers are asked for on first use)', async () => {
    early.onEvent({ name: 'face_verify.flow.started', time: 0, attributes: { platform: 'wechat' } });
    expect(sdk.logRecords().map(logData)).toEqual([expect.objectContaining({ eventName: 'face_verify.flow.started' })]);
    expect(pointsOf(await sdk.metrics('test-meter-early'), 'face_verify.client.events')).toHaveLength(1);
  });
});
