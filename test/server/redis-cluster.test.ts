/**
 * The Redis stores over a real Redis Cluster (three masters, Debian's redis-server, joined by redis-cli): the
 * app passes a node-redis `createCluster()` client where it would pass `createClient()`. Every store call uses one
 * key, so each is routed to the master serving that key's slot; the keys below spread over all three masters.
 */
import {
  createMockCredential,
  createMockWeChat,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  type IssuedTicket,
  type RedisStores,
} from 'taro-face-verify/server';
import { answerOf, postJson, USER } from './helpers';
import { masterOf, onEveryMaster, redisClusterForThisFile, type RedisClusterClient } from './redis-cluster';

const OPENID = 'oMock0000000000000000000000';
const redis = redisClusterForThisFile();
// FLUSHALL on a cluster client reaches one node only: every master is flushed.
beforeEach(() => onEveryMaster(redis.client(), (node) => node.flushAll()));

const keys = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** How many of `list` each master serves (every master should serve some). */
async function spread(cluster: RedisClusterClient, list: string[]): Promise<number[]> {
  const owners = await Promise.all(list.map((key) => masterOf(cluster, key)));
  return cluster.masters.map((master) => owners.filter((owner) => owner === master.address).length);
}

const EXPIRES_AT = Date.now() + 600_000;
const ticketFor = (i: number): IssuedTicket => ({
  protocol: 'v2',
  subject: { n: `name-${i}`, i: `id-${i}` },
  outSeqNo: `seq-${i}`,
  issuedAt: EXPIRES_AT - 600_000,
  expiresAt: EXPIRES_AT,
});

describe('node-redis v5 cluster client: what the stores and the kit rely on', () => {
  it('reads CONFIG GET maxmemory-policy on every master (cluster.masters + cluster.nodeClient)', async () => {
    const cluster = redis.client();
    expect(cluster.masters).toHaveLength(3);
    const read = () => onEveryMaster(cluster, async (node) => (await node.configGet('maxmemory-policy'))['maxmemory-policy']);
    expect(await read()).toEqual(['noeviction', 'noeviction', 'noeviction']);
    // The setting is per server: one evicting master among three is found only by asking each.
    const first = await cluster.nodeClient(cluster.masters[0]!);
    await first.configSet('maxmemory-policy', 'allkeys-lru');
    try {
      expect(await read()).toEqual(['allkeys-lru', 'noeviction', 'noeviction']);
      // A keyless command on the cluster client goes to one node: it cannot answer for the cluster.
      const once = (await cluster.configGet('maxmemory-policy'))['maxmemory-policy'];
      expect(['allkeys-lru', 'noeviction']).toContain(once);
      // The raw reply, as `sendCommand` gives it: [name, value] (a cluster's sendCommand takes the routing key first).
      expect(await first.sendCommand(['CONFIG', 'GET', 'maxmemory-policy'])).toEqual(['maxmemory-policy', 'allkeys-lru']);
    } finally {
      await first.configSet('maxmemory-policy', 'noeviction');
    }
  });

  it('routes eval(script, { keys, arguments }) by its first key', async () => {
    const cluster = redis.client();
    const list = keys(60, 'tfv:eval:');
    expect((await spread(cluster, list)).every((count) => count > 0)).toBe(true);
    for (const key of list) await cluster.eval("return redis.call('SET', KEYS[1], ARGV[1])", { keys: [key], arguments: [`v-${key}`] });
    // Each key is on the master serving its slot (read there directly, no redirection).
    for (const key of list) {
      const address = await masterOf(cluster, key);
      const node = await cluster.nodeClient(cluster.masters.find((master) => master.address === address)!);
      expect(await node.get(key)).toBe(`v-${key}`);
    }
    expect(await onEveryMaster(cluster, (node) => node.dbSize())).toEqual(await spread(cluster, list));
  });

  it('refuses a script over two keys on different slots (CROSSSLOT) unless a hash tag puts them on one', async () => {
    const cluster = redis.client();
    const script = "redis.call('SET', KEYS[1], ARGV[1]) redis.call('SET', KEYS[2], ARGV[1]) return 1";
    const [a, b] = ['tfv:ticket:a', 'tfv:replay:b'];
    expect(await masterOf(cluster, a)).not.toBe(await masterOf(cluster, b));
    await expect(cluster.eval(script, { keys: [a, b], arguments: ['1'] })).rejects.toThrow(/CROSSSLOT/);
    expect(await cluster.eval(script, { keys: ['{tfv}:ticket:a', '{tfv}:replay:b'], arguments: ['1'] })).toBe(1);
  });

  it('has no isReady on the cluster client (only isOpen): the stores skip their fast fail, the node clients fail fast', () => {
    const cluster = redis.client() as unknown as { isReady?: boolean; isOpen: boolean };
    expect(cluster.isReady).toBeUndefined();
    expect(cluster.isOpen).toBe(true);
  });
});

describe('createRedisStores over a cluster client', () => {
  it('replayStore: claim, read, settle and release, on keys spread over every master', async () => {
    const { replayStore } = createRedisStores({ client: redis.client(), prefix: 'tfv:' });
    const list = keys(90, 'replay:');
    expect(
      (
        await spread(
          redis.client(),
          list.map((key) => `tfv:${key}`),
        )
      ).every((count) => count > 0),
    ).toBe(true);
    for (const key of list) {
      expect(await replayStore.claim(key, 60, 'pending')).toBe(true);
      expect(await replayStore.claim(key, 60, 'pending')).toBe(false);
      expect(await replayStore.read!(key)).toBe('pending');
      expect(await replayStore.settle!(key, 'other', 'done', 60)).toBe(false);
      expect(await replayStore.settle!(key, 'pending', 'done', 60)).toBe(true);
      expect(await replayStore.read!(key)).toBe('done');
      await replayStore.release(key, 'pending'); // not the value held: stays
      expect(await replayStore.read!(key)).toBe('done');
      await replayStore.release(key, 'done');
      expect(await replayStore.read!(key)).toBeUndefined();
      expect(await replayStore.claim(key, 60)).toBe(true);
      await replayStore.release(key);
      expect(await replayStore.claim(key, 60)).toBe(true);
    }
  });

  it('replayStore: one of many concurrent claims of one key wins', async () => {
    const { replayStore } = createRedisStores({ client: redis.client() });
    const wins = await Promise.all(Array.from({ length: 30 }, () => replayStore.claim('tfv:replay:race', 60)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('tickets: put, get, take (GETDEL) and delete, on 150 keys spread over every master', async () => {
    const { tickets } = createRedisStores({ client: redis.client() });
    const list = keys(150, 'tfv:ticket:');
    expect((await spread(redis.client(), list)).every((count) => count > 20)).toBe(true);
    await Promise.all(list.map((key, i) => tickets.put(key, ticketFor(i), 60)));
    expect(await onEveryMaster(redis.client(), (node) => node.dbSize())).toEqual(await spread(redis.client(), list));
    for (const [i, key] of list.entries()) expect(await tickets.get(key)).toEqual(ticketFor(i));
    for (const [i, key] of list.slice(0, 100).entries()) {
      expect(await tickets.take!(key)).toEqual(ticketFor(i));
      expect(await tickets.take!(key)).toBeUndefined();
    }
    for (const key of list.slice(100)) await tickets.delete(key);
    expect((await onEveryMaster(redis.client(), (node) => node.dbSize())).every((size) => size === 0)).toBe(true);
  });

  it('tickets: one of many concurrent takes of one ticket gets it', async () => {
    const { tickets } = createRedisStores({ client: redis.client() });
    await tickets.put('tfv:ticket:race', ticketFor(1), 60);
    const taken = await Promise.all(Array.from({ length: 30 }, () => tickets.take!('tfv:ticket:race')));
    expect(taken.filter((ticket) => ticket !== undefined)).toHaveLength(1);
  });

  it('tokenStore: set, get, delete, and a lock that one holder has at a time and frees by compare-and-delete', async () => {
    const { tokenStore } = createRedisStores({ client: redis.client() });
    const token = { accessToken: 'ACCESS', expiresAt: Date.now() + 60_000 };
    for (const key of keys(12, 'tfv:token:')) {
      await tokenStore.set(key, token);
      expect(await tokenStore.get(key)).toEqual(token);
      await tokenStore.delete(key);
      expect(await tokenStore.get(key)).toBeUndefined();
      const holders = await Promise.all(Array.from({ length: 10 }, () => tokenStore.lock!(`${key}:lock`, 5000)));
      const held = holders.filter((release) => release !== undefined);
      expect(held).toHaveLength(1);
      await held[0]!();
      const next = await tokenStore.lock!(`${key}:lock`, 5000);
      expect(next).toBeDefined();
      await next!();
    }
  });

  it('tokenStore: a lock that expired and was taken by another holder is not freed by the first', async () => {
    const { tokenStore } = createRedisStores({ client: redis.client() });
    const first = await tokenStore.lock!('tfv:token:lock', 30);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = await tokenStore.lock!('tfv:token:lock', 5000);
    expect(second).toBeDefined();
    await first!();
    expect(await tokenStore.lock!('tfv:token:lock', 5000)).toBeUndefined();
    await second!();
  });
});

/** One "instance" on the cluster stores: its own API client, ticket and verify handlers. */
function instance(mock: ReturnType<typeof createMockWeChat>, stores: RedisStores) {
  const identity = { ...USER, openid: OPENID };
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
    submit: async (body: unknown) => answerOf(await verify(postJson(body))),
  };
}

describe('the ticket and verify handlers over a cluster', () => {
  it('v1: a ticket issued on one instance is accepted once, the replay refused on another', async () => {
    const mock = createMockWeChat();
    const stores = createRedisStores({ client: redis.client() });
    const [a, b] = [instance(mock, stores), instance(mock, stores)];
    const { userIdKey } = await a.issue('v1');
    const credential = createMockCredential({ userIdKey: String(userIdKey) });
    expect((await b.submit({ verify_result: credential })).body).toMatchObject({ ok: true });
    expect((await a.submit({ verify_result: credential })).body).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('v2: one of many concurrent posts of one ticket spread over instances is accepted', async () => {
    const mock = createMockWeChat();
    const stores = createRedisStores({ client: redis.client() });
    const instances = Array.from({ length: 4 }, () => instance(mock, stores));
    const { verifyId, outSeqNo } = await instances[0]!.issue('v2');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => instances[i % 4]!.submit({ verify_id: verifyId, out_seq_no: outSeqNo })),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => answer.body.ok === true)).toHaveLength(1);
    expect(mock.calls.queryverifyinfo).toBe(1);
  });

  it('fetches the access token once for 100 concurrent callers on four instances', async () => {
    const mock = createMockWeChat();
    const stores = createRedisStores({ client: redis.client() });
    const instances = Array.from({ length: 4 }, () => instance(mock, stores));
    const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => instances[i % 4]!.api.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(mock.calls.stable_token).toBe(1);
  });
});

// Last: it stops a master for the rest of the file.
describe('a cluster with a stopped master', () => {
  it("answers 503 at once for keys on that master's slots and keeps serving the others", async () => {
    const cluster = redis.client();
    const { replayStore } = createRedisStores({ client: cluster, timeoutMs: 500 });
    const down = cluster.masters.find((master) => master.port === redis.server().ports[0])!.address;
    const list = keys(30, 'tfv:replay:down:');
    const owners = await Promise.all(list.map((key) => masterOf(cluster, key)));
    const onDown = list.filter((_, i) => owners[i] === down);
    const elsewhere = list.filter((_, i) => owners[i] !== down);
    expect(onDown.length).toBeGreaterThan(0);
    await redis.server().killNode(0);
    for (const key of onDown) {
      const started = Date.now();
      // No isReady on a cluster client: the node client's own offline rejection (disableOfflineQueue) makes it fast.
      await expect(replayStore.claim(key, 60)).rejects.toMatchObject({ status: 503, reason: 'error' });
      expect(Date.now() - started).toBeLessThan(400);
    }
    for (const key of elsewhere) expect(await replayStore.claim(key, 60)).toBe(true);
  });
});
