import { createMiniProgramHttp, createWeChatDriver, DriverError, probeSupport } from 'taro-face-verify';
import { capablePhone, fakeWx } from './fake-wx';

describe('createWeChatDriver against a fake wx', () => {
  it('turns success callbacks into resolved promises', async () => {
    const { wx, calls } = capablePhone();
    const driver = createWeChatDriver(wx);
    await expect(driver.getSystemInfo()).resolves.toEqual({ platform: 'android', wechatVersion: '8.0.50', sdkVersion: '3.9.0' });
    await expect(
      driver.startFacialRecognitionVerify({ name: '张三', idCardNumber: '11010519491231002X', checkAliveType: 2 }),
    ).resolves.toEqual({
      errCode: 0,
      errMsg: 'startFacialRecognitionVerify:ok',
      verifyResult: 'VR-123',
    });
    expect(calls.at(-1)).toEqual({
      api: 'startFacialRecognitionVerify',
      params: { name: '张三', idCardNumber: '11010519491231002X', checkAliveType: 2 },
    });
  });

  it('reports fail callbacks with their errCode, not as a crash', async () => {
    const { wx } = capablePhone({
      startFacialRecognitionVerify: { fail: { errCode: 90100, errMsg: 'startFacialRecognitionVerify:fail cancel' } },
    });
    await expect(createWeChatDriver(wx).startFacialRecognitionVerify({ userIdKey: 'k' })).resolves.toMatchObject({ errCode: 90100 });
  });

  it('reads the newer errno field when errCode is absent', async () => {
    const { wx } = capablePhone({ requestFacialVerify: { fail: { errno: 90003, errMsg: 'requestFacialVerify:fail' } } });
    await expect(createWeChatDriver(wx).requestFacialVerify({ verifyId: 'v' })).resolves.toMatchObject({ errCode: 90003 });
  });

  it('turns a synchronous throw into a DriverError', async () => {
    const { wx } = capablePhone({ startFacialRecognitionVerify: { throws: new Error('boom') } });
    const promise = createWeChatDriver(wx).startFacialRecognitionVerify({ userIdKey: 'k' });
    await expect(promise).rejects.toBeInstanceOf(DriverError);
    await expect(promise).rejects.toMatchObject({ code: 'threw', api: 'startFacialRecognitionVerify' });
  });

  it('settles once on fail followed by complete', async () => {
    const { wx } = capablePhone({ checkIsSupportFacialRecognition: { failThenComplete: { errCode: 10002, errMsg: 'fail' } } });
    await expect(createWeChatDriver(wx).checkFaceSupport({})).resolves.toEqual({ errCode: 10002, errMsg: 'fail' });
  });

  it('settles on complete alone, reading ok/fail from errMsg', async () => {
    const { wx } = capablePhone({ getNetworkType: { completeOnly: { networkType: 'none', errMsg: 'getNetworkType:ok' } } });
    await expect(createWeChatDriver(wx).getNetworkType()).resolves.toBe('none');
  });

  it('reports a missing API as unsupported, and the probe treats no wx as not-WeChat', async () => {
    const driver = createWeChatDriver(fakeWx({}).wx);
    expect(driver.has('requestFacialVerify')).toBe(false);
    await expect(driver.requestFacialVerify({ verifyId: 'x' })).rejects.toMatchObject({ code: 'unsupported' });
    const report = await probeSupport(createWeChatDriver(undefined));
    expect(report).toMatchObject({ supported: false, mode: null });
    expect(report.problems.map((p) => p.code)).toEqual(['not-wechat']);
  });

  it('keeps a promisified API (Taro’s object) from leaking an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const taroLike = {
      startFacialRecognitionVerify: (params: { fail?: (r: unknown) => void }) => {
        params.fail?.({ errCode: 90100, errMsg: 'cancel' });
        return Promise.reject(new Error('cancel'));
      },
    };
    await expect(createWeChatDriver(taroLike).startFacialRecognitionVerify({ userIdKey: 'k' })).resolves.toMatchObject({ errCode: 90100 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });

  it('maps camera permission from getSetting and authorize', async () => {
    const { wx } = capablePhone({
      getSetting: { success: { authSetting: { 'scope.camera': false } } },
      authorize: { fail: { errMsg: 'authorize:fail auth deny' } },
    });
    const driver = createWeChatDriver(wx);
    await expect(driver.getCameraPermission()).resolves.toBe('denied');
    await expect(driver.requestCameraPermission()).resolves.toBe('denied');
    await expect(driver.openSettings()).resolves.toBe('granted');
  });

  it('sends requests as text and reports timeouts distinctly', async () => {
    const ok = capablePhone();
    await expect(
      createMiniProgramHttp(ok.wx).request({ url: 'https://x/verify', method: 'POST', headers: { a: 'b' }, body: '{}', timeoutMs: 5000 }),
    ).resolves.toEqual({ status: 200, text: '{"ok":true}' });
    expect(ok.calls.at(-1)?.params).toMatchObject({ url: 'https://x/verify', header: { a: 'b' }, data: '{}', timeout: 5000 });
    const slow = capablePhone({ request: { fail: { errMsg: 'request:fail timeout' } } });
    await expect(
      createMiniProgramHttp(slow.wx).request({ url: 'u', method: 'POST', headers: {}, body: '', timeoutMs: 1 }),
    ).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('prefers getAppBaseInfo + getDeviceInfo when WeChat has them', async () => {
    const { wx, calls } = capablePhone();
    wx.getAppBaseInfo = () => ({ SDKVersion: '3.8.12', version: '8.0.49' });
    wx.getDeviceInfo = () => ({ platform: 'ios' });
    await expect(createWeChatDriver(wx).getSystemInfo()).resolves.toEqual({
      platform: 'ios',
      wechatVersion: '8.0.49',
      sdkVersion: '3.8.12',
    });
    expect(calls.some((c) => c.api === 'getSystemInfo')).toBe(false);
  });
});
