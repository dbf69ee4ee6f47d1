import { createFaceVerify, createFetchHttp, type FaceVerifyState, type VerifyPayload, type VerifyVerdict } from 'taro-face-verify';
import { createMockBackend, createMockDriver, type MockScenarioName } from 'taro-face-verify/mock';

const PERSON = { name: '张三', idCardNumber: '11010519491231002x' };

function flowOn(scenario: MockScenarioName, extra: Parameters<typeof createFaceVerify>[0] = {}) {
  const driver = createMockDriver({ scenario });
  const flow = createFaceVerify({ driver, ...extra });
  const states: FaceVerifyState[] = [];
  flow.subscribe((state) => states.push(state));
  return { driver, flow, states, statuses: () => states.map((s) => s.status) };
}

const captures = (driver: ReturnType<typeof createMockDriver>) =>
  (driver.calls.startFacialRecognitionVerify ?? 0) + (driver.calls.requestFacialVerify ?? 0);

describe('the flow on every mock scenario', () => {
  it('success: probe → capture → submit → success, marked as a preview', async () => {
    const { flow, statuses } = flowOn('success');
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'success', error: null, preview: true, mode: 'screen-flash', attempts: 1 });
    expect(flow.getState().result).toMatchObject({ ok: true });
    expect(statuses()).toEqual(expect.arrayContaining(['probing', 'ready', 'capturing', 'submitting', 'success']));
  });

  it.each<MockScenarioName>(['no-front-camera', 'model-missing', 'disabled-by-wechat', 'old-wechat', 'not-wechat'])(
    '%s: unsupported, and the capture is never called',
    async (scenario) => {
      const { flow, driver } = flowOn(scenario);
      await flow.getState().start(PERSON);
      expect(flow.getState().status).toBe('unsupported');
      expect(flow.getState().support?.supported).toBe(false);
      expect(captures(driver)).toBe(0);
    },
  );

  it('no-screen-flash: verifies by reading digits (no checkAliveType)', async () => {
    const { flow, driver } = flowOn('no-screen-flash');
    const seen: Array<string | undefined> = [];
    driver.captures.subscribe(() => seen.push(driver.captures.getSnapshot()?.mode));
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'success', mode: 'read-number' });
    expect(seen[0]).toBe('read-number');
  });

  it('camera-denied: asks at capture, fails with an open-settings action, then succeeds after settings', async () => {
    const { flow, driver } = flowOn('camera-denied');
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { kind: 'permission', action: 'open-settings', retryable: true } });
    expect(captures(driver)).toBe(0);
    await flow.getState().openSettings();
    expect(flow.getState().support?.problems.map((p) => p.code)).not.toContain('camera-denied');
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
  });

  it('user-cancel: ends in cancelled', async () => {
    const { flow } = flowOn('user-cancel');
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'cancelled', error: { kind: 'cancel', code: 90100 } });
  });

  it('capture-error: a retryable failure, and retry() succeeds without asking for the identity again', async () => {
    const { flow, driver } = flowOn('capture-error');
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { code: 90102, kind: 'retry', retryable: true, step: 'capture' } });
    await flow.getState().retry();
    expect(flow.getState()).toMatchObject({ status: 'success', attempts: 2 });
    expect(captures(driver)).toBe(2);
  });

  it('face-mismatch: the backend says no, a backend failure', async () => {
    const { flow } = flowOn('face-mismatch');
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { kind: 'backend', code: 10004, retryable: true } });
    expect(flow.getState().error?.message).toMatch(/人脸与证件照片不一致/);
  });

  it('face-mismatch: stops being retryable after three captures', async () => {
    const { flow } = flowOn('face-mismatch', { locale: 'en' });
    await flow.getState().start(PERSON);
    await flow.getState().retry();
    await flow.getState().retry();
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { kind: 'backend', retryable: false, action: 'other-channel' },
    });
    await flow.getState().retry();
    expect(flow.getState().attempts).toBe(3);
  });

  it('id-name-mismatch: back to the form; start again with fixed details succeeds', async () => {
    const { flow } = flowOn('id-name-mismatch');
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { kind: 'input', code: 10003, retryable: false, step: 'input' } });
    await flow.getState().start(PERSON);
    expect(flow.getState().status).toBe('success');
  });

  it.each<MockScenarioName>(['no-network', 'ios'])('%s: still verifies', async (scenario) => {
    const { flow } = flowOn(scenario);
    await flow.getState().start(PERSON);
    expect(flow.getState().status).toBe('success');
  });
});

describe('identity input', () => {
  it('fails with kind input and never calls the capture', async () => {
    const { flow, driver } = flowOn('success');
    await flow.getState().start({ name: '张三', idCardNumber: '110105194912310021' });
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { kind: 'input', code: 'invalid-id-card', retryable: false } });
    expect(flow.getState().error?.message).toMatch(/校验位/);
    expect(captures(driver)).toBe(0);
    await flow.getState().start({ name: '', idCardNumber: PERSON.idCardNumber });
    expect(flow.getState().error).toMatchObject({ kind: 'input', code: 'invalid-name' });
    await flow.getState().start();
    expect(flow.getState().error).toMatchObject({ kind: 'input' });
    expect(captures(driver)).toBe(0);
  });

  it('never puts the name or ID number in observable state, at any step', async () => {
    const { flow, states } = flowOn('capture-error');
    await flow.getState().start(PERSON);
    await flow.getState().retry();
    const everything = JSON.stringify(states);
    expect(states.length).toBeGreaterThan(5);
    expect(everything).not.toContain('张三');
    expect(everything).not.toContain('11010519491231002');
    expect(everything).not.toContain('mock1.'); // nor the credential
  });

  it('passes the validated identity (x upper-cased) to the capture', async () => {
    const driver = createMockDriver();
    const spy = jest.spyOn(driver, 'startFacialRecognitionVerify');
    await createFaceVerify({ driver }).getState().start(PERSON);
    expect(spy).toHaveBeenCalledWith({ name: '张三', idCardNumber: '11010519491231002X', checkAliveType: 2 });
  });
});

describe('concurrency (on fake timers: the mock honours the injected clock)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  /** Lets simulated time run, a millisecond at a time, until the promise settles. */
  const finish = async <T>(promise: Promise<T>): Promise<T> => {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let ms = 0; !settled && ms < 10_000; ms++) await jest.advanceTimersByTimeAsync(1);
    return promise;
  };

  it('a start during the probe waits for it; a second start is ignored', async () => {
    const driver = createMockDriver({ latencyMs: 5 });
    const flow = createFaceVerify({ driver });
    void flow.getState().probe();
    expect(flow.getState().status).toBe('probing');
    const first = flow.getState().start(PERSON);
    const second = flow.getState().start(PERSON);
    await finish(Promise.all([first, second]));
    expect(flow.getState().status).toBe('success');
    expect(driver.calls.startFacialRecognitionVerify).toBe(1);
    expect(driver.calls.getSystemInfo).toBe(1);
  });

  it('starts during capture and submission are ignored: one capture, one submission', async () => {
    const driver = createMockDriver({ captureMs: 20 });
    const endpoint = jest.fn(async () => ({ ok: true as const }));
    const flow = createFaceVerify({ driver, endpoint });
    await flow.getState().probe();
    const run = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(5);
    expect(flow.getState().status).toBe('capturing');
    await flow.getState().start(PERSON);
    await finish(run);
    await finish(
      flow
        .getState()
        .start(PERSON)
        .catch(() => undefined),
    );
    expect(driver.calls.startFacialRecognitionVerify).toBe(2); // the last start is a new flow after success
    expect(endpoint).toHaveBeenCalledTimes(2);
  });

  it('cancel mid-capture ends in cancelled; the late capture result changes nothing; the next capture waits for it', async () => {
    const driver = createMockDriver({ captureMs: 30 });
    const endpoint = jest.fn(async () => ({ ok: true as const }));
    const flow = createFaceVerify({ driver, endpoint });
    await flow.getState().probe();
    const run = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(5);
    flow.getState().cancel();
    expect(flow.getState().status).toBe('cancelled');
    const again = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(10);
    expect(driver.captures.getSnapshot()?.startedAt).toBeDefined();
    await finish(run);
    expect(flow.getState().status).not.toBe('success'); // the first capture's result is not submitted
    await finish(again);
    expect(flow.getState().status).toBe('success');
    expect(endpoint).toHaveBeenCalledTimes(1);
  });

  it('after dispose, nothing changes state', async () => {
    const driver = createMockDriver({ captureMs: 20 });
    const flow = createFaceVerify({ driver });
    await flow.getState().probe();
    const listener = jest.fn();
    const run = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(5);
    flow.subscribe(listener);
    flow.getState().dispose();
    await finish(run);
    await jest.advanceTimersByTimeAsync(30);
    expect(listener).not.toHaveBeenCalled();
    expect(flow.getState().status).toBe('capturing');
  });
});

describe('the backend endpoint', () => {
  const fetchAnswering = (...answers: Array<() => Promise<Response>>) => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = jest.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      const next = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      return next();
    });
    return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
  };
  const json =
    (body: unknown, status = 200) =>
    async () =>
      new Response(JSON.stringify(body), { status });

  it('POSTs {verify_result} as JSON with the configured headers', async () => {
    const { fetch, calls } = fetchAnswering(json({ ok: true, identify_time: 1 }));
    const flow = createFaceVerify({
      driver: createMockDriver(),
      http: createFetchHttp(fetch),
      endpoint: 'https://api.example.com/verify',
      headers: { Authorization: 'Bearer t' },
    });
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'success', result: { ok: true, identify_time: 1 } });
    expect(calls[0]?.url).toBe('https://api.example.com/verify');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      headers: expect.objectContaining({ 'Content-Type': 'application/json', Authorization: 'Bearer t' }),
    });
    expect(Object.keys(JSON.parse(String(calls[0]?.init.body)))).toEqual(['platform', 'verify_result']);
  });

  it.each([
    ['a 500', json({ ok: true }, 500), 'bad-status'],
    ['HTML', async () => new Response('<html>502</html>', { status: 200 }), 'bad-answer'],
    ['JSON without ok', json({ verified: 'yes' }), 'bad-answer'],
    ['a network error', async () => Promise.reject(new TypeError('fetch failed')), 'network'],
  ])('retries %s a bounded number of times, then leaves a retryable failure', async (_label, answer, code) => {
    const { fetch, calls } = fetchAnswering(answer);
    const flow = createFaceVerify({
      driver: createMockDriver(),
      http: createFetchHttp(fetch),
      endpoint: 'https://x/verify',
      retries: 2,
      clock: instantClock(),
    });
    await flow.getState().start(PERSON);
    expect(calls).toHaveLength(3);
    expect(flow.getState()).toMatchObject({ status: 'failed', step: 'submit', error: { kind: 'network', code, retryable: true } });
  });

  it.each([
    ['zh-CN', 120, '尝试次数过多，请 2 分钟后再试。'],
    ['en', 30, 'Too many attempts. Try again in 1 minute.'],
  ] as const)('a 429 from the server kit (%s) is not retried: the user is told when to try again', async (locale, seconds, message) => {
    const limited = async () =>
      new Response(JSON.stringify({ ok: false, code: 'rate_limited', retryAfterSeconds: seconds }), {
        status: 429,
        headers: { 'retry-after': String(seconds) },
      });
    const { fetch, calls } = fetchAnswering(limited, json({ ok: true }));
    const flow = createFaceVerify({
      driver: createMockDriver(),
      http: createFetchHttp(fetch),
      endpoint: 'https://x/verify',
      retries: 2,
      locale,
      clock: instantClock(),
    });
    await flow.getState().start(PERSON);
    expect(calls).toHaveLength(1);
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      step: 'submit',
      error: { code: 'rate_limited', message, retryable: true, action: 'retry' },
    });
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
  });

  it('retry() after a transient backend failure resubmits the same credential without a new capture', async () => {
    const { fetch, calls } = fetchAnswering(json({}, 503), json({}, 503), json({ ok: true }));
    const driver = createMockDriver();
    const flow = createFaceVerify({
      driver,
      http: createFetchHttp(fetch),
      endpoint: 'https://x/verify',
      retries: 1,
      clock: instantClock(),
    });
    await flow.getState().start(PERSON);
    expect(flow.getState().status).toBe('failed');
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
    expect(driver.calls.startFacialRecognitionVerify).toBe(1);
    expect(new Set(calls.map((c) => c.init.body)).size).toBe(1);
  });

  it('times out a backend that never answers, with backoff between attempts', async () => {
    jest.useFakeTimers();
    try {
      const endpoint = jest.fn(() => new Promise<never>(() => undefined));
      const flow = createFaceVerify({ driver: createMockDriver(), endpoint, timeoutMs: 1000, retries: 2 });
      const run = flow.getState().start(PERSON);
      await jest.advanceTimersByTimeAsync(1000);
      expect(endpoint).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(400 + 1000);
      expect(endpoint).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(800 + 1000);
      await run;
      expect(endpoint).toHaveBeenCalledTimes(3);
      expect(flow.getState()).toMatchObject({ status: 'failed', error: { code: 'timeout', kind: 'network', retryable: true } });
    } finally {
      jest.useRealTimers();
    }
  });

  it('treats ok:false as a backend failure, never success', async () => {
    const flow = createFaceVerify({
      driver: createMockDriver(),
      endpoint: async () => ({ ok: false, code: 'name_mismatch', message: 'x' }),
    });
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      result: null,
      error: { kind: 'backend', code: 'name_mismatch', retryable: false },
    });
  });

  it('fails clearly, before any capture, when no endpoint is configured on a real driver', async () => {
    const driver = { ...createMockDriver(), mock: false };
    const flow = createFaceVerify({ driver });
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { code: 'no-endpoint', kind: 'fatal' } });
  });
});

describe('tickets', () => {
  it('v1 with a ticket endpoint: starts with a userIdKey and no identity; a retry reuses the ticket', async () => {
    const driver = createMockDriver({ scenario: 'capture-error' });
    const backend = createMockBackend({ driver });
    const ticketEndpoint = jest.fn(backend.ticketEndpoint);
    const spy = jest.spyOn(driver, 'startFacialRecognitionVerify');
    const flow = createFaceVerify({ driver, endpoint: backend.endpoint, ticketEndpoint });
    await flow.getState().start();
    expect(flow.getState().status).toBe('failed');
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
    expect(ticketEndpoint).toHaveBeenCalledTimes(1);
    expect(ticketEndpoint).toHaveBeenCalledWith({ protocol: 'v1' });
    expect(spy.mock.calls[0]?.[0]).toEqual({ userIdKey: expect.stringMatching(/^mock-key-/), checkAliveType: 2 });
  });

  it('v2: ticket → requestFacialVerify → POST {verify_id, out_seq_no}; a retry asks for a fresh single-use verifyId', async () => {
    const driver = createMockDriver({ scenario: 'capture-error' });
    const backend = createMockBackend({ driver });
    const ticketEndpoint = jest.fn(backend.ticketEndpoint);
    const payloads: VerifyPayload[] = [];
    const flow = createFaceVerify({
      driver,
      protocol: 'v2',
      ticketEndpoint,
      endpoint: (payload) => (payloads.push(payload), backend.endpoint(payload)),
    });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { code: 90102 } });
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
    expect(ticketEndpoint).toHaveBeenCalledTimes(2);
    expect(payloads).toEqual([
      { platform: 'wechat', verify_id: expect.stringMatching(/^mock-verify-/), out_seq_no: expect.stringMatching(/^mock-seq-/) },
    ]);
  });

  it('a backend that no longer knows the ticket: a retry asks for a fresh one', async () => {
    const driver = createMockDriver();
    const ticketEndpoint = jest.fn(createMockBackend({ driver }).ticketEndpoint);
    const endpoint = jest
      .fn<Promise<VerifyVerdict>, [VerifyPayload]>()
      .mockResolvedValueOnce({ ok: false, code: 'unknown_ticket' })
      .mockResolvedValueOnce({ ok: true });
    const flow = createFaceVerify({ driver, endpoint, ticketEndpoint });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      error: { kind: 'backend', code: 'unknown_ticket', retryable: true, step: 'ticket' },
    });
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
    expect(ticketEndpoint).toHaveBeenCalledTimes(2);
  });

  it('a ticket endpoint answering nonsense is a retryable failure at the ticket step', async () => {
    const flow = createFaceVerify({
      driver: createMockDriver(),
      protocol: 'v2',
      endpoint: async () => ({ ok: true }),
      ticketEndpoint: async () => ({ userIdKey: 'wrong shape for v2' }) as never,
      retries: 0,
    });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      step: 'ticket',
      error: { kind: 'network', code: 'bad-answer', retryable: true },
    });
  });
});

describe('cancel and reset', () => {
  it('a cancelled ticket flow can resume; a cancelled form flow cannot switch to the ticket’s identity', async () => {
    const driver = createMockDriver({ scenario: 'user-cancel' });
    const backend = createMockBackend({ driver });
    const ticketEndpoint = jest.fn(backend.ticketEndpoint);
    const ticketFlow = createFaceVerify({ driver, endpoint: backend.endpoint, ticketEndpoint });
    await ticketFlow.getState().start();
    expect(ticketFlow.getState()).toMatchObject({ status: 'cancelled', error: { retryable: true } });
    await ticketFlow.getState().retry();
    expect(ticketFlow.getState().status).toBe('success');

    const formDriver = createMockDriver({ scenario: 'user-cancel' });
    const formBackend = createMockBackend({ driver: formDriver });
    const formTickets = jest.fn(formBackend.ticketEndpoint);
    const formFlow = createFaceVerify({ driver: formDriver, endpoint: formBackend.endpoint, ticketEndpoint: formTickets });
    await formFlow.getState().start(PERSON);
    expect(formFlow.getState()).toMatchObject({ status: 'cancelled', error: { retryable: false } });
    await formFlow.getState().retry();
    expect(formFlow.getState().status).toBe('cancelled');
    expect(formTickets).not.toHaveBeenCalled();
  });

  it('a camera granted in settings stays granted when the capture asks again', async () => {
    const driver = createMockDriver({ scenario: 'camera-denied' });
    await expect(driver.requestCameraPermission()).resolves.toBe('denied');
    await driver.openSettings();
    await expect(driver.requestCameraPermission()).resolves.toBe('granted');
  });

  it('reset returns to ready and forgets the failure', async () => {
    const { flow } = flowOn('capture-error');
    await flow.getState().start(PERSON);
    flow.getState().reset();
    expect(flow.getState()).toMatchObject({ status: 'ready', error: null, attempts: 0 });
    await flow.getState().retry();
    expect(flow.getState().status).toBe('ready'); // nothing to resume: the identity is gone
  });

  it('cancel after a failure drops the identity: retry cannot capture again', async () => {
    const { flow, driver } = flowOn('capture-error');
    await flow.getState().start(PERSON);
    flow.getState().cancel();
    expect(flow.getState().status).toBe('cancelled');
    await flow.getState().retry();
    expect(flow.getState().status).toBe('cancelled');
    expect(captures(driver)).toBe(1);
  });
});

/** Backoff delays pass at once; the (15 s) request timeouts never fire. */
function instantClock() {
  return {
    now: () => Date.now(),
    setTimeout: (fn: () => void, ms: number) => (ms < 10_000 ? void Promise.resolve().then(fn) : undefined),
    clearTimeout: () => undefined,
  };
}
