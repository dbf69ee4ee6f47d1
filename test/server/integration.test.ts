/** The client and handlers against the WeChat stand-in over real loopback HTTP. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkVerifyInfo,
  createMockCredential,
  createPushHandler,
  createVerifyHandler,
  createWeChatApi,
  startMockWeChat,
  toNodeListener,
  type FaceIdentifyEvent,
  type MockWeChatServer,
  type WeChatApiOptions,
} from 'taro-face-verify/server';
import { answerOf, postJson, USER } from './helpers';

let wechat: MockWeChatServer;
beforeAll(async () => {
  wechat = await startMockWeChat({ slowMs: 200 });
});
afterAll(() => wechat.close());
beforeEach(() => wechat.setScenario('success'));

const apiOver = (extra: Partial<WeChatApiOptions> = {}) =>
  createWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, baseUrl: wechat.url, sleep: async () => undefined, ...extra });

async function verifyOnce(credential: string, extra: Partial<WeChatApiOptions> = {}) {
  const verify = createVerifyHandler({ api: apiOver(extra), expect: () => ({ ...USER, openid: wechat.openid }), onError: () => undefined });
  return answerOf(await verify(postJson({ verify_result: credential })));
}

describe('against the stand-in over HTTP', () => {
  it('listens on 127.0.0.1 and answers WeChat-shaped errors for bad tokens and unknown paths', async () => {
    expect(wechat.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const noToken = await fetch(`${wechat.url}/cityservice/face/identify/getinfo`, { method: 'POST', body: '{}' });
    expect(await noToken.json()).toEqual({ errcode: 41001, errmsg: 'access_token missing' });
    const badToken = await fetch(`${wechat.url}/cityservice/face/identify/getinfo?access_token=nope`, { method: 'POST', body: '{}' });
    expect(await badToken.json()).toMatchObject({ errcode: 40001 });
    expect((await fetch(`${wechat.url}/nowhere`)).status).toBe(404);
    const wrongSecret = createWeChatApi({ appId: wechat.appId, appSecret: 'wrong', baseUrl: wechat.url });
    await expect(wrongSecret.getAccessToken()).rejects.toMatchObject({ errcode: 40125 });
  });

  it('success: a genuine credential is accepted, in stable and classic token modes', async () => {
    expect((await verifyOnce(createMockCredential({ ...USER }))).body).toMatchObject({ ok: true });
    expect((await verifyOnce(createMockCredential({ ...USER }), { tokenMode: 'classic' })).body).toMatchObject({ ok: true });
  });

  it('getinfo answers the documented fields for a mock credential', async () => {
    // A person no other test here verifies: the stand-in never gives one person two captures in one second.
    const person = { name: '李四', idCardNumber: '440524188001010014' };
    const time = Math.floor(Date.now() / 1000);
    const info = await apiOver().getVerifyInfo(createMockCredential({ ...person, time, digits: '8593' }));
    expect(info).toEqual({
      errcode: 0,
      errmsg: 'ok',
      identify_ret: 0,
      identify_time: time,
      validate_data: '8593',
      openid: wechat.openid,
      user_id_key: '',
      finish_time: time,
      name_utf8_md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      id_card_number_md5: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(checkVerifyInfo(info, { ...person, openid: wechat.openid }).ok).toBe(true);
  });

  it('one person, two captures in the same second: the stand-in reports distinct times, both verify', async () => {
    const time = Math.floor(Date.now() / 1000);
    const person = { name: '王五', idCardNumber: '11010519491231002X' };
    const first = await apiOver().getVerifyInfo(createMockCredential({ ...person, time }));
    const second = await apiOver().getVerifyInfo(createMockCredential({ ...person, time }));
    expect(second.identify_time).toBe(Number(first.identify_time) + 1);
  });

  it('identity-mismatch: the check catches the other person', async () => {
    wechat.setScenario('identity-mismatch');
    expect((await verifyOnce(createMockCredential({ ...USER }))).body).toMatchObject({
      ok: false,
      problems: ['name_mismatch', 'id_card_mismatch', 'openid_mismatch'],
    });
  });

  it('identify-ret-failure: errcode 0 with identify_ret 10004 is refused with code 10004', async () => {
    wechat.setScenario('identify-ret-failure');
    expect((await verifyOnce(createMockCredential({ ...USER }))).body).toMatchObject({ ok: false, code: 10004 });
  });

  it('expired-user-info: 84002 is refused as credential_rejected', async () => {
    wechat.setScenario('expired-user-info');
    expect((await verifyOnce(createMockCredential({ ...USER }))).body).toMatchObject({
      ok: false,
      code: 'credential_rejected',
      errcode: 84002,
    });
  });

  it('token-expiry: tokens that stop working mid-run are replaced and every call succeeds', async () => {
    wechat.setScenario('token-expiry');
    const api = apiOver();
    const before = wechat.calls.stable_token ?? 0;
    for (let i = 0; i < 5; i++) expect((await api.getVerifyInfo(createMockCredential({ ...USER }))).errcode).toBe(0);
    // Each token serves two calls: five calls need three tokens.
    expect((wechat.calls.stable_token ?? 0) - before).toBe(3);
  });

  it('busy: -1 twice, then the retried call succeeds', async () => {
    wechat.setScenario('busy');
    const sleeps: number[] = [];
    expect((await apiOver({ sleep: async (ms) => void sleeps.push(ms) }).getVerifyInfo(createMockCredential({ ...USER }))).errcode).toBe(0);
    expect(sleeps).toHaveLength(2);
  });

  it('slow: a WeChat slower than the timeout gives 502 wechat_unreachable', async () => {
    wechat.setScenario('slow');
    const { status, body } = await verifyOnce(createMockCredential({ ...USER }), { timeoutMs: 50, retry: { retries: 0 } });
    expect(status).toBe(502);
    expect(body).toMatchObject({ code: 'wechat_unreachable' });
  });

  it('v2: getverifyid then queryverifyinfo, and a wrong cert_hash is an errcode', async () => {
    const api = apiOver();
    const { verifyId, expiresIn } = await api.getVerifyId({ ...USER, openid: 'oUser', outSeqNo: 'seq-9' });
    expect(expiresIn).toBe(3600);
    expect(await api.queryVerifyInfo({ verifyId, outSeqNo: 'seq-9', openid: 'oUser', ...USER })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      verify_ret: 10000,
    });
    await expect(api.queryVerifyInfo({ verifyId, outSeqNo: 'seq-9', openid: 'oUser', certHash: '0'.repeat(64) })).rejects.toMatchObject({
      errcode: 84003,
    });
    await expect(api.queryVerifyInfo({ verifyId: 'unknown', outSeqNo: 'seq-9', openid: 'oUser', ...USER })).rejects.toMatchObject({
      errcode: 84001,
    });
  });
});

describe('pushes over HTTP', () => {
  let server: Server;
  let url: string;
  const events: FaceIdentifyEvent[] = [];
  beforeAll(async () => {
    const handler = createPushHandler({
      token: wechat.pushToken,
      appId: wechat.appId,
      encodingAESKey: wechat.encodingAESKey,
      onFaceIdentify: (event) => void events.push(event),
    });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/wechat/push`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it('delivers a signed, encrypted face_identify event whose credential then checks out', async () => {
    const { userIdKey } = await apiOver().getUserIdKey({ ...USER, outSeqNo: 'seq-push' });
    const verifyResult = createMockCredential({ userIdKey });
    expect(await wechat.push(url, wechat.faceIdentifyEvent({ outSeqNo: 'seq-push', verifyResult }), { encrypt: true })).toEqual({
      status: 200,
      body: 'success',
    });
    expect(
      await wechat.push(url, wechat.faceIdentifyEvent({ outSeqNo: 'seq-push', verifyResult }), { encrypt: true, format: 'json' }),
    ).toEqual({ status: 200, body: 'success' });
    expect(events).toHaveLength(1);
    const info = await apiOver().getVerifyInfo(events[0]?.verify_result ?? '');
    expect(checkVerifyInfo(info, { ...USER, userIdKey }).ok).toBe(true);
  });

  it('verifies the URL with GET and refuses a forged push', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { pushSignature } = await import('taro-face-verify/server');
    const ok = await fetch(
      `${url}?signature=${pushSignature(wechat.pushToken, timestamp, 'n')}&timestamp=${timestamp}&nonce=n&echostr=hello`,
    );
    expect(await ok.text()).toBe('hello');
    expect(
      (await wechat.push(url, wechat.faceIdentifyEvent({ outSeqNo: 'seq-x', verifyResult: 'x' }), { tamper: 'signature' })).status,
    ).toBe(401);
  });
});

describe('toNodeListener', () => {
  it('serves a handler whose body a framework parser already read (as express.json() does)', async () => {
    const api = apiOver();
    const verify = createVerifyHandler({ api, expect: () => ({ ...USER }) });
    const listener = toNodeListener(verify);
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as typeof req & { body: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        void listener(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/face/verify`;
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verify_result: createMockCredential({ ...USER }) }),
      });
      expect(await answer.json()).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
