import { DriverError } from 'taro-face-verify';
import { createAlipayNative } from '../../src/face-verify/drivers/alipay/native';
import { capableAlipay, fakeMy } from './fake-my';

const VERIFY = { url: 'https://openapi.alipay.com/gateway.do?method=alipay.user.certify.open.certify', certifyId: 'cid-1' };

describe('createAlipayNative: my.startAPVerify', () => {
  it('passes exactly { url, certifyId } and reports resultStatus 9000 without echoing the certify id', async () => {
    const { my, calls } = capableAlipay();
    const answer = await createAlipayNative(my).startAPVerify(VERIFY);
    expect(answer).toEqual({ settled: 'completed', resultStatus: '9000', errorCode: null });
    expect(JSON.stringify(answer)).not.toContain('cid-1');
    expect(calls).toEqual([{ api: 'startAPVerify', params: VERIFY }]);
  });

  it.each([
    [
      { resultStatus: '6001', result: null },
      { resultStatus: '6001', errorCode: null },
    ],
    [{ resultStatus: '6002' }, { resultStatus: '6002', errorCode: null }],
    [
      { resultStatus: '4000', result: { errorCode: 'USER_IS_NOT_CERTIFY' } },
      { resultStatus: '4000', errorCode: 'USER_IS_NOT_CERTIFY' },
    ],
    [
      { resultStatus: 4000, result: { errorCode: 'SYSTEM_ERROR' } },
      { resultStatus: '4000', errorCode: 'SYSTEM_ERROR' },
    ],
  ])('reads %j', async (success, expected) => {
    const { my } = capableAlipay({ startAPVerify: { success } });
    await expect(createAlipayNative(my).startAPVerify(VERIFY)).resolves.toEqual({ settled: 'completed', ...expected });
  });

  it('reports the fail callback as data, not as a crash', async () => {
    const { my } = capableAlipay({ startAPVerify: { fail: { error: 3, errorMessage: '未知错误' } } });
    await expect(createAlipayNative(my).startAPVerify(VERIFY)).resolves.toEqual({ settled: 'failed', error: 3, errorMessage: '未知错误' });
  });

  it('settles once, on the first callback', async () => {
    const { my } = capableAlipay({
      startAPVerify: { failThenSuccess: { fail: { error: 11, errorMessage: 'x' }, success: { resultStatus: '9000' } } },
    });
    await expect(createAlipayNative(my).startAPVerify(VERIFY)).resolves.toMatchObject({ settled: 'failed', error: 11 });
  });

  it('settles on a lone complete, reading failure from Alipay’s error fields', async () => {
    const done = capableAlipay({ startAPVerify: { completeOnly: { resultStatus: '6001' } } });
    await expect(createAlipayNative(done.my).startAPVerify(VERIFY)).resolves.toMatchObject({ settled: 'completed', resultStatus: '6001' });
    const broken = capableAlipay({ startAPVerify: { completeOnly: { error: 2, errorMessage: 'invalid' } } });
    await expect(createAlipayNative(broken.my).startAPVerify(VERIFY)).resolves.toMatchObject({ settled: 'failed', error: 2 });
  });

  it('turns a synchronous throw into DriverError("threw") and a missing API into DriverError("unsupported")', async () => {
    const { my } = capableAlipay({ startAPVerify: { throws: new Error('boom') } });
    const thrown = createAlipayNative(my).startAPVerify(VERIFY);
    await expect(thrown).rejects.toBeInstanceOf(DriverError);
    await expect(thrown).rejects.toMatchObject({ code: 'threw', api: 'startAPVerify' });
    await expect(createAlipayNative(fakeMy({}).my).startAPVerify(VERIFY)).rejects.toMatchObject({
      code: 'unsupported',
      api: 'startAPVerify',
    });
    await expect(createAlipayNative(undefined).getSystemInfo()).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('keeps a wrapper’s rejected promise (Taro’s object) from going unhandled', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const { my } = capableAlipay({ startAPVerify: { failAndReject: { error: 3, errorMessage: 'x' } } });
      await expect(createAlipayNative(my).startAPVerify(VERIFY)).resolves.toMatchObject({ settled: 'failed' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});

describe('createAlipayNative: the probe’s reads', () => {
  it('canIUse / canStartVerify need both the function and canIUse’s yes', () => {
    expect(createAlipayNative(capableAlipay().my).canStartVerify()).toBe(true);
    expect(createAlipayNative(capableAlipay({}, { canIUse: () => false }).my).canStartVerify()).toBe(false);
    expect(createAlipayNative(capableAlipay({}, { canIUse: undefined }).my).canStartVerify()).toBe(false);
    const throwing = () => {
      throw new Error('no');
    };
    expect(createAlipayNative(capableAlipay({}, { canIUse: throwing }).my).canIUse('startAPVerify')).toBe(false);
    const noApi = fakeMy({}, { canIUse: () => true }).my;
    expect(createAlipayNative(noApi).canStartVerify()).toBe(false);
  });

  it('isIDE reads my.isIDE', () => {
    expect(createAlipayNative(capableAlipay({}, { isIDE: true }).my).isIDE()).toBe(true);
    expect(createAlipayNative(capableAlipay().my).isIDE()).toBe(false);
    expect(createAlipayNative(fakeMy({}).my).isIDE()).toBe(false);
  });

  it('getSystemInfo: app, version, platform (iPhone OS → ios) and the OS camera switch', async () => {
    await expect(createAlipayNative(capableAlipay().my).getSystemInfo()).resolves.toEqual({
      app: 'alipay',
      version: '10.6.80',
      platform: 'ios',
      cameraAuthorized: true,
    });
    const off = capableAlipay({ getSystemInfo: { success: { platform: 'Android', version: '10.2.28.1769', cameraAuthorized: 'false' } } });
    await expect(createAlipayNative(off.my).getSystemInfo()).resolves.toEqual({
      app: null,
      version: '10.2.28.1769',
      platform: 'android',
      cameraAuthorized: false,
    });
    const silent = capableAlipay({ getSystemInfo: { success: { platform: 'Android', version: '10.1.0' } } });
    await expect(createAlipayNative(silent.my).getSystemInfo()).resolves.toMatchObject({ cameraAuthorized: null });
    const failing = capableAlipay({ getSystemInfo: { fail: { error: 3, errorMessage: 'x' } } });
    await expect(createAlipayNative(failing.my).getSystemInfo()).rejects.toMatchObject({ code: 'failed', api: 'getSystemInfo' });
    const empty = capableAlipay({ getSystemInfo: { success: {} } });
    await expect(createAlipayNative(empty.my).getSystemInfo()).rejects.toMatchObject({ code: 'failed' });
  });

  it('camera setting uses the bare `camera` key (WeChat’s scope.camera means nothing here)', async () => {
    const denied = capableAlipay({ getSetting: { success: { authSetting: { camera: false } } } });
    await expect(createAlipayNative(denied.my).getCameraSetting()).resolves.toBe('denied');
    await expect(createAlipayNative(capableAlipay().my).getCameraSetting()).resolves.toBe('granted');
    const wechatKey = capableAlipay({ getSetting: { success: { authSetting: { 'scope.camera': true } } } });
    await expect(createAlipayNative(wechatKey.my).getCameraSetting()).resolves.toBe('unknown');
    const { my, calls } = capableAlipay({ openSetting: { success: { authSetting: { camera: true } } } });
    await expect(createAlipayNative(my).openSetting()).resolves.toBe('granted');
    expect(calls.map((call) => call.api)).toEqual(['openSetting']);
    const failing = capableAlipay({ getSetting: { fail: { error: 4, errorMessage: '无权调用' } } });
    await expect(createAlipayNative(failing.my).getCameraSetting()).rejects.toMatchObject({ code: 'failed', api: 'getSetting' });
  });

  it('getNetworkType: lower-cased, and NOTREACHABLE or networkAvailable false is none', async () => {
    await expect(createAlipayNative(capableAlipay().my).getNetworkType()).resolves.toBe('wifi');
    const none = capableAlipay({ getNetworkType: { success: { networkAvailable: false, networkType: 'NOTREACHABLE' } } });
    await expect(createAlipayNative(none.my).getNetworkType()).resolves.toBe('none');
    const unavailable = capableAlipay({ getNetworkType: { success: { networkAvailable: false, networkType: '4G' } } });
    await expect(createAlipayNative(unavailable.my).getNetworkType()).resolves.toBe('none');
  });

  it('defaults to the my global', async () => {
    const global = globalThis as { my?: unknown };
    global.my = capableAlipay().my;
    try {
      await expect(createAlipayNative().getNetworkType()).resolves.toBe('wifi');
    } finally {
      delete global.my;
    }
  });
});
