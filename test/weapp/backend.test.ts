/** The submission on the weapp build: v2, and every way the backend or wx.request can fail. */
import { ANDROID, answer, fail, pending, type NativeOutcome } from './fake-wx';
import { expectSubmit, expectTicketRequest, fillAndStart, flowCalls, ID_CARD, NAME, open, TICKET_URL, VERIFIED } from './scenario';

test('v2: the ticket, requestFacialVerify({ verifyId }), then { verify_id, out_seq_no } posted', async () => {
  const page = await open({
    device: ANDROID,
    query: { protocol: 'v2' },
    responders: {
      request: (params) =>
        params.url === TICKET_URL ? answer(200, { verifyId: 'vid-42', outSeqNo: 'seq-42', expiresIn: 600 }) : answer(200, { ok: true }),
    },
  });
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
  const calls = flowCalls(page);
  expect(calls.map((call) => call.api)).toEqual(['checkIsSupportFacialRecognition', 'request', 'requestFacialVerify', 'request']);
  expectTicketRequest(calls[1], { protocol: 'v2', name: NAME, idCardNumber: ID_CARD });
  expect(calls[2]?.params).toEqual({ verifyId: 'vid-42' });
  expectSubmit(calls[3], { verify_id: 'vid-42', out_seq_no: 'seq-42' });
  expect(page.wx.callsTo('startFacialRecognitionVerify')).toEqual([]);
});

test('the backend answers { ok: false }: not passed, posted once (a verdict is not retried)', async () => {
  const page = await open({ device: ANDROID, responders: { request: () => answer(200, { ok: false, code: 'rejected' }) } });
  await fillAndStart(page);
  await page.waitForText('核验未通过');
  expect(page.text()).not.toContain(VERIFIED);
  expect(page.wx.callsTo('request')).toHaveLength(1);
});

test('the backend answers 500: three attempts with backoff, then "service unavailable (500)" with a retry that resubmits', async () => {
  let status = 500;
  const page = await open({
    device: ANDROID,
    responders: { request: () => answer(status, status === 500 ? 'Internal Server Error' : { ok: true }) },
  });
  await fillAndStart(page);
  await page.waitForText('服务暂时不可用（500）');
  expect(page.wx.callsTo('request')).toHaveLength(3);
  expect(page.wx.callsTo('startFacialRecognitionVerify')).toHaveLength(1);

  status = 200;
  await page.tap('#fv-retry');
  await page.waitForText(VERIFIED);
  const posts = page.wx.callsTo('request');
  expect(posts).toHaveLength(4);
  for (const post of posts) expectSubmit(post, { verify_result: 'vr-simulated-credential' });
  // One capture, one Idempotency-Key: every resubmission of it (backoff and retry()) reuses the key.
  const keys = new Set(posts.map((post) => (post.params.header as Record<string, string>)['Idempotency-Key']));
  expect(keys.size).toBe(1);
  expect(page.wx.callsTo('startFacialRecognitionVerify')).toHaveLength(1);
});

test('the backend never answers: each attempt times out (15 s), then "network timeout"', async () => {
  const never = pending<NativeOutcome>();
  const page = await open({ device: ANDROID, responders: { request: () => never.promise } });
  await fillAndStart(page);
  await page.waitForText('正在确认核验结果');
  await page.waitForText('网络超时，请检查网络后重试');
  const posts = page.wx.callsTo('request');
  expect(posts).toHaveLength(3);
  expect(posts[0]?.params.timeout).toBe(15000);
});

test.each([
  ['fail', fail('request', 'net::ERR_CONNECTION_REFUSED')],
  ['complete only', { via: 'complete', result: { errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' } } as NativeOutcome],
])('wx.request failing through %s: "network error" after the retries, no success', async (_how, outcome) => {
  const page = await open({ device: ANDROID, responders: { request: () => outcome } });
  await fillAndStart(page);
  await page.waitForText('网络异常，请检查网络后重试');
  expect(page.wx.callsTo('request')).toHaveLength(3);
  expect(page.text()).not.toContain(VERIFIED);
});

test('wx.request succeeding through complete only is read as the answer', async () => {
  const page = await open({
    device: ANDROID,
    responders: { request: () => ({ via: 'complete', result: { errMsg: 'request:ok', statusCode: 200, data: '{"ok":true}' } }) },
  });
  await fillAndStart(page);
  await page.waitForText(VERIFIED);
  expect(page.wx.callsTo('request')).toHaveLength(1);
});
