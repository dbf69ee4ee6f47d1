/**
 * An evicting Redis really drops keys before their TTL: the reason the kit checks `maxmemory-policy`. A real
 * redis-server with a 2 MB limit, filled past it.
 */
import { createRedisStores } from 'taro-face-verify/server';
import { EVICTING_ARGS, evictedKeys, floodUntilEvicted } from './redis-eviction';
import { redisForThisFile, startRedis } from './redis-server';

const redis = redisForThisFile();

describe('an evicting Redis (--maxmemory 2mb --maxmemory-policy allkeys-lru)', () => {
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

  it('evicts a ticket written before a flood, long before its TTL', async () => {
    const evicting = await startRedis({ args: EVICTING_ARGS });
    try {
      const client = await evicting.connect();
      const { tickets } = createRedisStores({ client });
      const ticket = { protocol: 'v2' as const, nameMd5: 'n', idCardMd5: 'i', outSeqNo: 's', expiresAt: Date.now() + 600_000 };
      await tickets.put('tfv:ticket:early', ticket, 600);
      expect(await tickets.get('tfv:ticket:early')).toEqual(ticket);
      const started = Date.now();
      const result = await floodUntilEvicted(client, 'tfv:ticket:early');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.evicted).toBe(true);
      expect(result.evictedKeys).toBeGreaterThan(0);
      expect(await tickets.get('tfv:ticket:early')).toBeUndefined();
      expect(await evictedKeys(client)).toBe(result.evictedKeys);
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
