/**
 * The access token: fetched from `cgi-bin/stable_token` (default) or `cgi-bin/token`, kept in a
 * {@link TokenStore} until shortly before it expires, and fetched by one call at a time in this process
 * however many callers wait for it (single flight).
 */
import { WeChatApiError, WeChatTransportError } from './errors';
import type { StoredAccessToken, TokenStore } from './token-store';
import { errcodeOf, errmsgOf, requestWeChatJson, type WeChatRequestContext } from './wechat-request';

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
  /** A token believed valid now. */
  get(): Promise<string>;
  /**
   * WeChat rejected `rejected`: forget it, but only if it is still the stored one (another caller or
   * another instance may already have replaced it), and return the token to retry with.
   */
  replace(rejected: string): Promise<string>;
}

export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const { store, now } = options;
  const key = `taro-face-verify:access-token:${options.mode}:${options.appId}`;
  let inFlight: Promise<string> | null = null;

  const usable = (token: StoredAccessToken | undefined, rejected?: string): token is StoredAccessToken =>
    token !== undefined && token.expiresAt > now() && token.accessToken !== rejected;

  async function fetchToken(): Promise<StoredAccessToken> {
    const classic = options.mode === 'classic';
    const endpoint = classic ? 'cgi-bin/token' : 'cgi-bin/stable_token';
    const json = await requestWeChatJson(options.request, {
      endpoint,
      method: classic ? 'GET' : 'POST',
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

  function refresh(rejected?: string): Promise<string> {
    inFlight ??= (async () => {
      try {
        // Someone may have stored a fresh token while this caller waited: use it rather than fetch.
        const current = await store.get(key);
        if (usable(current, rejected)) return current.accessToken;
        const fresh = await fetchToken();
        await store.set(key, fresh);
        return fresh.accessToken;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  return {
    async get() {
      if (inFlight) return inFlight;
      const current = await store.get(key);
      return usable(current) ? current.accessToken : refresh();
    },
    async replace(rejected) {
      const current = await store.get(key);
      if (current?.accessToken === rejected) await store.delete(key);
      else if (usable(current, rejected)) return current.accessToken;
      return refresh(rejected);
    },
  };
}
