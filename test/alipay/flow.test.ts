/** The whole flow on the Alipay driver over a fake `my`: ticket → my.startAPVerify → submit `{ certify_id }`. */
import {
  createAlipayDriver,
  createFaceVerify,
  createMiniProgramHttp,
  type FaceVerifyState,
  type TicketRequest,
  type VerifyPayload,
  type VerifyVerdict,
} from 'taro-face-verify';
import { capableAlipay, fakeMy, type MyBehaviour } from './fake-my';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const verifyAnswer = (resultStatus: string, errorCode = ''): MyBehaviour => ({ success: { resultStatus, result: { errorCode } } });

/** A backend that issues certify ids in order and answers every verify with `verdict`. */
function backend(verdict: VerifyVerdict = { ok: true, passed: true }) {
  const tickets: TicketRequest[] = [];
  const posted: VerifyPayload[] = [];
  let issued = 0;
  return {
    tickets,
    posted,
    ticketEndpoint: (request: TicketRequest) => {
      tickets.push(request);
      issued += 1;
      return { certifyId: `certify-${issued}-secret`, url: `https://openapi.example/certify?id=${issued}`, expiresIn: 600 };
    },
    endpoint: (payload: VerifyPayload) => {
      posted.push(payload);
      return verdict;
    },
  };
}

function flowOn(my: Record<string, unknown>, server = backend(), extra: Parameters<typeof createFaceVerify>[0] = {}) {
  const flow = createFaceVerify({
    driver: createAlipayDriver(my),
    ticketEndpoint: server.ticketEndpoint,
    endpoint: server.endpoint,
    ...extra,
  });
  const states: FaceVerifyState[] = [];
  flow.subscribe((state) => states.push(state));
  return { flow, server, states };
}

const verifyCalls = (calls: Array<{ api: string; params: Record<string, unknown> }>) => calls.filter((c) => c.api === 'startAPVerify');

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('the flow on the Alipay driver', () => {
  it('success: asks for a certify id, opens startAPVerify with it, posts { certify_id }, success only from the backend', async () => {
    const { my, calls } = capableAlipay();
    const { flow, server } = flowOn(my);
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'success', error: null, preview: false, attempts: 1, mode: null });
    expect(server.tickets).toEqual([{ platform: 'alipay' }]);
    expect(verifyCalls(calls).map((c) => c.params)).toEqual([
      { url: 'https://openapi.example/certify?id=1', certifyId: 'certify-1-secret' },
    ]);
    expect(server.posted).toEqual([{ platform: 'alipay', certify_id: 'certify-1-secret' }]);
  });

  it('needs no protocol option; a typed identity goes to the ticket request, not to the capture', async () => {
    const { my, calls } = capableAlipay();
    const { flow, server } = flowOn(my);
    await flow.getState().start({ name: ' 张三 ', idCardNumber: '11010519491231002x' });
    expect(flow.getState().status).toBe('success');
    expect(server.tickets).toEqual([{ platform: 'alipay', ...PERSON }]);
    expect(verifyCalls(calls)[0]?.params).not.toHaveProperty('name');
  });

  it('9000 on the phone and ok:false from the backend is a failure, and a retry asks for a fresh certify id', async () => {
    const { my, calls } = capableAlipay();
    const { flow, server } = flowOn(my, backend({ ok: false, code: 'not_passed' }), { locale: 'en' });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      result: null,
      error: { code: 'not_passed', kind: 'fatal', retryable: true },
    });
    expect(flow.getState().error?.message).toMatch(/Alipay identity verification did not pass/);
    await flow.getState().retry();
    expect(server.tickets).toHaveLength(2);
    expect(verifyCalls(calls).map((c) => c.params.certifyId)).toEqual(['certify-1-secret', 'certify-2-secret']);
    expect(server.posted).toEqual([
      { platform: 'alipay', certify_id: 'certify-1-secret' },
      { platform: 'alipay', certify_id: 'certify-2-secret' },
    ]);
  });

  it('6001: the user cancelled; nothing is posted', async () => {
    const { my } = capableAlipay({ startAPVerify: verifyAnswer('6001') });
    const { flow, server } = flowOn(my);
    await flow.getState().start();
    expect(flow.getState().error).toMatchObject({ code: 6001, kind: 'cancel', retryable: true });
    expect(flow.getState().error?.message).toBe('你已取消身份验证。准备好后可以重新开始。');
    expect(server.posted).toEqual([]);
  });

  it('6002: a retryable network failure; retry() captures again with a fresh certify id and succeeds', async () => {
    const answers = [verifyAnswer('6002'), verifyAnswer('9000')];
    const { my, calls } = capableAlipay();
    const startAPVerify = fakeMy({ startAPVerify: answers[0] as MyBehaviour }).my.startAPVerify as (p: unknown) => unknown;
    const later = fakeMy({ startAPVerify: answers[1] as MyBehaviour }).my.startAPVerify as (p: unknown) => unknown;
    let call = 0;
    my.startAPVerify = (params: Record<string, unknown>) => {
      calls.push({ api: 'startAPVerify', params: { url: params.url, certifyId: params.certifyId } });
      call += 1;
      return (call === 1 ? startAPVerify : later)(params);
    };
    const { flow, server } = flowOn(my, backend(), { locale: 'en' });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({
      status: 'failed',
      error: { code: 6002, kind: 'network', retryable: true, action: 'check-network' },
    });
    expect(flow.getState().error?.message).toMatch(/network dropped/);
    await flow.getState().retry();
    expect(flow.getState()).toMatchObject({ status: 'success', attempts: 2 });
    expect(verifyCalls(calls).map((c) => c.params.certifyId)).toEqual(['certify-1-secret', 'certify-2-secret']);
    expect(server.posted).toEqual([{ platform: 'alipay', certify_id: 'certify-2-secret' }]);
  });

  it.each([
    ['SYSTEM_ERROR', { code: 'SYSTEM_ERROR', kind: 'retry', retryable: true }, /Alipay had a problem/],
    ['UNKNOWN_ERROR', { code: 'UNKNOWN_ERROR', kind: 'retry', retryable: true }, /did not finish/],
    ['USER_IS_NOT_CERTIFY', { code: 'USER_IS_NOT_CERTIFY', kind: 'fatal', retryable: false, action: 'other-channel' }, /real-name/],
    ['', { code: 4000, kind: 'retry', retryable: true }, /did not finish/],
  ])('4000 %s', async (errorCode, expected, message) => {
    const { my } = capableAlipay({ startAPVerify: verifyAnswer('4000', errorCode) });
    const { flow, server } = flowOn(my, backend(), { locale: 'en' });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'failed', error: expected });
    expect(flow.getState().error?.message).toMatch(message);
    expect(server.posted).toEqual([]);
  });

  it('the IDE: unsupported, with the developer-tool message; no ticket is asked for', async () => {
    const { my, calls } = capableAlipay({}, { isIDE: true });
    const { flow, server } = flowOn(my, backend(), { locale: 'en' });
    await flow.getState().start();
    expect(flow.getState().status).toBe('unsupported');
    expect(flow.getState().support?.problems).toEqual([
      expect.objectContaining({ code: 'devtools', blocking: true, message: expect.stringMatching(/developer tool/) }),
    ]);
    expect(server.tickets).toEqual([]);
    expect(verifyCalls(calls)).toEqual([]);
  });

  it('canIUse false: unsupported with an update-Alipay action', async () => {
    const { my } = capableAlipay({}, { canIUse: () => false });
    const { flow, server } = flowOn(my);
    await flow.getState().start();
    expect(flow.getState().status).toBe('unsupported');
    expect(flow.getState().support?.problems).toEqual([
      expect.objectContaining({ code: 'api-unavailable', action: 'update-alipay', message: expect.stringContaining('升级支付宝') }),
    ]);
    expect(server.tickets).toEqual([]);
  });

  it('outside Alipay (no my APIs): not-alipay, open in Alipay', async () => {
    const { flow } = flowOn({});
    await flow.getState().start();
    expect(flow.getState().support).toMatchObject({ supported: false, problems: [{ code: 'not-alipay', action: 'open-in-alipay' }] });
  });

  it('camera denied: the capture waits; openSetting grants it; retry() verifies', async () => {
    let camera = false;
    const { my, calls } = capableAlipay();
    my.getSetting = ({ success }: { success: (r: unknown) => void }) => success({ authSetting: { camera } });
    my.openSetting = ({ success }: { success: (r: unknown) => void }) => {
      camera = true; // the user allowed the camera on the settings page
      success({ authSetting: { camera } });
    };
    const { flow, server } = flowOn(my);
    await flow.getState().probe();
    expect(flow.getState().support).toMatchObject({
      supported: true,
      problems: [{ code: 'camera-denied', blocking: false, action: 'open-settings' }],
    });
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { kind: 'permission', action: 'open-settings', retryable: true } });
    expect(verifyCalls(calls)).toEqual([]);
    await flow.getState().openSettings();
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
    expect(server.posted).toEqual([{ platform: 'alipay', certify_id: 'certify-1-secret' }]);
  });

  it("the phone's camera switch for Alipay off: a problem that points to the system settings", async () => {
    const { my } = capableAlipay({
      getSystemInfo: { success: { app: 'alipay', version: '10.6.80', platform: 'Android', cameraAuthorized: false } },
    });
    const { flow } = flowOn(my);
    const report = await flow.getState().probe();
    expect(report).toMatchObject({ supported: true, device: { platform: 'android', clientVersion: '10.6.80' } });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'camera-system-denied', action: 'open-system-settings' })]);
  });

  it('no network: a non-blocking problem', async () => {
    const { my } = capableAlipay({ getNetworkType: { success: { networkAvailable: false, networkType: 'NOTREACHABLE' } } });
    const report = await flowOn(my).flow.getState().probe();
    expect(report).toMatchObject({ supported: true, problems: [{ code: 'no-network', blocking: false, action: 'check-network' }] });
  });

  it("Taro's object (keys of my copied, a promise returned beside the callbacks) works the same", async () => {
    const { my, calls } = capableAlipay();
    const taro: Record<string, unknown> = {};
    for (const key of Object.keys(my)) {
      const value = my[key];
      taro[key] =
        typeof value === 'function'
          ? (...args: unknown[]) => {
              const returned = (value as (...a: unknown[]) => unknown)(...args);
              return returned ?? Promise.resolve();
            }
          : value;
    }
    const { flow, server } = flowOn(taro);
    await flow.getState().start();
    expect(flow.getState().status).toBe('success');
    expect(verifyCalls(calls)).toHaveLength(1);
    expect(server.posted).toEqual([{ platform: 'alipay', certify_id: 'certify-1-secret' }]);
  });

  it('the certify id never appears in any published state', async () => {
    const { my } = capableAlipay({ startAPVerify: verifyAnswer('6002') });
    const { flow, states } = flowOn(my, backend({ ok: false, code: 'not_passed' }));
    await flow.getState().start();
    my.startAPVerify = fakeMy({ startAPVerify: verifyAnswer('9000') }).my.startAPVerify;
    await flow.getState().retry();
    expect(states.length).toBeGreaterThan(5);
    for (const state of [...states, flow.getState()]) {
      expect(JSON.stringify(state)).not.toMatch(/certify-\d|openapi\.example/);
    }
  });

  it('over my.request: the verify POST is JSON { certify_id } with an Idempotency-Key in `headers`', async () => {
    const requests: Array<Record<string, unknown>> = [];
    const { my } = capableAlipay();
    my.request = (params: Record<string, unknown> & { success: (r: unknown) => void }) => {
      const { success, ...rest } = params;
      requests.push(rest);
      const body = String(rest.url).endsWith('/ticket')
        ? { certifyId: 'certify-wire', url: 'https://openapi.example/certify', expiresIn: 600 }
        : { ok: true };
      success({ status: 200, data: JSON.stringify(body) });
    };
    const flow = createFaceVerify({
      driver: createAlipayDriver(my),
      http: createMiniProgramHttp(my, { headersField: 'headers' }),
      ticketEndpoint: 'https://app.example/face/ticket',
      endpoint: 'https://app.example/face/verify',
    });
    await flow.getState().start();
    expect(flow.getState().status).toBe('success');
    expect(requests.map((r) => [r.url, JSON.parse(String(r.data))])).toEqual([
      ['https://app.example/face/ticket', { platform: 'alipay' }],
      ['https://app.example/face/verify', { platform: 'alipay', certify_id: 'certify-wire' }],
    ]);
    expect(requests[1]?.headers).toMatchObject({ 'Idempotency-Key': expect.any(String) });
  });
});

describe('the Alipay driver on its own', () => {
  it('classifies gateway codes the backend passes on; other numbers are not Alipay’s', () => {
    const driver = createAlipayDriver(capableAlipay().my);
    expect(driver.classify(20000, { attempts: 1 })).toMatchObject({ code: 20000, kind: 'retry', retryable: true });
    expect(driver.classify(40006, { attempts: 1 })).toMatchObject({ kind: 'backend', retryable: false, action: 'other-channel' });
    expect(driver.classify(90100, { attempts: 1 })).toBeNull();
  });

  it('a capture without a certify id ticket is a developer error, and startAPVerify is not called', async () => {
    const { my, calls } = capableAlipay();
    const outcome = await createAlipayDriver(my).capture({ mode: null, identity: null, ticket: { userIdKey: 'k' }, attempt: 1 });
    expect(outcome).toMatchObject({ ok: false, failure: { code: 'no-certify-id', retryable: false } });
    expect(verifyCalls(calls)).toEqual([]);
  });
});
