/**
 * Proof of eviction on a real Redis: with `--maxmemory` and an evicting `--maxmemory-policy`, writing past the
 * limit makes Redis drop keys, a ticket or a replay claim included, long before their TTL. This is what the kit's
 * `CONFIG GET maxmemory-policy` check guards against.
 */
import type { RedisClient } from './redis-server';

/** The arguments of a small evicting Redis: `startRedis({ args: EVICTING_ARGS })`. 2 MB fills in a few writes. */
export const EVICTING_ARGS = ['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru'] as const;

export interface FloodOptions {
  /** Prefix of the flood's keys. @default 'flood:' */
  prefix?: string;
  /** Bytes of each value. @default 65536 */
  valueBytes?: number;
  /** Writes sent at once. @default 16 */
  batch?: number;
  /** Gives up (resolving `evicted: false`) after this many writes. @default 2000 */
  maxWrites?: number;
  /** TTL of the flood's keys in ms (needed under `volatile-*` policies, which evict only keys with a TTL). */
  ttlMs?: number;
}

export interface FloodResult {
  /** Whether `key` was gone (evicted) when the flood stopped. */
  evicted: boolean;
  /** Writes made. */
  writes: number;
  /** `evicted_keys` of `INFO stats` at the end (the server's count since it started). */
  evictedKeys: number;
}

/** `INFO stats`'s `evicted_keys`. */
export async function evictedKeys(client: RedisClient): Promise<number> {
  const match = /evicted_keys:(\d+)/.exec(await client.info('stats'));
  return Number(match?.[1] ?? 0);
}

/**
 * Writes large values until `key` (written earlier, e.g. with a TTL) is evicted, or `maxWrites` is reached.
 * Under a `noeviction` server the writes fail with OOM once the limit is reached: that rejection is passed on.
 */
export async function floodUntilEvicted(client: RedisClient, key: string, options: FloodOptions = {}): Promise<FloodResult> {
  const { prefix = 'flood:', valueBytes = 65536, batch = 16, maxWrites = 2000, ttlMs } = options;
  const value = 'x'.repeat(valueBytes);
  let writes = 0;
  while (writes < maxWrites) {
    const size = Math.min(batch, maxWrites - writes);
    await Promise.all(
      Array.from({ length: size }, (_, i) => client.set(`${prefix}${writes + i}`, value, ttlMs === undefined ? undefined : { PX: ttlMs })),
    );
    writes += size;
    if ((await client.exists(key)) === 0) return { evicted: true, writes, evictedKeys: await evictedKeys(client) };
  }
  return { evicted: false, writes, evictedKeys: await evictedKeys(client) };
}
