/** The preview's simulated Alipay: the real Alipay driver over a simulated `my`, judged by the in-browser fake backend. */
import { createFaceVerify, type FaceVerifyState } from 'taro-face-verify';
import { createMockAlipayDriver, createMockBackend, MOCK_ALIPAY_SCENARIO_NAMES, type MockAlipayScenarioName } from 'taro-face-verify/mock';
import { en, zhCN } from 'taro-face-verify';

function flowOn(scenario: MockAlipayScenarioName, extra: Parameters<typeof createMockAlipayDriver>[0] = {}) {
  const driver = createMockAlipayDriver({ scenario, ...extra });
  const flow = createFaceVerify({ driver, locale: 'en' });
  const states: FaceVerifyState[] = [];
  flow.subscribe((state) => states.push(state));
  return { driver, flow, states };
}

let afterTaroEnv = () => undefined as unknown;
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  afterTaroEnv();
});

describe('the mock Alipay driver with the fake backend (no endpoint given)', () => {
  it('success: the fake backend issues a certify id and passes it once the simulated capture said passed', async () => {
    const { flow, driver } = flowOn('success');
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'success', preview: true, result: { ok: true, passed: true } });
    expect(driver.calls.startAPVerify).toBe(1);
  });

  it('user-cancel: 6001, cancelled, nothing judged', async () => {
    const { flow } = flowOn('user-cancel');
    await flow.getState().start();
    expect(flow.getState().error).toMatchObject({ code: 6001, kind: 'cancel' });
  });

  it('network-error: 6002, then retry() succeeds with a fresh certify id', async () => {
    const { flow, driver } = flowOn('network-error');
    await flow.getState().start();
    expect(flow.getState().error).toMatchObject({ code: 6002, kind: 'network', retryable: true });
    await flow.getState().retry();
    expect(flow.getState()).toMatchObject({ status: 'success', attempts: 2 });
    expect(driver.alipayOutcomes.size).toBe(1);
  });

  it('not-passed: 9000 on the phone, but the backend says not_passed', async () => {
    const { flow } = flowOn('not-passed');
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { code: 'not_passed', kind: 'fatal', retryable: true } });
  });

  it.each<[MockAlipayScenarioName, string]>([
    ['unsupported-client', 'api-unavailable'],
    ['ide', 'devtools'],
  ])('%s: unsupported (%s), no capture', async (scenario, code) => {
    const { flow, driver } = flowOn(scenario);
    await flow.getState().start();
    expect(flow.getState()).toMatchObject({ status: 'unsupported', support: { problems: [{ code }] } });
    expect(driver.calls.startAPVerify).toBeUndefined();
  });

  it('camera-denied: fails at the permission step, openSettings grants, retry() succeeds', async () => {
    const { flow } = flowOn('camera-denied');
    await flow.getState().start();
    expect(flow.getState().error).toMatchObject({ kind: 'permission', action: 'open-settings' });
    await flow.getState().openSettings();
    await flow.getState().retry();
    expect(flow.getState().status).toBe('success');
  });

  it('cancel on the simulated capture screen ends as 6001; captures last captureMs on the clock', async () => {
    const { flow, driver } = flowOn('success', { captureMs: 3000 });
    const started = flow.getState().start();
    while (!driver.captures.getSnapshot()) await Promise.resolve();
    driver.captures.getSnapshot()?.cancel();
    await started;
    expect(flow.getState().error).toMatchObject({ code: 6001 });
  });

  it('reports each 9000 capture through onAlipayCapture as { certify_id, passed }', async () => {
    const reports: Array<{ certify_id: string; passed: boolean }> = [];
    const { flow } = flowOn('not-passed', { onAlipayCapture: (report) => void reports.push(report) });
    await flow.getState().start();
    expect(reports).toEqual([{ certify_id: expect.stringMatching(/^mock-certify-/), passed: false }]);
  });

  it('the fake backend refuses a certify id it did not issue, and one used twice', async () => {
    const driver = createMockAlipayDriver();
    const backend = createMockBackend({ driver });
    expect(await backend.endpoint({ certify_id: 'made-up' })).toMatchObject({ ok: false, code: 'unknown_ticket' });
    const ticket = await backend.ticketEndpoint({ platform: 'alipay' });
    expect(ticket).toMatchObject({ certifyId: expect.any(String), url: expect.any(String) });
    const certifyId = (ticket as { certifyId: string }).certifyId;
    driver.alipayOutcomes.set(certifyId, true);
    expect(await backend.endpoint({ certify_id: certifyId })).toMatchObject({ ok: true });
    expect(await backend.endpoint({ certify_id: certifyId })).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('every Alipay scenario has a label in both locales (H5 builds carry them)', () => {
    const original = process.env.TARO_ENV;
    process.env.TARO_ENV = 'h5';
    afterTaroEnv = () => (process.env.TARO_ENV = original);
    for (const name of MOCK_ALIPAY_SCENARIO_NAMES) {
      expect(zhCN.scenarios?.[name]).toMatch(/[\u4e00-\u9fff]/);
      expect(en.scenarios?.[name]).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
