/**
 * The handlers' shared state on Redis, over the application's own connected client (node-redis v4 or later;
 * the kit never imports `redis`). Every call is bounded in time: a Redis that errors, is disconnected or does
 * not answer makes the handler answer 503 with `Retry-After`, never an acceptance and never a silent fallback
 * to memory.
 */
import { randomHex } from './digest';
import { isHttpError, StoreUnavailableError } from './http-error';
import type { IssuedTicket, OnceStore, TicketStore } from './stores';
import type { StoredAccessToken, TokenStore } from './token-store';

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
}

/** The four shared stores, named as the handlers' options that take them. */
export interface RedisStores {
  /** For `createVerifyHandler({ replayStore })`. */
  replayStore: OnceStore;
  /** For `createTicketHandler({ tickets })` and `createVerifyHandler({ tickets })`. */
  tickets: TicketStore;
  /** For `createWeChatApi({ tokenStore })`. */
  tokenStore: TokenStore;
  /** For `createPushHandler({ seen })`. */
  pushSeen: OnceStore;
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
 * const { replayStore, tickets, tokenStore, pushSeen } = createRedisStores({ client: redis });
 * const api = createWeChatApi({ appId, appSecret, tokenStore });
 * const ticket = createTicketHandler({ api, identity, tickets });
 * const verify = createVerifyHandler({ api, tickets, replayStore, expect });
 * const push = createPushHandler({ token, appId, encodingAESKey, seen: pushSeen });
 */
export function createRedisStores(options: RedisStoresOptions): RedisStores {
  const { client, prefix = '' } = options;
  const timeoutMs = options.timeoutMs ?? 1000;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const at = (key: string) => `${prefix}${key}`;

  /** One store call, failing fast when disconnected and after `timeoutMs` when Redis does not answer. */
  async function bounded<T>(call: () => Promise<T>): Promise<T> {
    if (client.isReady === false) throw new StoreUnavailableError('error', retryAfter);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError('timeout', retryAfter)), timeoutMs);
    });
    try {
      return await Promise.race([call(), deadline]);
    } catch (error) {
      // The client's own error may quote the command and so a key: only its absence of an answer is reported.
      throw isHttpError(error) ? error : new StoreUnavailableError('error', retryAfter);
    } finally {
      clearTimeout(timer);
    }
  }

  const onceStore = (): OnceStore => ({
    claim: (key, ttlSeconds, value = '1') =>
      bounded(async () => (await client.set(at(key), value, { NX: true, PX: Math.ceil(ttlSeconds * 1000) })) !== null),
    release: (key, value) =>
      bounded(async () => {
        if (value === undefined) await client.del(at(key));
        else await client.eval(COMPARE_AND_DELETE, { keys: [at(key)], arguments: [value] });
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

  const tickets: TicketStore = {
    put: (key, ticket, ttlSeconds) =>
      bounded(async () => void (await client.set(at(key), JSON.stringify(ticket), { PX: Math.ceil(ttlSeconds * 1000) }))),
    get: (key) => bounded(async () => parseJson<IssuedTicket>(await client.get(at(key)))),
    delete: (key) => bounded(async () => void (await client.del(at(key)))),
    take: (key) => bounded(async () => parseJson<IssuedTicket>(await client.getDel(at(key)))),
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
        return () => bounded(async () => void (await client.eval(COMPARE_AND_DELETE, { keys: [at(key)], arguments: [owner] })));
      }),
  };

  return { replayStore: onceStore(), tickets, tokenStore, pushSeen: onceStore() };
}
