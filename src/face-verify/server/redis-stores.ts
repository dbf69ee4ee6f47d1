/**
 * The handlers' shared state on Redis, over the application's own connected client or cluster (node-redis v4
 * or later; the kit never imports `redis`). Every call is bounded in time: a Redis that errors, is disconnected
 * or does not answer makes the handler answer 503 with `Retry-After`, never an acceptance and never a silent
 * fallback to memory; a call that answers after its time bound is undone (a taken ticket put back, a claim
 * released). A Redis that may evict keys is refused: an evicted claim would let a replay through.
 */
import { randomHex } from './digest';
import { HttpError, isHttpError, StoreUnavailableError } from './http/errors';
import { keyringFromSecret, type Keyring } from './keyring';
import { createRedisLimiter, type LimiterBackend } from './limits';
import { traced } from './telemetry';
import { putTicketBack } from './ticket-checks';
import type { IssuedTicket, OnceStore, TicketStore } from './stores';
import type { StoredAccessToken, TokenStore } from './wechat/token-store';

/**
 * The commands the stores use, as node-redis (v4 or later) names them: a connected `createClient()` fits.
 * For ioredis, see the adapter in the server README.
 */
export interface RedisClientLike {
  /** `SET key value [NX] [PX ms]`: resolves `'OK'`, or null when NX found the key. */
  set(key: string, value: string, options: { NX?: boolean; PX?: number }): Promise<unknown>;
  get(key: string): Promise<unknown>;
  /** `GETDEL` (Redis 6.2+). */
  getDel(key: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** node-redis's connection state: when false, a call fails at once instead of waiting in the offline queue. */
  readonly isReady?: boolean;
  /** `CONFIG GET` (a single client): how the stores read `maxmemory-policy`. */
  configGet?(parameter: string): Promise<Record<string, string>>;
  /** A cluster's masters (node-redis `createCluster`): `CONFIG GET` is asked of each through `nodeClient`. */
  readonly masters?: readonly unknown[];
  nodeClient?(
    node: never,
  ):
    | Promise<{ configGet(parameter: string): Promise<Record<string, string>> }>
    | { configGet(parameter: string): Promise<Record<string, string>> };
}

/** Options of {@link createRedisStores}. */
export interface RedisStoresOptions {
  /** A connected client (`await createClient({ url }).connect()`); give it an `error` listener. */
  client: RedisClientLike;
  /** Put before every key, to share one Redis database between apps. @default '' */
  prefix?: string;
  /** The longest one store call may take before the request is answered 503. @default 1000 */
  timeoutMs?: number;
  /** The `Retry-After` of that 503, in seconds. @default 1 */
  retryAfterSeconds?: number;
  /**
   * The key of every digest kept in Redis (HMAC-SHA256): at least 32 characters from your config, the same on
   * every instance. @default a random key kept in Redis itself (weaker: a dump of Redis holds both; a warning in production)
   */
  secret?: string;
  /**
   * The stores read `maxmemory-policy` with `CONFIG GET` and refuse (503) any policy that can evict keys. Where
   * `CONFIG` is not allowed (many managed Redis services), check your provider's setting is `noeviction` and
   * say so here. @default undefined (read it)
   */
  evictionPolicy?: 'noeviction';
  /**
   * Without `secret`: how often each instance reads the key kept in Redis again, so all move to a new one within
   * this time when Redis lost it (a restart without persistence). @default 5000
   */
  keyRefreshMs?: number;
}

/** The shared stores, named as the handlers' options that take them: spread the object into every handler. */
export interface RedisStores {
  /** For `createVerifyHandler({ replayStore })`. */
  replayStore: OnceStore;
  /** For `createTicketHandler({ tickets })` and `createVerifyHandler({ tickets })`. */
  tickets: TicketStore;
  /** For `createWeChatApi({ tokenStore })`. */
  tokenStore: TokenStore;
  /** For `createPushHandler({ pushSeen })` (or `seen`). */
  pushSeen: OnceStore;
  /** The limit counters, for the ticket and verify handlers' `limiter`: two instances grant no more than one. */
  limiter: LimiterBackend;
  /** The key digests are made with, for the handlers' `keyring` (the same on every instance). */
  keyring: Keyring;
}

/** Policies that never evict a key with a TTL (all of the kit's keys have one). */
const SAFE_POLICIES = new Set(['noeviction']);
/** How long a policy reading is trusted before it is read again (an operator may change it at run time). */
const POLICY_RECHECK_MS = 60_000;

/** The store refuses to run on this Redis: 503 with a reason an operator can act on. */
class StoreMisconfiguredError extends HttpError {
  constructor(reason: string) {
    super(503, 'store_misconfigured', `The shared store is not safe to use: ${reason}`, { 'retry-after': '60' }, { reason });
  }
}

/** Deletes the key only while it holds the value (a claim or lock taken over by someone else stays). */
const COMPARE_AND_DELETE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
/** Replaces the value and expiry only while the key holds the expected value. */
const COMPARE_AND_SET =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end";

const asString = (reply: unknown): string | undefined => (typeof reply === 'string' ? reply : undefined);

function parseJson<T>(reply: unknown): T | undefined {
  const text = asString(reply);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined; // not ours (another app's key under the same prefix): treated as absent
  }
}

/**
 * The replay store, ticket store, token store (with a fetch lock) and push de-duplication on one Redis.
 *
 * @example
 * import { createClient } from 'redis';
 * const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
 * redis.on('error', (error) => console.error('redis', error.message));
 * await redis.connect();
 * // One object with everything that must be shared (tickets, claims, limit counters, the digest key): spread it.
 * const stores = createRedisStores({ client: redis, secret: process.env.FACE_VERIFY_SECRET });
 * const api = createWeChatApi({ appId, appSecret, tokenStore: stores.tokenStore });
 * const ticket = createTicketHandler({ api, identity, ...stores });
 * const verify = createVerifyHandler({ api, expect, ...stores });
 * const push = createPushHandler({ token, appId, encodingAESKey, ...stores });
 */
export function createRedisStores(options: RedisStoresOptions): RedisStores {
  const { client, prefix = '' } = options;
  const timeoutMs = options.timeoutMs ?? 1000;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const at = (key: string) => `${prefix}${key}`;
  const checkPolicy = policyChecker(client, options.evictionPolicy, timeoutMs);

  /**
   * One store call, failing fast when disconnected and after `timeoutMs` when Redis does not answer. `undo`
   * runs on a result that arrives after the request was answered 503, so nothing stays half-done.
   */
  async function bounded<T>(call: () => Promise<T>, undo?: (late: T) => Promise<unknown>): Promise<T> {
    if (client.isReady === false) throw new StoreUnavailableError('error', retryAfter);
    await checkPolicy();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new StoreUnavailableError('timeout', retryAfter));
      }, timeoutMs);
    });
    const running = traced('redis', { 'db.system': 'redis' }, call);
    if (undo) {
      running.then(
        (late) => (timedOut ? undo(late).catch(() => undefined) : undefined),
        () => undefined,
      );
    }
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      // The client's own error may quote the command and so a key: only its absence of an answer is reported.
      throw isHttpError(error) ? error : new StoreUnavailableError('error', retryAfter);
    } finally {
      clearTimeout(timer);
    }
  }

  const compareAndDelete = (key: string, value: string) => client.eval(COMPARE_AND_DELETE, { keys: [at(key)], arguments: [value] });

  const onceStore = (): OnceStore => ({
    claim: (key, ttlSeconds, value = '1') =>
      bounded(
        async () => (await client.set(at(key), value, { NX: true, PX: Math.ceil(ttlSeconds * 1000) })) !== null,
        // A claim the request never learnt about would lock the credential until it expires: released.
        async (claimed) => claimed && compareAndDelete(key, value),
      ),
    release: (key, value) =>
      bounded(async () => {
        if (value === undefined) await client.del(at(key));
        else await compareAndDelete(key, value);
      }),
    read: (key) => bounded(async () => asString(await client.get(at(key)))),
    settle: (key, expected, value, ttlSeconds) =>
      bounded(
        async () =>
          Number(
            await client.eval(COMPARE_AND_SET, { keys: [at(key)], arguments: [expected, value, String(Math.ceil(ttlSeconds * 1000))] }),
          ) === 1,
      ),
  });

  const keyring =
    options.secret === undefined
      ? redisKeyring(client, at('tfv:keyring'), bounded, options.keyRefreshMs ?? 5000)
      : keyringFromSecret(options.secret);

  const tickets: TicketStore = {
    put: (key, ticket, ttlSeconds) =>
      bounded(async () => void (await client.set(at(key), JSON.stringify(ticket), { PX: Math.ceil(ttlSeconds * 1000) }))),
    get: (key) => bounded(async () => parseJson<IssuedTicket>(await client.get(at(key)))),
    delete: (key) => bounded(async () => void (await client.del(at(key)))),
    take: (key) =>
      bounded(
        async () => parseJson<IssuedTicket>(await client.getDel(at(key))),
        // A ticket taken for a request that was answered 503 goes back, so the user's retry still has it.
        async (late) => late && putTicketBack(tickets, key, late, Date.now()),
      ),
    keyring,
  };

  const tokenStore: TokenStore = {
    get: (key) => bounded(async () => parseJson<StoredAccessToken>(await client.get(at(key)))),
    set: (key, token) =>
      bounded(async () => {
        const ttl = token.expiresAt - Date.now();
        if (ttl > 0) await client.set(at(key), JSON.stringify(token), { PX: Math.ceil(ttl) });
      }),
    delete: (key) => bounded(async () => void (await client.del(at(key)))),
    lock: (key, ttlMs) =>
      bounded(async () => {
        const owner = randomHex(16);
        if ((await client.set(at(key), owner, { NX: true, PX: ttlMs })) === null) return undefined;
        // Compare-and-delete: a lock that expired and was taken by another instance is not ours to free.
        return () => bounded(async () => void (await compareAndDelete(key, owner)));
      }),
  };

  const limiter = createRedisLimiter(client, prefix, bounded);
  return { replayStore: onceStore(), tickets, tokenStore, pushSeen: onceStore(), limiter, keyring };
}

/**
 * Reads `maxmemory-policy` (on every master of a cluster) before the first call and once a minute after;
 * throws the 503 while it can evict keys, and says once on stderr what to set.
 */
function policyChecker(client: RedisClientLike, asserted: 'noeviction' | undefined, timeoutMs: number): () => Promise<void> {
  if (asserted !== undefined) {
    if (asserted !== 'noeviction') throw new TypeError("createRedisStores: evictionPolicy can only be asserted as 'noeviction'");
    return async () => undefined;
  }
  let checked: { at: number; problem: string | undefined } | undefined;
  let pending: Promise<string | undefined> | undefined;
  let told = false;
  /** The last reading missed a cluster master that was down. */
  let partial = false;

  async function readPolicies(): Promise<string[]> {
    const read = async (node: { configGet?: RedisClientLike['configGet'] }) => {
      if (typeof node.configGet !== 'function') throw new Error('no CONFIG GET');
      return (await node.configGet('maxmemory-policy'))['maxmemory-policy'] ?? 'unknown';
    };
    if (Array.isArray(client.masters) && typeof client.nodeClient === 'function') {
      const nodeClient = client.nodeClient.bind(client) as (node: unknown) => Promise<{ configGet: RedisClientLike['configGet'] }>;
      const readings = await Promise.allSettled(client.masters.map(async (master) => read(await nodeClient(master))));
      const policies = readings.flatMap((reading) => (reading.status === 'fulfilled' ? [reading.value] : []));
      const failure = readings.find((reading): reading is PromiseRejectedResult => reading.status === 'rejected');
      // A master that is down serves nothing (its keys answer 503 anyway); the others are judged now, and the
      // reading is not kept, so the master is read as soon as it is back.
      if (failure && (policies.length === 0 || refusedConfig(failure.reason))) throw failure.reason;
      partial = failure !== undefined;
      return policies;
    }
    partial = false;
    return [await read(client)];
  }

  /** What is wrong with the policy, if anything; a Redis that does not answer is unavailable, not misconfigured. */
  async function problemNow(): Promise<string | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let policies: string[];
    try {
      policies = await Promise.race([
        readPolicies(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new StoreUnavailableError('timeout')), timeoutMs);
        }),
      ]);
    } catch (error) {
      if (isHttpError(error)) throw error;
      if (!refusedConfig(error)) throw new StoreUnavailableError('error');
      return "maxmemory-policy could not be read (CONFIG GET is refused here); check the server's policy is noeviction and pass evictionPolicy: 'noeviction'";
    } finally {
      clearTimeout(timer);
    }
    const unsafe = policies.find((policy) => !SAFE_POLICIES.has(policy));
    return unsafe === undefined
      ? undefined
      : `maxmemory-policy is ${unsafe}, which can evict the kit's keys (an evicted claim lets a replay through); set it to noeviction`;
  }

  return async () => {
    if (checked && Date.now() - checked.at < POLICY_RECHECK_MS) {
      if (checked.problem !== undefined) throw new StoreMisconfiguredError(checked.problem);
      return;
    }
    pending ??= problemNow().finally(() => (pending = undefined));
    // An unavailable Redis throws here, and is read again on the next request.
    const problem = await pending;
    checked = partial && problem === undefined ? undefined : { at: Date.now(), problem };
    if (problem !== undefined) {
      if (!told) console.error(`[taro-face-verify] createRedisStores: ${problem}.`);
      told = true;
      throw new StoreMisconfiguredError(problem);
    }
  };
}

/** `CONFIG GET` itself is refused (a managed Redis), as opposed to a Redis that does not answer. */
const refusedConfig = (error: unknown): boolean =>
  error instanceof Error && /unknown command|NOPERM|no permissions|not allowed|disabled|no CONFIG GET/i.test(error.message);

/** Without a `secret`: one random key kept in Redis, the same for every instance (a production warning). */
function redisKeyring(
  client: RedisClientLike,
  key: string,
  bounded: <T>(call: () => Promise<T>) => Promise<T>,
  refreshMs: number,
): Keyring {
  let cached: { key: Buffer; at: number } | undefined;
  let pending: Promise<Buffer> | undefined;
  let warned = false;

  async function read(): Promise<Buffer> {
    const value = await bounded(async () => {
      await client.set(key, randomHex(32), { NX: true });
      return asString(await client.get(key));
    });
    if (value === undefined || !/^[0-9a-f]{64}$/.test(value)) throw new StoreUnavailableError('error');
    cached = { key: Buffer.from(value, 'hex'), at: Date.now() };
    return cached.key;
  }

  return {
    async key() {
      // Read again now and then: a Redis that lost the key (a restart without persistence, a flush) gets a new
      // one from the next instance, and every instance must move to it, or the fleet digests with two keys.
      if (cached && Date.now() - cached.at < refreshMs) return cached.key;
      if (process.env.NODE_ENV === 'production' && !warned) {
        warned = true;
        console.warn(
          '[taro-face-verify] createRedisStores: no secret: digests are keyed by a key kept in Redis itself (a dump of Redis holds both). Pass secret from your config.',
        );
      }
      pending ??= read().finally(() => (pending = undefined));
      return pending;
    },
  };
}
