/**
 * The findings of issue 14 that the attacker suite does not already replay row by row: a full memory store, the
 * replay window shorter than the age limit, a slow Redis, the push receiver, and a typed identity bound to nobody.
 * Each failed on the code before the issue.
 */
import {
  createMemoryOnceStore,
  createMemoryTicketStore,
  createMockCredential,
  createPushHandler,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  pushSignature,
  type OnceStore,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, postJson, USER } from './helpers';
import { redisForThisFile } from './redis-server';

const redis = redisForThisFile();
const OPENID = 'oMock0000000000000000000000';
const quiet = { onError: () => undefined };

describe('finding 2: a full memory ticket store', () => {
  it('refuses the 1,001st ticket (503) and never drops the victim’s live one', async () => {
    const { api } = inProcessWeChat();
    const tickets = createMemoryTicketStore({ maxEntries: 1000 });
    const victim = createTicketHandler({ api, tickets, identity: () => ({ ...USER, userId: 'victim' }), ...quiet });
    const attacker = createTicketHandler({ api, tickets, identity: () => ({ ...USER, userId: 'attacker' }), limits: false, ...quiet });
    const mine = await answerOf(await victim(postJson({ protocol: 'v1' })));
    for (let i = 0; i < 999; i++) expect((await attacker(postJson({ protocol: 'v1' }))).status).toBe(200);
    expect(await answerOf(await attacker(postJson({ protocol: 'v1' })))).toMatchObject({ status: 503, body: { code: 'store_full' } });
    const verify = createVerifyHandler({ api, tickets, expect: () => ({ userId: 'victim' }), ...quiet });
    const credential = createMockCredential({ ...USER, userIdKey: String(mine.body.userIdKey) });
    expect((await answerOf(await verify(postJson({ verify_result: credential })))).body).toMatchObject({ ok: true });
  });

  it('a full replay store refuses new claims rather than forgetting an accepted credential', async () => {
    const { api } = inProcessWeChat();
    // Room for one v1 acceptance: its claim on the posted string and its claim on the capture.
    const replayStore = createMemoryOnceStore({ maxEntries: 2 });
    const verify = createVerifyHandler({ api, replayStore, expect: () => ({}), ...quiet });
    const first = createMockCredential({ ...USER });
    expect((await answerOf(await verify(postJson({ verify_result: first })))).body.ok).toBe(true);
    const second = createMockCredential({ name: '李四', idCardNumber: '110105194912310029' });
    expect(await answerOf(await verify(postJson({ verify_result: second })))).toMatchObject({ status: 503, body: { code: 'store_full' } });
    expect((await answerOf(await verify(postJson({ verify_result: first })))).body).toMatchObject({ ok: false, code: 'replayed' });
  });
});

describe('finding 7: a replay window shorter than the age limit', () => {
  it('throws at creation', () => {
    const { api } = inProcessWeChat();
    expect(() => createVerifyHandler({ api, expect: () => ({}), maxAgeSeconds: 600, replayTtlSeconds: 300 })).toThrow(
      /replayTtlSeconds \(300\) must be at least maxAgeSeconds \(600\)/,
    );
  });

  it('a per-request maxAgeSeconds beyond the window answers 500 and accepts nothing', async () => {
    const { api } = inProcessWeChat();
    const verify = createVerifyHandler({ api, expect: () => ({ maxAgeSeconds: 7200 }), replayTtlSeconds: 3600, ...quiet });
    const answer = await answerOf(await verify(postJson({ verify_result: createMockCredential({ ...USER }) })));
    expect(answer).toMatchObject({ status: 500, body: { ok: false } });
  });
});

describe('finding 8: a slow Redis neither consumes tickets nor locks credentials', () => {
  it('a claim and a GETDEL that answer after the time bound are undone: the user’s retry is accepted', async () => {
    const { api } = inProcessWeChat();
    const client = await redis.server().connect();
    const stores = createRedisStores({ client, prefix: 'slow:', timeoutMs: 150 });
    const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: OPENID }), ...stores, ...quiet });
    const verify = createVerifyHandler({ api, expect: () => ({ openid: OPENID }), ...stores, ...quiet });
    const issued = await answerOf(await ticket(postJson({ protocol: 'v2' })));
    const payload = { verify_id: issued.body.verifyId, out_seq_no: issued.body.outSeqNo };
    const pauser = await redis.server().connect();
    await pauser.sendCommand(['CLIENT', 'PAUSE', '600', 'WRITE']);
    expect(await answerOf(await verify(postJson(payload)))).toMatchObject({
      status: 503,
      body: { code: 'store_unavailable', reason: 'timeout' },
    });
    // The pause ends; the late SET NX (and any late GETDEL) land and are undone.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect((await answerOf(await verify(postJson(payload)))).body).toMatchObject({ ok: true, protocol: 'v2' });
  });
});

describe('finding 9: the push receiver', () => {
  const { mock } = inProcessWeChat();
  const timestamp = () => String(Math.floor(Date.now() / 1000));

  it('a GET URL-check’s signature cannot sign a plain POST', async () => {
    const delivered: unknown[] = [];
    const push = createPushHandler({ token: mock.pushToken, appId: mock.appId, onMessage: (m) => void delivered.push(m), ...quiet });
    const ts = timestamp();
    const query = new URLSearchParams({ signature: pushSignature(mock.pushToken, ts, 'n-get'), timestamp: ts, nonce: 'n-get' });
    const check = await push(new Request(`http://app.test/push?${query}&echostr=hello`));
    expect(await check.text()).toBe('hello');
    const body = JSON.stringify({ ToUserName: 'gh', FromUserName: 'oForged', CreateTime: 1, MsgType: 'event', Event: 'face_identify' });
    expect(await (await push(new Request(`http://app.test/push?${query}`, { method: 'POST', body }))).text()).toBe('success');
    expect(delivered).toEqual([]);
  });

  it('a delivery whose claim fails frees its URL, so WeChat’s retry of it is heard', async () => {
    const inner = createMemoryOnceStore();
    let failNext = true;
    const flaky: OnceStore = {
      ...inner,
      claim: async (key, ttl, value) => {
        if (key.startsWith('tfv:push:') && failNext) {
          failNext = false;
          throw Object.assign(new Error('timeout'), { name: 'StoreUnavailableError', status: 503, code: 'store_unavailable' });
        }
        return inner.claim(key, ttl, value);
      },
    };
    const delivered: unknown[] = [];
    const push = createPushHandler({
      token: mock.pushToken,
      appId: mock.appId,
      seen: flaky,
      onMessage: (m) => void delivered.push(m),
      ...quiet,
    });
    const ts = timestamp();
    const url = `http://app.test/push?${new URLSearchParams({ signature: pushSignature(mock.pushToken, ts, 'n-post'), timestamp: ts, nonce: 'n-post' })}`;
    const body = JSON.stringify({ ToUserName: 'gh', FromUserName: 'oUser', CreateTime: 2, MsgType: 'event', Event: 'other' });
    expect((await push(new Request(url, { method: 'POST', body }))).status).toBe(503);
    expect(await (await push(new Request(url, { method: 'POST', body }))).text()).toBe('success');
    expect(delivered).toHaveLength(1);
  });
});

describe('finding 10: a typed identity needs a session with a stable id', () => {
  it('answers 500 and binds no certify id to nobody', async () => {
    const initialized: unknown[] = [];
    const alipay = {
      initialize: async (request: unknown) => {
        initialized.push(request);
        return { certifyId: 'cid-1', outerOrderNo: 'tfa1' };
      },
      certifyUrl: (certifyId: string) => `https://alipay.test/${certifyId}`,
    };
    const ticket = createTicketHandler({ alipay, allowTypedIdentity: true, identity: () => ({}), ...quiet });
    const answer = await answerOf(await ticket(postJson({ platform: 'alipay', name: '王五', idCardNumber: '110105194912310037' })));
    expect(answer).toMatchObject({ status: 500, body: { ok: false } });
    expect(initialized).toEqual([]);
    const bound = createTicketHandler({ alipay, allowTypedIdentity: true, identity: () => ({ userId: 'u-1' }), ...quiet });
    expect(
      (await answerOf(await bound(postJson({ platform: 'alipay', name: '王五', idCardNumber: '110105194912310037' })))).body,
    ).toMatchObject({
      certifyId: 'cid-1',
    });
  });
});
