/** The v1 capture on the weapp build: name + ID number, or a backend-issued userIdKey. */
import { ANDROID, answer, fail, ok, pending, type NativeOutcome } from './fake-wx';
import { expectSubmit, expectTicketRequest, fillAndStart, flowCalls, ID_CARD, MASKED, NAME, open, TICKET_URL, VERIFIED } from './scenario';

test('v1: support check, capture with name, ID number and screen flash, the credential POSTed as JSON, success shows the masked identity', async () => {
  const page = await open({ device: ANDROID });
  await fillAndStart(page);
  await page.waitForText(VERIFIED);

  const calls = flowCalls(page);
  expect(calls.map((call) => call.api)).toEqual(['checkIsSupportFacialRecognition', 'startFacialRecognitionVerify', 'request']);
  expect(calls[0]?.params).toEqual({ checkAliveType: 2 });
  expect(calls[1]?.params).toEqual({ name: NAME, idCardNumber: ID_CARD, checkAliveType: 2 });
  expectSubmit(calls[2], { verify_result: 'vr-simulated-credential' });
  expect(page.text()).toContain(MASKED.name);
  expect(page.text()).toContain(MASKED.idCard);
  expect(page.text()).not.toContain(ID_CARD);
  expect(page.text()).not.toContain(NAME);
});

test('v1: while WeChat’s capture screen is open the page shows the masked identity, and nothing is posted', async () => {
  const capture = pending<NativeOutcome>();
  const page = await open({ device: ANDROID, responders: { startFacialRecognitionVerify: () => capture.promise } });
  await fillAndStart(page);
  await page.waitForText('请按照微信的提示完成人脸识别');
  expect(page.text()).toContain(MASKED.idCard);
  expect(page.wx.callsTo('request')).toHaveLength(0);

  capture.resolve(ok('startFacialRecognitionVerify', { errCode: 0, verifyResult: 'vr-after-wait' }));
  await page.waitForText(VERIFIED);
  expectSubmit(page.wx.callsTo('request')[0], { verify_result: 'vr-after-wait' });
});

test('v1 with a ticket: the capture carries the userIdKey only, never a name or ID number', async () => {
  const page = await open({
    device: ANDROID,
    query: { form: '0' },
    responders: {
      request: (params) =>
        params.url === TICKET_URL ? answer(200, { userIdKey: 'uik-from-backend', expiresIn: 3600 }) : answer(200, { ok: true }),
    },
  });
  await page.waitFor(() => page.has('#fv-start'), 'the ticket start');
  expect(page.has('#fv-name')).toBe(false);
  await page.tap('#fv-start');
  await page.waitForText(VERIFIED);

  const calls = flowCalls(page);
  expect(calls.map((call) => call.api)).toEqual(['checkIsSupportFacialRecognition', 'request', 'startFacialRecognitionVerify', 'request']);
  expectTicketRequest(calls[1], { protocol: 'v1' });
  expect(calls[2]?.params).toEqual({ userIdKey: 'uik-from-backend', checkAliveType: 2 });
  expectSubmit(calls[3], { verify_result: 'vr-simulated-credential' });
});

test('a wrong check digit is shown at the field and never reaches WeChat', async () => {
  const page = await open({ device: ANDROID });
  await fillAndStart(page, NAME, '110105194912310021');
  await page.waitForText('身份证号码校验位不正确');
  await page.settle(1000);
  expect(page.wx.callsTo('startFacialRecognitionVerify', 'request')).toEqual([]);
  expect(page.has('#fv-start')).toBe(true);
});

test('the ID input keeps 18 characters, as WeChat’s input with maxlength does: a 19th typed character is dropped', async () => {
  const page = await open({ device: ANDROID });
  await fillAndStart(page, NAME, `${ID_CARD}9`);
  await page.waitForText(VERIFIED);
  expect(page.wx.callsTo('startFacialRecognitionVerify')[0]?.params.idCardNumber).toBe(ID_CARD);
});

test('tapping start twice while the first tap is under way starts one capture', async () => {
  const capture = pending<NativeOutcome>();
  const page = await open({ device: ANDROID, responders: { startFacialRecognitionVerify: () => capture.promise } });
  await page.waitFor(() => page.has('#fv-start'), 'the form');
  await page.type('#fv-name', NAME);
  await page.type('#fv-id-card', ID_CARD);
  await Promise.all([page.tap('#fv-start'), page.tap('#fv-start')]);
  await page.waitForText('请按照微信的提示完成人脸识别');
  capture.resolve(ok('startFacialRecognitionVerify', { errCode: 0, verifyResult: 'vr-once' }));
  await page.waitForText(VERIFIED);
  expect(page.wx.callsTo('startFacialRecognitionVerify')).toHaveLength(1);
  expect(page.wx.callsTo('request')).toHaveLength(1);
});

test('the user leaves WeChat’s capture screen (90100): cancelled, nothing posted, start over returns to the filled form', async () => {
  const page = await open({
    device: ANDROID,
    responders: { startFacialRecognitionVerify: () => fail('startFacialRecognitionVerify', 'user cancel', { errCode: 90100 }) },
  });
  await fillAndStart(page);
  await page.waitForText('已取消核验');
  expect(page.text()).toContain('你已取消人脸核身');
  expect(page.wx.callsTo('request')).toHaveLength(0);
  await page.tap('#fv-restart');
  await page.waitFor(() => page.has('#fv-name'), 'the form again');
});

test('a retryable capture error (90102) offers a retry, and the retry captures again and succeeds', async () => {
  let captures = 0;
  const page = await open({
    device: ANDROID,
    responders: {
      startFacialRecognitionVerify: () =>
        ++captures === 1
          ? fail('startFacialRecognitionVerify', 'system error', { errCode: 90102 })
          : ok('startFacialRecognitionVerify', { errCode: 0, verifyResult: 'vr-second' }),
    },
  });
  await fillAndStart(page);
  await page.waitForText('系统繁忙');
  expect(page.wx.callsTo('request')).toHaveLength(0);
  await page.tap('#fv-retry');
  await page.waitForText(VERIFIED);
  const captured = page.wx.callsTo('startFacialRecognitionVerify');
  expect(captured).toHaveLength(2);
  expect(captured[1]?.params).toEqual({ name: NAME, idCardNumber: ID_CARD, checkAliveType: 2 });
  expectSubmit(page.wx.callsTo('request')[0], { verify_result: 'vr-second' });
});
