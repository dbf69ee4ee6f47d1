/** Where access tokens live between calls, so several server instances can share one. */

export interface StoredAccessToken {
  accessToken: string;
  /** When WeChat stops accepting it, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * A small async key-value interface for the access token. The in-memory default suits one process;
 * back it with Redis (or any shared store) when several instances call WeChat with one appid.
 *
 * @example
 * const tokenStore: TokenStore = {
 *   get: async (key) => JSON.parse((await redis.get(key)) ?? 'null') ?? undefined,
 *   set: async (key, token) => void (await redis.set(key, JSON.stringify(token), 'PXAT', token.expiresAt)),
 *   delete: async (key) => void (await redis.del(key)),
 * };
 */
export interface TokenStore {
  get(key: string): Promise<StoredAccessToken | undefined>;
  set(key: string, token: StoredAccessToken): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A {@link TokenStore} in this process's memory. */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredAccessToken>();
  return {
    get: async (key) => tokens.get(key),
    set: async (key, token) => void tokens.set(key, token),
    delete: async (key) => void tokens.delete(key),
  };
}
