/**
 * An evicting Redis really drops keys before their TTL: the reason the kit checks `maxmemory-policy`. A real
 * redis-server with a 2 MB limit, filled past it.
 */
import { createRedisStores } from 'taro-face-verify/server';
import { EVICTING_ARGS, evictedKeys, floodUntilEvicted } from './redis-eviction';
import { redisForThisFile, startRedis } from './redis-server';

const redis = redisForThisFile();

describe('an evicting Redis (--maxmemory 2mb --maxmemory-policy allkeys-lru)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers CONFIG GET maxmemory-policy with its policy (a default server with noeviction)', async () => {
    expect(await redis.client().configGet('maxmemory-policy')).toEqual({ 'maxmemory-policy': 'noeviction' });
    expect(await redis.client().sendCommand(['CONFIG', 'GET', 'maxmemory-policy'])).toEqual(['maxmemory-policy', 'noeviction']);
    const evicting = await startRedis({ args: EVICTING_ARGS });
    try {
      const client = await evicting.connect();
      expect(await client.configGet('maxmemory-policy')).toEqual({ 'maxmemory-policy': 'allkeys-lru' });
      expect(await client.configGet('maxmemory')).toEqual({ maxmemory: String(2 * 1024 * 1024) });
    } finally {
      await evicting.stop();
    }
  });

  it('evicts a key with a TTL written before a flood, long before its TTL; the stores of the kit refuse to run on it', async () => {
    const evicting = await startRedis({ args: EVICTING_ARGS });
    try {
      const client = await evicting.connect();
      await client.set('tfv:ticket:early', '{"protocol":"v2"}', { PX: 600_000 });
      const result = await floodUntilEvicted(client, 'tfv:ticket:early');
      expect(result.evicted).toBe(true);
      expect(result.evictedKeys).toBeGreaterThan(0);
      expect(await client.get('tfv:ticket:early')).toBeNull();
      // Redis may go on evicting in the background after the flood: the counter only grows.
      expect(await evictedKeys(client)).toBeGreaterThanOrEqual(result.evictedKeys);
      const { tickets } = createRedisStores({ client });
      jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await expect(tickets.get('tfv:ticket:any')).rejects.toMatchObject({ status: 503, code: 'store_misconfigured' });
    } finally {
      await evicting.stop();
    }
  });

  it('under volatile-lru evicts keys with a TTL only', async () => {
    const evicting = await startRedis({ args: ['--maxmemory', '2mb', '--maxmemory-policy', 'volatile-lru'] });
    try {
      const client = await evicting.connect();
      await client.set('tfv:claim:early', '1', { PX: 600_000 });
      await client.set('tfv:keep', '1');
      const result = await floodUntilEvicted(client, 'tfv:claim:early', { ttlMs: 600_000 });
      expect(result.evicted).toBe(true);
      expect(await client.get('tfv:keep')).toBe('1');
    } finally {
      await evicting.stop();
    }
  });

  it('without eviction, writes past maxmemory fail (OOM) and nothing is dropped', async () => {
    const full = await startRedis({ args: ['--maxmemory', '2mb', '--maxmemory-policy', 'noeviction'] });
    try {
      const client = await full.connect();
      await client.set('tfv:ticket:early', '1', { PX: 600_000 });
      await expect(floodUntilEvicted(client, 'tfv:ticket:early')).rejects.toThrow(/OOM/);
      expect(await client.get('tfv:ticket:early')).toBe('1');
      expect(await evictedKeys(client)).toBe(0);
    } finally {
      await full.stop();
    }
  });
});
