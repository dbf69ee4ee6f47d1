import { createMemoryTokenStore, createWeChatApi, WeChatApiError, WeChatTransportError, type TokenStore } from 'taro-face-verify/server';

type Reply = Record<string, unknown> | Error | ((request: Request) => Record<string, unknown> | Promise<Record<string, unknown>>);

/** A scripted WeChat: counts token fetches, records the tokens face calls use, answers from the script. */
function fakeWeChat(faceReply: (token: string, call: number) => Reply = () => ({ errcode: 0, errmsg: 'ok', identify_ret: 0 })) {
  let issued = 0;
  let faceCalls = 0;
  const usedTokens: string[] = [];
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request);
    const url = new URL(request.url);
    await new Promise((resolve) => setTimeout(resolve, 1)); // let concurrent callers pile up
    let reply: Reply;
    if (url.pathname.endsWith('stable_token') || url.pathname.endsWith('cgi-bin/token')) {
      issued++;
      reply = { access_token: `token-${issued}`, expires_in: 7200 };
    } else {
      const token = url.searchParams.get('access_token') ?? '';
      usedTokens.push(token);
      reply = faceReply(token, faceCalls++);
    }
    if (typeof reply === 'function') reply = await reply(request);
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, usedTokens, requests, tokensIssued: () => issued };
}

function apiOn(wechat: ReturnType<typeof fakeWeChat>, extra: Partial<Parameters<typeof createWeChatApi>[0]> = {}) {
  const sleeps: number[] = [];
  const api = createWeChatApi({
    appId: 'wxapp',
    appSecret: 'secret',
    fetch: wechat.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
  return { api, sleeps };
}

describe('access token', () => {
  it('fetches one token for 100 concurrent calls (single flight) and reuses it', async () => {
    const wechat = fakeWeChat();
    const { api } = apiOn(wechat);
    await Promise.all(Array.from({ length: 100 }, () => api.getVerifyInfo('vr')));
    await api.getVerifyInfo('vr');
    expect(wechat.tokensIssued()).toBe(1);
    expect(new Set(wechat.usedTokens)).toEqual(new Set(['token-1']));
  });

  it('uses stable_token by default (POST, JSON body) and cgi-bin/token in classic mode', async () => {
    const stable = fakeWeChat();
    await apiOn(stable).api.getAccessToken();
    const first = stable.requests[0];
    expect(first?.method).toBe('POST');
    expect(new URL(first?.url ?? '').pathname).toBe('/cgi-bin/stable_token');
    expect(await first?.clone().json()).toEqual({
      grant_type: 'client_credential',
      appid: 'wxapp',
      secret: 'secret',
      force_refresh: false,
    });

    const classic = fakeWeChat();
    await apiOn(classic, { tokenMode: 'classic' }).api.getAccessToken();
    const url = new URL(classic.requests[0]?.url ?? '');
    expect([classic.requests[0]?.method, url.pathname, url.searchParams.get('grant_type')]).toEqual([
      'GET',
      '/cgi-bin/token',
      'client_credential',
    ]);
  });

  it('refetches shortly before expiry, with an injected clock', async () => {
    let now = 1_000_000;
    const wechat = fakeWeChat();
    const { api } = apiOn(wechat, { now: () => now });
    expect(await api.getAccessToken()).toBe('token-1');
    now += (7200 - 301) * 1000;
    expect(await api.getAccessToken()).toBe('token-1');
    now += 2000; // inside the 5-minute margin
    expect(await api.getAccessToken()).toBe('token-2');
  });

  it('when the token expires mid-run, 100 concurrent calls refetch it once and each retries once', async () => {
    const wechat = fakeWeChat((token) =>
      token === 'token-1' ? { errcode: 42001, errmsg: 'access_token expired' } : { errcode: 0, errmsg: 'ok', identify_ret: 0 },
    );
    const { api } = apiOn(wechat);
    await api.getAccessToken();
    const results = await Promise.all(Array.from({ length: 100 }, () => api.getVerifyInfo('vr')));
    expect(results.every((info) => info.errcode === 0)).toBe(true);
    expect(wechat.tokensIssued()).toBe(2);
    expect(wechat.usedTokens.filter((t) => t === 'token-1')).toHaveLength(100);
    expect(wechat.usedTokens.filter((t) => t === 'token-2')).toHaveLength(100);
  });

  it.each([40001, 40014, 42001])('retries once on %i, then surfaces the error', async (errcode) => {
    const wechat = fakeWeChat(() => ({ errcode, errmsg: 'bad token' }));
    const { api } = apiOn(wechat);
    await expect(api.getVerifyInfo('vr')).rejects.toMatchObject({ name: 'WeChatApiError', errcode });
    expect(wechat.usedTokens).toEqual(['token-1', 'token-2']);
  });

  it('on 40001 for a token that is no longer the cached one, keeps the cached token and retries with it', async () => {
    const tokenStore: TokenStore = createMemoryTokenStore();
    const wechat = fakeWeChat((token) => {
      if (token !== 'stale-token') return { errcode: 0, errmsg: 'ok', identify_ret: 0 };
      // Meanwhile another instance stored a fresh token.
      return async () => {
        await tokenStore.set('taro-face-verify:access-token:stable:wxapp', {
          accessToken: 'fresh-from-elsewhere',
          expiresAt: Date.now() + 3_600_000,
        });
        return { errcode: 40001, errmsg: 'invalid credential' };
      };
    });
    await tokenStore.set('taro-face-verify:access-token:stable:wxapp', { accessToken: 'stale-token', expiresAt: Date.now() + 3_600_000 });
    const { api } = apiOn(wechat, { tokenStore });
    await api.getVerifyInfo('vr');
    expect(wechat.usedTokens).toEqual(['stale-token', 'fresh-from-elsewhere']);
    expect(wechat.tokensIssued()).toBe(0);
    expect((await tokenStore.get('taro-face-verify:access-token:stable:wxapp'))?.accessToken).toBe('fresh-from-elsewhere');
  });

  it('shares the token through the store between two clients', async () => {
    const tokenStore = createMemoryTokenStore();
    const wechat = fakeWeChat();
    await apiOn(wechat, { tokenStore }).api.getVerifyInfo('vr');
    await apiOn(wechat, { tokenStore }).api.getVerifyInfo('vr');
    expect(wechat.tokensIssued()).toBe(1);
  });
});

describe('busy and network failures', () => {
  it('backs off on -1 and succeeds within the retry budget', async () => {
    const wechat = fakeWeChat((_token, call) =>
      call < 2 ? { errcode: -1, errmsg: 'system error' } : { errcode: 0, errmsg: 'ok', identify_ret: 0 },
    );
    const { api, sleeps } = apiOn(wechat);
    expect((await api.getVerifyInfo('vr')).errcode).toBe(0);
    expect(sleeps).toEqual([200, 400]);
  });

  it('gives up after the bounded retries with WeChatApiError -1', async () => {
    const wechat = fakeWeChat(() => ({ errcode: -1, errmsg: 'system error' }));
    const { api, sleeps } = apiOn(wechat, { retry: { retries: 2 } });
    await expect(api.getVerifyInfo('vr')).rejects.toMatchObject({ errcode: -1 });
    expect(sleeps).toEqual([200, 400]);
    expect(wechat.usedTokens).toHaveLength(3);
  });

  it('retries network errors, then throws WeChatTransportError without the token or URL in its message', async () => {
    const wechat = fakeWeChat(() => new TypeError('fetch failed'));
    const { api, sleeps } = apiOn(wechat);
    const error = await api.getVerifyInfo('vr').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatTransportError);
    expect(error).toMatchObject({ failure: 'network', endpoint: 'cityservice/face/identify/getinfo' });
    expect(String((error as Error).message)).not.toMatch(/token-1|access_token|vr/);
    expect(sleeps).toEqual([200, 400, 800]);
  });

  it('reports a non-JSON answer as malformed without echoing it', async () => {
    const api = createWeChatApi({
      appId: 'a',
      appSecret: 's',
      sleep: async () => undefined,
      fetch: async (input) =>
        String(input).includes('token') ? Response.json({ access_token: 't', expires_in: 7200 }) : new Response('<html>secret-ish</html>'),
    });
    const error = await api.getVerifyInfo('vr').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'malformed-answer' });
    expect(String(error)).not.toContain('secret-ish');
  });

  it('surfaces other errcodes at once as WeChatApiError carrying code and errmsg, without identity in the message', async () => {
    const wechat = fakeWeChat(() => ({ errcode: 84002, errmsg: 'user info expired' }));
    const { api, sleeps } = apiOn(wechat);
    const error = await api.getUserIdKey({ name: '张三', idCardNumber: '11010519491231002X' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 84002, errmsg: 'user info expired' });
    expect(String((error as Error).message)).not.toMatch(/张三|11010519491231002X|token-1/);
    expect(sleeps).toEqual([]);
  });

  it('surfaces a bad secret from the token endpoint', async () => {
    const api = createWeChatApi({
      appId: 'a',
      appSecret: 'wrong',
      sleep: async () => undefined,
      fetch: async () => Response.json({ errcode: 40125, errmsg: 'invalid appsecret' }),
    });
    await expect(api.getAccessToken()).rejects.toMatchObject({ errcode: 40125, endpoint: 'cgi-bin/stable_token' });
  });
});
