/**
 * Review (multi-instance, Redis without `secret`): the digest key kept in Redis is regenerated when its key is gone
 * (a Redis restart without persistence, which the README calls "a trade-off, not a safety requirement", or a
 * FLUSHDB), while running instances keep the key they cached forever. The fleet then digests with two keys:
 * - limit counters are keyed by keyed digests, so each key has its own counters: two instances grant twice the
 *   limit ("two instances grant no more than one" no longer holds), until every old instance restarts;
 * - a ticket issued on an instance with one key is `unknown_ticket` on an instance with the other (fails closed,
 *   but every user whose two requests land on different instances is refused).
 */
import {
  createMockCredential,
  createMockWeChat,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
} from 'taro-face-verify/server';
import { answerOf, postJson, USER } from './helpers';
import { redisForThisFile } from './redis-server';

const OPENID = 'oMock0000000000000000000000';
const redis = redisForThisFile();
beforeEach(() => redis.client().flushAll());

function instance(mock: ReturnType<typeof createMockWeChat>) {
  const stores = createRedisStores({ client: redis.client(), keyRefreshMs: 50 });
  const api = createWeChatApi({
    appId: mock.appId,
    appSecret: mock.appSecret,
    baseUrl: mock.url,
    fetch: mock.fetch,
    sleep: async () => undefined,
  });
  const limits = { ticketPerSubject: [{ points: 1, perSeconds: 60 }] };
  const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: OPENID }), ...stores, limits, onError: () => undefined });
  const verify = createVerifyHandler({ api, expect: () => ({ openid: OPENID }), ...stores, onError: () => undefined });
  return {
    issue: async () => answerOf(await ticket(postJson({ protocol: 'v1' }, 'http://app.test/api/face/ticket'))),
    submit: async (body: unknown) => answerOf(await verify(postJson(body))),
  };
}

/** Longer than the instances' keyRefreshMs: every instance has read the key again. */
const settleKeys = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('review: the Redis-kept digest key, regenerated under running instances', () => {
  // Closed: every instance reads the key again within keyRefreshMs (5 s by default), so the fleet moves to the new key
  // together. Was (low): limits doubled and cross-instance failures after a Redis restart without persistence.
  it('after the keyring key is lost, two instances still grant no more than one ticket per subject limit', async () => {
    const mock = createMockWeChat();
    const a = instance(mock);
    expect((await a.issue()).status).toBe(200); // instance A has read (and cached) the key
    await redis.client().flushAll(); // Redis restarted without persistence
    const b = instance(mock); // a new instance (deploy, scale-out) after the restart: a new key
    await settleKeys();
    expect((await a.issue()).status).toBe(200);
    const second = await b.issue();
    expect(second).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
  });

  it('after the keyring key is lost, a ticket issued on a new instance is accepted on an old one', async () => {
    const mock = createMockWeChat();
    const a = instance(mock);
    expect((await a.issue()).status).toBe(200);
    await redis.client().flushAll();
    const b = instance(mock);
    const issued = await b.issue();
    await settleKeys();
    const credential = createMockCredential({ userIdKey: String(issued.body.userIdKey) });
    expect(await a.submit({ verify_result: credential })).toMatchObject({ status: 200, body: { ok: true } });
  });
});
