/** Where access tokens live between calls, so several server instances can share one. */

export interface StoredAccessToken {
  accessToken: string;
  /** When WeChat stops accepting it, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * A small async key-value interface for the access token. The in-memory default suits one process;
 * `createRedisStores` gives one shared by several instances calling WeChat with one appid.
 *
 * @example
 * const { tokenStore } = createRedisStores({ client: redis });
 * const api = createWeChatApi({ appId, appSecret, tokenStore });
 */
export interface TokenStore {
  get(key: string): Promise<StoredAccessToken | undefined>;
  set(key: string, token: StoredAccessToken): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Optional, for stores shared between instances: takes a lock that expires after `ttlMs`, so one instance
   * fetches the token while the others wait and read it. Resolves to the release function (which frees the
   * lock only if this holder still owns it), or undefined when another holder has it.
   */
  lock?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
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
