/**
 * Several instances on one real Redis: each handler pair below stands for one process, sharing nothing but
 * the Redis stores (and WeChat). Redis is Debian's redis-server, started on a free port for this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMockCredential,
  createMockWeChat,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  type RedisStores,
} from 'taro-face-verify/server';
import { answerOf, OTHER, postJson, USER } from './helpers';
import { redisForThisFile } from './redis-server';

const OPENID = 'oMock0000000000000000000000';
const redis = redisForThisFile();
beforeEach(() => redis.client().flushAll());

/** One "instance": its own API client, ticket and verify handlers, on the shared Redis stores. */
function instance(mock: ReturnType<typeof createMockWeChat>, stores: RedisStores, identity = { ...USER, openid: OPENID }) {
  const api = createWeChatApi({
    appId: mock.appId,
    appSecret: mock.appSecret,
    baseUrl: mock.url,
    fetch: mock.fetch,
    tokenStore: stores.tokenStore,
    sleep: async () => undefined,
  });
  const ticket = createTicketHandler({ api, identity: () => identity, tickets: stores.tickets, onError: () => undefined });
  const verify = createVerifyHandler({
    api,
    tickets: stores.tickets,
    replayStore: stores.replayStore,
    expect: () => ({ openid: identity.openid }),
    onError: () => undefined,
  });
  return {
    api,
    issue: async (protocol: 'v1' | 'v2') => (await answerOf(await ticket(postJson({ protocol }, 'http://app.test/api/face/ticket')))).body,
    submit: async (body: unknown, headers: Record<string, string> = {}) => answerOf(await verify(postJson(body, undefined, headers))),
  };
}

function cluster(count = 2, mockOptions = {}) {
  const mock = createMockWeChat(mockOptions);
  const stores = createRedisStores({ client: redis.client() });
  return { mock, stores, instances: Array.from({ length: count }, () => instance(mock, stores)) };
}

describe('createRedisStores: shared truth across instances', () => {
  it('accepts a v1 credential once across instances (the replay reaches another instance)', async () => {
    const { instances } = cluster();
    const [a, b] = instances as [ReturnType<typeof instance>, ReturnType<typeof instance>];
    const { userIdKey } = await a.issue('v1');
    const credential = createMockCredential({ userIdKey: String(userIdKey) });
    expect((await a.submit({ verify_result: credential })).body).toMatchObject({ ok: true });
    expect((await b.submit({ verify_result: credential })).body).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('accepts one of many concurrent posts of one v2 ticket spread over instances', async () => {
    const { instances, mock } = cluster(4);
    const { verifyId, outSeqNo } = await instances[0]!.issue('v2');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => instances[i % 4]!.submit({ verify_id: verifyId, out_seq_no: outSeqNo })),
    );
    expect(answers.filter((answer) => answer.body.ok === true)).toHaveLength(1);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(mock.calls.queryverifyinfo).toBe(1);
  });

  it('consumes a v1 ticket exactly once: of two captures on one ticket posted to two instances, one is accepted', async () => {
    const { instances } = cluster();
    const [a, b] = instances as [ReturnType<typeof instance>, ReturnType<typeof instance>];
    const { userIdKey } = await a.issue('v1');
    const first = createMockCredential({ userIdKey: String(userIdKey) });
    const second = createMockCredential({ userIdKey: String(userIdKey) });
    const answers = await Promise.all([a.submit({ verify_result: first }), b.submit({ verify_result: second })]);
    expect(answers.map((answer) => answer.body.ok).sort()).toEqual([false, true]);
    expect(answers.find((answer) => answer.body.ok === false)?.body.code).toBe('unknown_ticket');
  });

  it("refuses someone else's capture made without a ticket (ticket_required), on every instance", async () => {
    const { instances } = cluster();
    const other = createMockCredential({ ...OTHER });
    for (const one of instances)
      expect((await one.submit({ verify_result: other })).body).toMatchObject({ ok: false, code: 'ticket_required' });
  });

  it('fetches the access token once for 100 concurrent callers on four instances', async () => {
    const { instances, mock } = cluster(4);
    const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => instances[i % 4]!.api.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(mock.calls.stable_token).toBe(1);
  });
});

describe('createRedisStores: a rejected token is replaced once across instances', () => {
  it('two instances meeting 40001 with the same token → one new token fetched (compare before drop)', async () => {
    const mock = createMockWeChat();
    const revoked = new Set<string>();
    // WeChat revokes a token (as when another system forced a refresh): the face APIs answer 40001 for it.
    const fetchWithRevocation: typeof fetch = async (input, init) => {
      const token = new URL(String(input)).searchParams.get('access_token');
      if (token !== null && revoked.has(token)) return Response.json({ errcode: 40001, errmsg: 'invalid credential' });
      return mock.fetch(input, init);
    };
    const { tokenStore } = createRedisStores({ client: redis.client() });
    const [a, b] = [0, 1].map(() =>
      createWeChatApi({
        appId: mock.appId,
        appSecret: mock.appSecret,
        baseUrl: mock.url,
        fetch: fetchWithRevocation,
        tokenStore,
        tokenMode: 'classic', // a new token per fetch, so every fetch is counted and visible
        sleep: async () => undefined,
      }),
    ) as [ReturnType<typeof createWeChatApi>, ReturnType<typeof createWeChatApi>];
    const first = await a.getAccessToken();
    expect(await b.getAccessToken()).toBe(first);
    revoked.add(first);
    await Promise.all([a.getUserIdKey({ ...USER }), b.getUserIdKey({ ...USER })]);
    expect(mock.calls.token).toBe(2);
    expect(await a.getAccessToken()).toBe(await b.getAccessToken());
    expect(await a.getAccessToken()).not.toBe(first);
  });
});

describe('the kit never imports redis (the app passes its client)', () => {
  it('no file of the kit imports the redis package', () => {
    const root = join(__dirname, '..', '..', 'src', 'face-verify');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    // Code lines only: the JSDoc example shows the app importing redis, which is the point.
    const code = (file: string) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
    const importing = files.filter((file) =>
      /from ['"](redis|@redis\/[^'"]+)['"]|import\(['"]redis['"]\)|require\(['"]redis['"]\)/.test(code(file)),
    );
    expect(importing).toEqual([]);
  });
});

describe('createRedisStores: a Redis that fails', () => {
  it('answers 503 with Retry-After while Redis is down, accepts nothing, and resumes when it returns', async () => {
    const { instances } = cluster();
    const a = instances[0]!;
    const { userIdKey } = await a.issue('v1');
    const credential = createMockCredential({ userIdKey: String(userIdKey) });
    await redis.server().kill();
    const response = await createVerifyHandler({
      api: a.api,
      replayStore: createRedisStores({ client: redis.client() }).replayStore,
      expect: () => ({}),
      onError: () => undefined,
    })(postJson({ verify_result: credential }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ ok: false, code: 'store_unavailable' });
    expect((await a.submit({ verify_result: credential })).status).toBe(503);
    await redis.server().restart();
    await waitFor(() => redis.client().isReady);
    // The restarted Redis is empty: a real deployment keeps its tickets (persistence); here a new ticket.
    const again = await a.issue('v1');
    expect((await a.submit({ verify_result: createMockCredential({ userIdKey: String(again.userIdKey) }) })).body).toMatchObject({
      ok: true,
    });
  });

  it('answers 503 when Redis does not answer within the time limit', async () => {
    const stores = createRedisStores({ client: redis.client(), timeoutMs: 100 });
    const pauser = await redis.server().connect();
    await pauser.sendCommand(['CLIENT', 'PAUSE', '1000', 'ALL']);
    try {
      await expect(stores.replayStore.claim('tfv:replay:x', 60)).rejects.toMatchObject({ status: 503, reason: 'timeout' });
    } finally {
      await pauser.sendCommand(['CLIENT', 'UNPAUSE']).catch(() => undefined);
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
