import { createHash } from 'node:crypto';
import {
  createFaceVerify,
  FACE_VERIFY_EVENT_NAMES,
  type FaceVerifyEvent,
  type FaceVerifyStore,
  type HttpPort,
  type HttpRequest,
  type Identity,
} from 'taro-face-verify';
import {
  createMockAlipayDriver,
  createMockBackend,
  createMockDriver,
  MOCK_ALIPAY_SCENARIO_NAMES,
  MOCK_SCENARIO_NAMES,
  type MockAlipayScenarioName,
  type MockCaptureRecord,
  type MockScenarioName,
} from 'taro-face-verify/mock';

const PERSON: Identity = { name: '张三', idCardNumber: '11010519491231002X' };
/** A clock whose time stands still and whose timers (timeouts and backoffs) fire on the next turn, after any fake answer. */
const instant = {
  now: () => 0,
  setTimeout: (callback: () => void) => setTimeout(callback, 0),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** An event as one short word: its name without the prefix and what decides the funnel. */
function short({ name, attributes: a }: FaceVerifyEvent): string {
  const step = name.replace('face_verify.', '');
  const code = a.code === undefined ? '' : `:${String(a.code)}`;
  if (step === 'flow.started') return step;
  if (step === 'probe.finished') return `${step}(${String(a.ok)}${a.problems ? `:${String(a.problems)}` : ''})`;
  if (step === 'flow.finished') return `${step}(${String(a.status)}${code})`;
  if (step === 'flow.retried') return `${step}(${String(a.step)})`;
  if (step === 'settings.finished') return `${step}(${String(a.permission)})`;
  return `${step}(${String(a.outcome)}${code})`;
}

/** What the preview's user does after the first run: nothing, retry, or open the settings and retry. */
type Then = 'stop' | 'retry' | 'settings';

/** Runs a flow as the preview's user would and returns every event it emitted. */
async function play(flow: FaceVerifyStore, events: FaceVerifyEvent[], identity: Identity | undefined, then: Then) {
  await flow.getState().start(identity);
  if (then === 'settings') await flow.getState().openSettings();
  if (then !== 'stop') await flow.getState().retry();
  return events;
}

function wechat(scenario: MockScenarioName, extra: Parameters<typeof createFaceVerify>[0] = {}) {
  const events: FaceVerifyEvent[] = [];
  const flow = createFaceVerify({ driver: createMockDriver({ scenario }), onEvent: (event) => events.push(event), ...extra });
  return { flow, events };
}

function alipay(scenario: MockAlipayScenarioName) {
  const events: FaceVerifyEvent[] = [];
  const flow = createFaceVerify({ driver: createMockAlipayDriver({ scenario }), onEvent: (event) => events.push(event) });
  return { flow, events };
}

const OK_RUN = ['flow.started', 'capture.finished(success)', 'submit.finished(success)', 'flow.finished(success)'];
const unsupported = (problem: string) => [`probe.finished(false:${problem})`, 'flow.retried(probe)', `probe.finished(false:${problem})`];

/** Every WeChat preview scenario: what the user does, and the events in order. */
const WECHAT: Record<MockScenarioName, [Then, string[]]> = {
  success: ['stop', ['probe.finished(true)', ...OK_RUN]],
  'no-front-camera': ['retry', unsupported('no-front-camera')],
  'model-missing': ['retry', unsupported('model-missing')],
  'disabled-by-wechat': ['retry', unsupported('disabled-by-wechat')],
  'old-wechat': ['retry', unsupported('wechat-too-old')],
  'no-screen-flash': ['stop', ['probe.finished(true)', ...OK_RUN]],
  'camera-denied': [
    'settings',
    [
      'probe.finished(true:camera-denied)',
      'flow.started',
      'permission.finished(denied)',
      'flow.finished(failed:camera-denied)',
      'settings.finished(granted)',
      'flow.retried(capture)',
      ...OK_RUN.slice(1),
    ],
  ],
  'user-cancel': ['stop', ['probe.finished(true)', 'flow.started', 'capture.finished(cancelled:90100)', 'flow.finished(cancelled:90100)']],
  'capture-error': [
    'retry',
    [
      'probe.finished(true)',
      'flow.started',
      'capture.finished(failure:90102)',
      'flow.finished(failed:90102)',
      'flow.retried(capture)',
      ...OK_RUN.slice(1),
    ],
  ],
  'face-mismatch': [
    'retry',
    [
      'probe.finished(true)',
      'flow.started',
      'capture.finished(success)',
      'submit.finished(failure:10004)',
      'flow.finished(failed:10004)',
      'flow.retried(capture)',
      'capture.finished(success)',
      'submit.finished(failure:10004)',
      'flow.finished(failed:10004)',
    ],
  ],
  'id-name-mismatch': ['stop', ['probe.finished(true)', 'flow.started', 'capture.finished(failure:10003)', 'flow.finished(failed:10003)']],
  'no-network': ['stop', ['probe.finished(true:no-network)', ...OK_RUN]],
  ios: ['stop', ['probe.finished(true)', ...OK_RUN]],
  'not-wechat': ['retry', unsupported('not-wechat')],
};

const TICKET_RUN = ['ticket.finished(success)', 'capture.finished(success)', 'submit.finished(success)', 'flow.finished(success)'];

/** Every Alipay preview scenario (a ticket run: the certify id comes from the backend). */
const ALIPAY: Record<MockAlipayScenarioName, [Then, string[]]> = {
  success: ['stop', ['probe.finished(true)', 'flow.started', ...TICKET_RUN]],
  'user-cancel': [
    'retry',
    [
      'probe.finished(true)',
      'flow.started',
      'ticket.finished(success)',
      'capture.finished(cancelled:6001)',
      'flow.finished(cancelled:6001)',
      // A cancelled ticket run resumes.
      'flow.retried(ticket)',
      ...TICKET_RUN,
    ],
  ],
  'network-error': [
    'retry',
    [
      'probe.finished(true)',
      'flow.started',
      'ticket.finished(success)',
      'capture.finished(failure:6002)',
      'flow.finished(failed:6002)',
      'flow.retried(ticket)',
      ...TICKET_RUN,
    ],
  ],
  'not-passed': [
    'retry',
    [
      'probe.finished(true)',
      'flow.started',
      'ticket.finished(success)',
      'capture.finished(success)',
      'submit.finished(failure:not_passed)',
      'flow.finished(failed:not_passed)',
      'flow.retried(ticket)',
      'ticket.finished(success)',
      'capture.finished(success)',
      'submit.finished(failure:not_passed)',
      'flow.finished(failed:not_passed)',
    ],
  ],
  'unsupported-client': ['retry', unsupported('api-unavailable')],
  'camera-denied': [
    'settings',
    [
      'probe.finished(true:camera-denied)',
      'flow.started',
      'permission.finished(denied)',
      'flow.finished(failed:camera-denied)',
      'settings.finished(granted)',
      'flow.retried(ticket)',
      ...TICKET_RUN,
    ],
  ],
  ide: ['retry', unsupported('devtools')],
};

describe('the event sequence of every preview scenario', () => {
  it('covers every scenario of both platforms', () => {
    expect(Object.keys(WECHAT).sort()).toEqual([...MOCK_SCENARIO_NAMES].sort());
    expect(Object.keys(ALIPAY).sort()).toEqual([...MOCK_ALIPAY_SCENARIO_NAMES].sort());
  });

  it.each(MOCK_SCENARIO_NAMES)('WeChat %s', async (scenario) => {
    const [then, expected] = WECHAT[scenario];
    const { flow, events } = wechat(scenario);
    expect((await play(flow, events, PERSON, then)).map(short)).toEqual(expected);
  });

  it.each(MOCK_ALIPAY_SCENARIO_NAMES)('Alipay %s', async (scenario) => {
    const [then, expected] = ALIPAY[scenario];
    const { flow, events } = alipay(scenario);
    expect((await play(flow, events, undefined, then)).map(short)).toEqual(expected);
  });

  it('WeChat v2: a ticket before every capture', async () => {
    const { flow, events } = wechat('success', { protocol: 'v2' });
    await flow.getState().start(PERSON);
    expect(events.map(short)).toEqual(['probe.finished(true)', 'flow.started', ...TICKET_RUN]);
    expect(events[1]?.attributes).toMatchObject({ platform: 'mock', protocol: 'v2', identity: 'typed', ticket: true, mock: true });
  });

  it('a refused start: started, then finished with the input code', async () => {
    const { flow, events } = wechat('success');
    await flow.getState().start({ name: PERSON.name, idCardNumber: '110105194912310021' });
    expect(events.map(short)).toEqual(['probe.finished(true)', 'flow.started', 'flow.finished(failed:invalid-id-card)']);
    expect(events[2]?.attributes).toMatchObject({ 'error.type': 'input', step: 'input' });
  });

  it('names and attributes: only the documented names, scalar values, keys in OpenTelemetry style', async () => {
    const all: FaceVerifyEvent[] = [];
    for (const scenario of MOCK_SCENARIO_NAMES) {
      const { flow, events } = wechat(scenario);
      all.push(...(await play(flow, events, PERSON, WECHAT[scenario][0])));
    }
    for (const event of all) {
      expect(FACE_VERIFY_EVENT_NAMES).toContain(event.name);
      expect(typeof event.time).toBe('number');
      for (const [key, value] of Object.entries(event.attributes)) {
        expect(key).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
        expect(['string', 'number', 'boolean']).toContain(typeof value);
      }
      if (event.name.endsWith('.finished') && event.name !== 'face_verify.probe.finished')
        expect(event.attributes).toHaveProperty('duration_ms');
    }
    const probe = all.find((event) => event.name === 'face_verify.probe.finished');
    expect(probe?.attributes).toMatchObject({ ok: true, problems: '', mode: 'screen-flash', platform: 'mock', os: 'android', mock: true });
  });
});

describe('timing, HTTP status and listeners', () => {
  afterEach(() => jest.useRealTimers());

  it('durations come from the flow clock (fake timers): probe, capture, submit and the whole flow', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const events: FaceVerifyEvent[] = [];
    const driver = createMockDriver({ latencyMs: 100, captureMs: 3000 });
    const backend = createMockBackend({ driver });
    const endpoint = async (payload: Parameters<typeof backend.endpoint>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      return backend.endpoint(payload);
    };
    const flow = createFaceVerify({ driver, endpoint, onEvent: (event) => events.push(event) });
    const done = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(10_000);
    await done;
    const byName = (name: string) => events.find((event) => event.name === `face_verify.${name}`)?.attributes;
    expect(byName('probe.finished')?.duration_ms).toBe(100);
    expect(byName('capture.finished')?.duration_ms).toBe(3100);
    expect(byName('submit.finished')?.duration_ms).toBe(250);
    expect(byName('flow.finished')?.duration_ms).toBe(3350);
    expect(events[0]?.time).toBe(1_000_100);
  });

  it('submit.finished carries the HTTP status of the backend’s last answer', async () => {
    const statuses = [503, 200];
    const http: HttpPort = {
      request: async () => ({ status: statuses.shift() ?? 200, text: JSON.stringify({ ok: true }) }),
    };
    const { flow, events } = wechat('success', { endpoint: 'https://api.example.com/verify', http, clock: instant });
    await flow.getState().start(PERSON);
    const submit = events.find((event) => event.name === 'face_verify.submit.finished');
    expect(submit?.attributes).toMatchObject({ outcome: 'success', 'http.status': 200, attempt: 1 });
  });

  it('a failed submit names the error type and status, not the message', async () => {
    const http: HttpPort = { request: async () => ({ status: 502, text: 'Bad gateway' }) };
    const { flow, events } = wechat('success', { endpoint: 'https://api.example.com/verify', http, clock: instant, retries: 1 });
    await flow.getState().start(PERSON);
    const submit = events.find((event) => event.name === 'face_verify.submit.finished');
    expect(submit?.attributes).toEqual({
      outcome: 'failure',
      'error.type': 'network',
      code: 'bad-status',
      'http.status': 502,
      attempt: 1,
      duration_ms: 0,
    });
  });

  it('a cancel while capturing ends the capture as abandoned and the flow as cancelled', async () => {
    jest.useFakeTimers();
    const events: FaceVerifyEvent[] = [];
    const flow = createFaceVerify({ driver: createMockDriver({ captureMs: 3000 }), onEvent: (event) => events.push(event) });
    const done = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(1000);
    flow.getState().cancel();
    await jest.advanceTimersByTimeAsync(5000);
    await done;
    expect(events.map(short).slice(-2)).toEqual(['capture.finished(abandoned)', 'flow.finished(cancelled:cancelled)']);
  });

  it('a listener that throws changes nothing, and the developer is told once', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { flow: quiet } = wechat('capture-error');
      const seen: string[] = [];
      const noisy = createFaceVerify({
        driver: createMockDriver({ scenario: 'capture-error' }),
        onEvent: (event) => {
          seen.push(event.name);
          throw new Error('analytics is down');
        },
      });
      for (const flow of [quiet, noisy]) {
        await flow.getState().start(PERSON);
        await flow.getState().retry();
      }
      const outcome = ({ status, attempts, error, step }: ReturnType<FaceVerifyStore['getState']>) => ({ status, attempts, error, step });
      expect(outcome(noisy.getState())).toEqual(outcome(quiet.getState()));
      expect(noisy.getState().status).toBe('success');
      expect(seen).toContain('face_verify.flow.finished');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/onEvent/);
      // The app's own error may quote anything it holds: only its name is printed.
      expect(warn.mock.calls.flat().map(String).join(' ')).not.toContain('analytics is down');
    } finally {
      warn.mockRestore();
    }
  });

  it('a listener given later (setOptions, as the hook does) receives the later events', async () => {
    const events: FaceVerifyEvent[] = [];
    const driver = createMockDriver();
    const flow = createFaceVerify({ driver });
    await flow.getState().probe();
    flow.getState().setOptions({ driver, onEvent: (event) => events.push(event) });
    await flow.getState().start(PERSON);
    expect(events.map(short)).toEqual(OK_RUN);
  });
});

describe('nothing personal in any event', () => {
  const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
  const OPENID = 'oPenIdOfTheUser_1234567';

  /** A URL backend over a fake HTTP port: the mock backend's answers plus an openid, and every value it issued. */
  function hostileBackend(driver: MockCaptureRecord, leak: boolean) {
    const backend = createMockBackend({ driver });
    const secrets: string[] = [];
    const http: HttpPort = {
      async request({ url, body }: HttpRequest) {
        const payload = JSON.parse(body) as Record<string, unknown>;
        secrets.push(...Object.values(payload).filter((value): value is string => typeof value === 'string' && value.length > 6));
        if (url.endsWith('/ticket')) {
          const ticket = await backend.ticketEndpoint(payload as never);
          secrets.push(...Object.values(ticket).filter((value): value is string => typeof value === 'string'));
          return { status: 200, text: JSON.stringify({ ...ticket, openid: OPENID }) };
        }
        const verdict = await backend.endpoint(payload as never);
        // A careless backend: the openid everywhere, the person in its message, the ID number as a code.
        const answer = leak
          ? verdict.ok
            ? { ...verdict, openid: OPENID, name: PERSON.name }
            : { ...verdict, code: PERSON.idCardNumber, message: `${PERSON.name} ${OPENID}` }
          : { ...verdict, openid: OPENID };
        return { status: 200, text: JSON.stringify(answer) };
      },
    };
    return { http, secrets, endpoint: 'https://api.example.com/verify', ticketEndpoint: 'https://api.example.com/ticket' };
  }

  const forbidden = (secrets: string[]) => {
    const id = PERSON.idCardNumber;
    const values = [PERSON.name, id, id.toLowerCase(), OPENID, ...secrets];
    return [...values, md5(PERSON.name), md5(id), md5(id.toLowerCase()), md5(id).toUpperCase(), md5(PERSON.name).toUpperCase()];
  };

  it.each([false, true])('WeChat v1, v2, v1 with a ticket and Alipay on every scenario (careless backend: %s)', async (leak) => {
    const all: FaceVerifyEvent[] = [];
    const secrets: string[] = [];
    const listen = (event: FaceVerifyEvent) => all.push(event);
    const setups: Array<{ protocol?: 'v1' | 'v2'; ticket?: boolean; identity?: Identity }> = [
      { identity: PERSON },
      { protocol: 'v2', identity: PERSON },
      { ticket: true },
    ];
    for (const scenario of MOCK_SCENARIO_NAMES) {
      for (const setup of setups) {
        const driver = createMockDriver({ scenario });
        const backend = hostileBackend(driver, leak);
        const flow = createFaceVerify({
          driver,
          http: backend.http,
          endpoint: backend.endpoint,
          clock: instant,
          onEvent: listen,
          ...(setup.protocol ? { protocol: setup.protocol } : {}),
          ...(setup.protocol || setup.ticket ? { ticketEndpoint: backend.ticketEndpoint } : {}),
        });
        await play(flow, [], setup.identity, WECHAT[scenario][0]);
        secrets.push(...backend.secrets);
      }
    }
    for (const scenario of MOCK_ALIPAY_SCENARIO_NAMES) {
      for (const identity of [PERSON, undefined]) {
        const driver = createMockAlipayDriver({ scenario });
        const backend = hostileBackend(driver, leak);
        const flow = createFaceVerify({
          driver,
          http: backend.http,
          endpoint: backend.endpoint,
          ticketEndpoint: backend.ticketEndpoint,
          clock: instant,
          onEvent: listen,
        });
        await play(flow, [], identity, ALIPAY[scenario][0]);
        secrets.push(...backend.secrets);
      }
    }
    // The credentials (verify_result, verify_id, certify_id), the tickets and their URLs were all seen.
    expect(secrets.some((value) => value.startsWith('mock1.'))).toBe(true);
    expect(secrets.some((value) => value.startsWith('mock-certify-'))).toBe(true);
    expect(secrets.some((value) => value.startsWith('mock-verify-'))).toBe(true);
    expect(secrets.some((value) => value.startsWith('mock-key-'))).toBe(true);
    expect(all.length).toBeGreaterThan(200);
    const text = JSON.stringify(all);
    for (const value of forbidden(secrets)) expect(text).not.toContain(value);
    if (leak) expect(all.some((event) => event.attributes.code === 'other')).toBe(true);
  });
});
