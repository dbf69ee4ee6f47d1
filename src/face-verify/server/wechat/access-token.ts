/**
 * The access token: fetched from `cgi-bin/stable_token` (default) or `cgi-bin/token`, kept in a
 * {@link TokenStore} until shortly before it expires, and fetched by one call at a time however many callers
 * wait for it: in this process (single flight), and across instances when the store has a lock.
 */
import { WeChatApiError, WeChatTransportError } from './errors';
import type { StoredAccessToken, TokenStore } from './token-store';
import { errcodeOf, errmsgOf, requestWeChatJson, type WeChatRequestContext } from './request';

/** `stable`: `cgi-bin/stable_token` (recommended, the default); `classic`: `cgi-bin/token`. */
export type TokenMode = 'stable' | 'classic';

export interface AccessTokenSourceOptions {
  appId: string;
  appSecret: string;
  mode: TokenMode;
  store: TokenStore;
  request: WeChatRequestContext;
  now: () => number;
  /** Refetch this long before WeChat's expiry (capped at half the token's lifetime). */
  refreshMarginMs: number;
}

export interface AccessTokenSource {
  /** A token believed valid now; gives up at `deadline` (ms since the epoch). */
  get(deadline: number): Promise<string>;
  /**
   * WeChat rejected `rejected`: forget it, but only if it is still the stored one (another caller or
   * another instance may already have replaced it), and return the token to retry with.
   */
  replace(rejected: string, deadline: number): Promise<string>;
}

/** How long one instance may hold the fetch lock (longer than a token fetch with its retries). */
const LOCK_TTL_MS = 15_000;
/** How often the instances without the lock look for the token its holder stores. */
const LOCK_POLL_MS = 50;

export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const { store, now } = options;
  const key = `taro-face-verify:access-token:${options.mode}:${options.appId}`;
  const tokenEndpoint = options.mode === 'classic' ? 'cgi-bin/token' : 'cgi-bin/stable_token';
  let inFlight: Promise<string> | null = null;

  const usable = (token: StoredAccessToken | undefined, rejected?: string): token is StoredAccessToken =>
    token !== undefined && token.expiresAt > now() && token.accessToken !== rejected;

  async function fetchToken(deadline: number): Promise<StoredAccessToken> {
    const classic = options.mode === 'classic';
    const endpoint = tokenEndpoint;
    const json = await requestWeChatJson(options.request, {
      endpoint,
      method: classic ? 'GET' : 'POST',
      deadline,
      ...(classic
        ? { query: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret } }
        : { body: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret, force_refresh: false } }),
    });
    if (errcodeOf(json) !== 0) throw new WeChatApiError(endpoint, errcodeOf(json), errmsgOf(json));
    const { access_token: accessToken, expires_in: expiresIn } = json;
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw new WeChatTransportError(endpoint, 'malformed-answer');
    }
    const lifetimeMs = expiresIn * 1000;
    return { accessToken, expiresAt: now() + lifetimeMs - Math.min(options.refreshMarginMs, lifetimeMs / 2) };
  }

  /**
   * Fetches under the store's lock when it has one: across instances one fetches while the others poll the
   * store for the token it stores. Under the lock the store is read again, so a token another holder stored
   * meanwhile is used, and a rejected one is replaced only while it is still the stored one.
   */
  async function fetchShared(rejected: string | undefined, deadline: number): Promise<string> {
    for (;;) {
      const release = store.lock ? await store.lock(`${key}:lock`, LOCK_TTL_MS) : async () => undefined;
      if (release) {
        try {
          // Someone may have stored a fresh token while this caller waited: use it rather than fetch.
          const current = await store.get(key);
          if (usable(current, rejected)) return current.accessToken;
          const fresh = await fetchToken(deadline);
          await store.set(key, fresh);
          return fresh.accessToken;
        } finally {
          await release();
        }
      }
      if (Date.now() + LOCK_POLL_MS >= deadline) throw new WeChatTransportError(tokenEndpoint, 'timeout');
      await options.request.sleep(LOCK_POLL_MS);
      const current = await store.get(key);
      if (usable(current, rejected)) return current.accessToken;
    }
  }

  function refresh(deadline: number, rejected?: string): Promise<string> {
    inFlight ??= fetchShared(rejected, deadline).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    async get(deadline) {
      if (inFlight) return inFlight;
      const current = await store.get(key);
      return usable(current) ? current.accessToken : refresh(deadline);
    },
    async replace(rejected, deadline) {
      const current = await store.get(key);
      if (usable(current, rejected)) return current.accessToken;
      return refresh(deadline, rejected);
    },
  };
}
