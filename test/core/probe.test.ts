import { createWeChatDriver, probeSupport } from 'taro-face-verify';
import { createMockDriver, MOCK_SCENARIO_NAMES } from 'taro-face-verify/mock';
import { capablePhone } from './fake-wx';

const codes = (report: { problems: Array<{ code: string }> }) => report.problems.map((p) => p.code);

describe('probeSupport on every mock scenario', () => {
  const expected: Record<string, { supported: boolean; mode: string | null; problems: string[] }> = {
    success: { supported: true, mode: 'screen-flash', problems: [] },
    'no-front-camera': { supported: false, mode: null, problems: ['no-front-camera'] },
    'model-missing': { supported: false, mode: null, problems: ['model-missing'] },
    'disabled-by-wechat': { supported: false, mode: null, problems: ['disabled-by-wechat'] },
    'old-wechat': { supported: false, mode: null, problems: ['wechat-too-old'] },
    'no-screen-flash': { supported: true, mode: 'read-number', problems: [] },
    'camera-denied': { supported: true, mode: 'screen-flash', problems: ['camera-denied'] },
    'user-cancel': { supported: true, mode: 'screen-flash', problems: [] },
    'capture-error': { supported: true, mode: 'screen-flash', problems: [] },
    'face-mismatch': { supported: true, mode: 'screen-flash', problems: [] },
    'id-name-mismatch': { supported: true, mode: 'screen-flash', problems: [] },
    'no-network': { supported: true, mode: 'screen-flash', problems: ['no-network'] },
    ios: { supported: true, mode: 'screen-flash', problems: [] },
    'not-wechat': { supported: false, mode: null, problems: ['not-wechat'] },
  };

  it('covers every scenario the mock offers', () => {
    expect(Object.keys(expected).sort()).toEqual([...MOCK_SCENARIO_NAMES].sort());
  });

  it.each(MOCK_SCENARIO_NAMES)('%s', async (scenario) => {
    const report = await probeSupport(createMockDriver({ scenario }));
    const want = expected[scenario]!;
    expect({ supported: report.supported, mode: report.mode, problems: codes(report) }).toEqual(want);
    expect(report.device.mock).toBe(true);
    for (const problem of report.problems) expect(problem.message.length).toBeGreaterThan(5);
  });

  it('gives actions for what the user can fix', async () => {
    const denied = await probeSupport(createMockDriver({ scenario: 'camera-denied' }));
    expect(denied.problems[0]).toMatchObject({ action: 'open-settings', blocking: false });
    const offline = await probeSupport(createMockDriver({ scenario: 'no-network' }), { locale: 'en' });
    expect(offline.problems[0]).toMatchObject({ action: 'retry', message: expect.stringMatching(/offline/) });
  });
});

describe('probeSupport version gates and modes', () => {
  const phone = (platform: string, version: string, SDKVersion = '3.9.0', faceCode: number | null = 0) =>
    createWeChatDriver(
      capablePhone({
        getSystemInfo: { success: { platform, version, SDKVersion } },
        checkIsSupportFacialRecognition:
          faceCode === null
            ? { fail: { errMsg: 'checkIsSupportFacialRecognition:fail' } }
            : faceCode === 0
              ? { success: { errCode: 0 } }
              : { fail: { errCode: faceCode } },
      }).wx,
    );

  it.each([
    ['android', '6.5.3', false],
    ['android', '6.5.4', true],
    ['ios', '6.5.5', false],
    ['ios', '6.5.6', true],
  ])('read-number on %s %s: supported %s', async (platform, version, supported) => {
    const report = await probeSupport(phone(platform, version, '1.9.3'), { mode: 'read-number' });
    expect(report.supported).toBe(supported);
    if (!supported) expect(report.problems[0]).toMatchObject({ code: 'wechat-too-old', action: 'update-wechat' });
  });

  it('auto picks screen flash from 6.7.2 and read-number below', async () => {
    expect((await probeSupport(phone('android', '6.7.2'))).mode).toBe('screen-flash');
    expect((await probeSupport(phone('android', '6.7.1'))).mode).toBe('read-number');
    expect((await probeSupport(phone('android', '6.10.0'))).mode).toBe('screen-flash');
  });

  it('falls back from a requested screen flash to read-number, noting it', async () => {
    const report = await probeSupport(phone('ios', '6.6.0'), { mode: 'screen-flash' });
    expect(report).toMatchObject({ supported: true, mode: 'read-number' });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'screen-flash-unavailable', blocking: false })]);
  });

  it('honours an explicit read-number on a new WeChat', async () => {
    expect((await probeSupport(phone('android', '8.0.0'), { mode: 'read-number' })).mode).toBe('read-number');
  });

  it('gates the base library: 1.9.3 for a userIdKey, 3.8.12 for v2', async () => {
    expect(codes(await probeSupport(phone('android', '8.0.0', '1.9.2'), { usesTicket: true }))).toEqual(['base-library-too-old']);
    expect((await probeSupport(phone('android', '8.0.0', '1.9.2'))).supported).toBe(true);
    expect(codes(await probeSupport(phone('android', '8.0.0', '3.8.11'), { protocol: 'v2' }))).toEqual(['base-library-too-old']);
    expect((await probeSupport(phone('android', '8.0.0', '3.8.12'), { protocol: 'v2' })).supported).toBe(true);
  });

  it('does not hard-block on iOS, where the face check gives no code', async () => {
    expect((await probeSupport(phone('ios', '8.0.0', '3.9.0', null))).supported).toBe(true);
    expect((await probeSupport(phone('ios', '8.0.0', '3.9.0', 10002))).supported).toBe(true);
    expect(codes(await probeSupport(phone('android', '8.0.0', '3.9.0', 10002)))).toEqual(['model-missing']);
  });

  it('blocks WeChat DevTools and desktop WeChat with their own messages', async () => {
    expect(codes(await probeSupport(phone('devtools', '8.0.5')))).toEqual(['devtools']);
    expect(codes(await probeSupport(phone('windows', '3.9.0')))).toEqual(['unsupported-platform']);
  });

  it('runs the native calls concurrently', async () => {
    jest.useFakeTimers();
    try {
      const slow = (ms: number, success: Record<string, unknown>) => ({ success, delayMs: ms });
      const driver = createWeChatDriver(
        capablePhone({
          getSystemInfo: slow(300, { platform: 'android', version: '8.0.0', SDKVersion: '3.9.0' }),
          getSetting: slow(200, { authSetting: {} }),
          getNetworkType: slow(100, { networkType: 'wifi' }),
          checkIsSupportFacialRecognition: slow(300, { errCode: 0 }),
        }).wx,
      );
      let done = false;
      const report = probeSupport(driver).then((r) => ((done = true), r));
      await jest.advanceTimersByTimeAsync(299);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
      await expect(report).resolves.toMatchObject({ supported: true });
    } finally {
      jest.useRealTimers();
    }
  });
});
