/** The device probe on the weapp build: what each answer from WeChat makes the page say, and what it never calls. */
import { ANDROID, IOS, fail, ok } from './fake-wx';
import { fillAndStart, flowCalls, NAME, ID_CARD, open, VERIFIED } from './scenario';

test.each([
  [10001, '此设备没有前置摄像头'],
  [10002, '人脸识别组件未能下载'],
  [10003, '微信不支持在此设备上进行人脸核身'],
])('Android probe %i: unsupported, says why, offers no form', async (errCode, message) => {
  const page = await open({
    device: ANDROID,
    responders: { checkIsSupportFacialRecognition: () => fail('checkIsSupportFacialRecognition', 'not support', { errCode }) },
  });
  await page.waitForText(message);
  expect(page.text()).toContain('当前设备无法进行人脸核身');
  expect(page.has('#fv-name')).toBe(false);
  expect(page.has('#fv-start')).toBe(false);
  expect(page.wx.callsTo('startFacialRecognitionVerify', 'request')).toEqual([]);
});

test('iOS: the support check answers no code, and the phone is not blocked on it', async () => {
  const page = await open({ device: IOS });
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
  expect(page.wx.callsTo('checkIsSupportFacialRecognition')).toHaveLength(1);
  expect(page.wx.callsTo('startFacialRecognitionVerify')[0]?.params).toEqual({ name: NAME, idCardNumber: ID_CARD, checkAliveType: 2 });
});

test('an old WeChat (6.5.2): update WeChat, no capture', async () => {
  const page = await open({ device: { ...ANDROID, version: '6.5.2' } });
  await page.waitForText('微信版本过低，请将微信升级到 6.5.4 或更高版本后重试');
  expect(page.has('#fv-start')).toBe(false);
  expect(page.wx.callsTo('startFacialRecognitionVerify', 'requestFacialVerify')).toEqual([]);
});

test('WeChat 6.6.7 has no screen flash: the capture asks for read-number (no checkAliveType)', async () => {
  const page = await open({ device: { ...ANDROID, version: '6.6.7' } });
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
  expect(page.wx.callsTo('startFacialRecognitionVerify')[0]?.params).toEqual({ name: NAME, idCardNumber: ID_CARD });
});

test('v2 on a base library below 3.8.12: update WeChat, no ticket fetched, no capture', async () => {
  const page = await open({ device: { ...ANDROID, SDKVersion: '3.8.11' }, query: { protocol: 'v2' } });
  await page.waitForText('微信基础库版本过低（需要 3.8.12 或更高）');
  expect(page.wx.callsTo('request', 'requestFacialVerify')).toEqual([]);
});

test('startFacialRecognitionVerify missing (appid not whitelisted): the right message, no crash, nothing called', async () => {
  const page = await open({ device: ANDROID, missing: ['startFacialRecognitionVerify'] });
  await page.waitForText('当前微信版本无法使用人脸核身，请升级微信后重试');
  expect(page.has('#fv-start')).toBe(false);
  expect(page.wx.callsTo('request')).toEqual([]);
});

test('camera refused → open settings → allowed there → retry captures and succeeds', async () => {
  let allowed = false;
  const page = await open({
    device: { ...ANDROID, camera: false },
    responders: {
      authorize: () => (allowed ? ok('authorize') : fail('authorize', 'auth deny')),
      openSetting: () => {
        allowed = true;
        return ok('openSetting', { authSetting: { 'scope.camera': true } });
      },
    },
  });
  await page.waitForText('需要使用摄像头进行人脸核身，请在设置中允许使用摄像头');
  await fillAndStart(page);
  await page.waitFor(() => page.has('#fv-open-settings') && !page.has('#fv-name'), 'the camera failure');
  expect(page.wx.callsTo('startFacialRecognitionVerify')).toEqual([]);

  await page.tap('#fv-open-settings');
  await page.waitFor(() => page.wx.callsTo('openSetting').length === 1, 'WeChat’s settings');
  await page.waitForText('如已在设置中允许使用摄像头');
  await page.tap('#fv-retry');
  await page.waitForText(VERIFIED);
  expect(flowCalls(page).map((call) => call.api)).toEqual([
    'checkIsSupportFacialRecognition',
    'authorize',
    'openSetting',
    'startFacialRecognitionVerify',
    'request',
  ]);
  expect(page.wx.callsTo('authorize')[0]?.params).toEqual({ scope: 'scope.camera' });
});
