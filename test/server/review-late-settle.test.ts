/**
 * Review (security, robustness): a late compare-and-set ("settle") on a slow Redis, on the WeChat v1 path.
 *
 * The v1 path guards twice: the posted string (outer claim) and the capture (inner claim); the ticket is taken
 * (GETDEL) inside the inner check, before the verdict is settled. When the inner settle answers after the stores'
 * time bound, the request answers 503, and:
 * - nothing undoes the taken ticket (the README: "a call that answers after its time bound is undone (a ticket it
 *   took goes back …), so a slow Redis neither burns the user's ticket nor locks their credential");
 * - the outer claim is released (its check threw), so the user's retry with the SAME Idempotency-Key goes through
 *   WeChat again, reads the ticket before it ever reaches the inner record (which does hold the accepted verdict
 *   for that key and person), and is told `unknown_ticket`: a verification that succeeded (and is recorded as
 *   accepted) is shown as "start again", and the capture can never be used again.
 */
import {
  createMockCredential,
  createMockWeChat,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  type RedisClientLike,
} from 'taro-face-verify/server';
import { answerOf, postJson, USER } from './helpers';
import { redisForThisFile } from './redis-server';

const OPENID = 'oMock0000000000000000000000';
const redis = redisForThisFile();
beforeEach(() => redis.client().flushAll());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TIMEOUT_MS = 300;

/** The real client, with the first compare-and-set (the replay guard's settle) answered late: it runs at once, its reply comes after the time bound. */
function lateSettleClient(client: object, state: { armed: boolean; lateReplies: number }): RedisClientLike {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property !== 'eval') return bound;
      return async (script: string, options: unknown) => {
        const reply = await bound(script, options);
        if (state.armed && script.includes("redis.call('SET'")) {
          state.armed = false;
          state.lateReplies++;
          await sleep(TIMEOUT_MS * 2);
        }
        return reply;
      };
    },
  }) as RedisClientLike;
}

function backend(state: { armed: boolean; lateReplies: number }) {
  const mock = createMockWeChat();
  const stores = createRedisStores({ client: lateSettleClient(redis.client(), state), timeoutMs: TIMEOUT_MS });
  const api = createWeChatApi({
    appId: mock.appId,
    appSecret: mock.appSecret,
    baseUrl: mock.url,
    fetch: mock.fetch,
    tokenStore: stores.tokenStore,
    sleep: async () => undefined,
  });
  const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: OPENID }), ...stores, onError: () => undefined });
  const verify = createVerifyHandler({ api, expect: () => ({ openid: OPENID }), ...stores, onError: () => undefined });
  return {
    issue: async () => (await answerOf(await ticket(postJson({ protocol: 'v1' }, 'http://app.test/api/face/ticket')))).body,
    submit: async (body: unknown, idempotencyKey: string) =>
      answerOf(await verify(postJson(body, undefined, { 'idempotency-key': idempotencyKey }))),
  };
}

describe('review: late settle on the v1 path (slow Redis)', () => {
  // FINDING (low-medium, robustness of an accepted verification): see the file comment. Expected: the user's retry
  // with the same Idempotency-Key gets the verdict that was recorded (ok: true), or at least the ticket goes back.
  it('a v1 capture whose settle answers late: the retry with the same Idempotency-Key gets the recorded verdict, not unknown_ticket', async () => {
    const state = { armed: false, lateReplies: 0 };
    const app = backend(state);
    const { userIdKey } = await app.issue();
    const credential = createMockCredential({ userIdKey: String(userIdKey) });

    state.armed = true;
    const first = await app.submit({ verify_result: credential }, 'capture-1');
    expect(first).toMatchObject({ status: 503, body: { code: 'store_unavailable', reason: 'timeout' } });
    expect(state.lateReplies).toBe(1);
    await sleep(TIMEOUT_MS * 3); // the late reply has arrived; Redis holds the inner "done" record

    const retry = await app.submit({ verify_result: credential }, 'capture-1');
    expect(retry).toMatchObject({ status: 200, body: { ok: true, protocol: 'v1' } });
  });
});
