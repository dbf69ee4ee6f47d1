/** The demo backend started in process, as the preview launcher does. */
import { createMockCredential, type MockWeChatServer } from 'taro-face-verify/server';
import { DemoConfigError, startDemoServer, type DemoServer } from '../../scripts/demo-server-lib';
import { USER } from './helpers';

const PREVIEW = 'http://localhost:10086';
let server: DemoServer;
let wechat: MockWeChatServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await startDemoServer({ port: 0, env: {}, log: (line) => void lines.push(line) });
  wechat = server.wechat as MockWeChatServer;
});
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PREVIEW },
    body: JSON.stringify(body),
  });

describe('demo server', () => {
  it('runs on the stand-in when no WeChat credentials are set', async () => {
    expect(server.mode).toBe('mock');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true, mode: 'mock' });
  });

  it('form flow: checks verdict, freshness and replay (the typed identity cannot be known)', async () => {
    const credential = createMockCredential({ name: '任意', idCardNumber: '110105194912310029' });
    expect(await (await post('/api/face/verify', { verify_result: credential })).json()).toMatchObject({ ok: true });
    expect(await (await post('/api/face/verify', { verify_result: credential })).json()).toMatchObject({ ok: false, code: 'replayed' });
    const failed = createMockCredential({ ...USER, ret: 10004 });
    expect(await (await post('/api/face/verify', { verify_result: failed })).json()).toMatchObject({ ok: false, code: 10004 });
    const stale = createMockCredential({ ...USER, time: Math.floor(Date.now() / 1000) - 3600 });
    expect(await (await post('/api/face/verify', { verify_result: stale })).json()).toMatchObject({ ok: false, code: 'stale' });
  });

  it('ticket flows (v1 and v2) are checked against the demo user', async () => {
    const v1 = (await (await post('/api/face/ticket', { protocol: 'v1' })).json()) as { userIdKey: string };
    expect(
      await (await post('/api/face/verify', { verify_result: createMockCredential({ userIdKey: v1.userIdKey }) })).json(),
    ).toMatchObject({ ok: true, protocol: 'v1' });
    const v2 = (await (await post('/api/face/ticket', { protocol: 'v2' })).json()) as { verifyId: string; outSeqNo: string };
    expect(await (await post('/api/face/verify', { verify_id: v2.verifyId, out_seq_no: v2.outSeqNo })).json()).toMatchObject({
      ok: true,
      protocol: 'v2',
    });
  });

  it('v2 in the preview: the mock driver’s reported capture outcome reaches queryverifyinfo', async () => {
    const { createFaceVerify, createFetchHttp } = await import('taro-face-verify');
    const { createMockDriver } = await import('taro-face-verify/mock');
    const report = (outcome: { verifyId: string; verifyRet: number }) =>
      post('/api/mock/v2-capture', { verify_id: outcome.verifyId, verify_ret: outcome.verifyRet }).then((r) => expect(r.status).toBe(200));
    const run = async (scenario: 'success' | 'face-mismatch') => {
      const driver = createMockDriver({ scenario, onV2Capture: report });
      const flow = createFaceVerify({
        driver,
        http: createFetchHttp((url, init) => fetch(url, { ...init, headers: { ...(init?.headers as object), origin: PREVIEW } })),
        protocol: 'v2',
        endpoint: `${server.url}/api/face/verify`,
        ticketEndpoint: `${server.url}/api/face/ticket`,
        retries: 0,
      });
      await flow.getState().start();
      return flow.getState();
    };
    expect(await run('success')).toMatchObject({ status: 'success', result: { ok: true, protocol: 'v2' } });
    expect(await run('face-mismatch')).toMatchObject({ status: 'failed', error: { kind: 'backend', code: 10004 } });
    expect((await post('/api/mock/v2-capture', { verify_id: 'unknown', verify_ret: 10000 })).status).toBe(400);
    expect((await post('/api/mock/v2-capture', { verify_id: 'x' })).status).toBe(400);
  });

  it('serves Alipay beside WeChat: a certify id for the demo user, its capture report, the verdict once', async () => {
    const issue = async () => {
      const answer = await post('/api/face/ticket', { platform: 'alipay' });
      expect(answer.status).toBe(200);
      return (await answer.json()) as { certifyId: string; url: string; expiresIn: number };
    };
    const report = (certifyId: string, passed: boolean) => post('/api/mock/alipay-capture', { certify_id: certifyId, passed });
    const passed = await issue();
    expect(passed.url).toContain(server.alipay?.gateway);
    const reported = await report(passed.certifyId, true);
    expect(reported.status).toBe(200);
    expect(reported.headers.get('access-control-allow-origin')).toBe(PREVIEW);
    expect(await (await post('/api/face/verify', { certify_id: passed.certifyId })).json()).toMatchObject({ ok: true, platform: 'alipay' });
    expect(await (await post('/api/face/verify', { certify_id: passed.certifyId })).json()).toMatchObject({ ok: false, code: 'replayed' });
    const failed = await issue();
    await report(failed.certifyId, false);
    expect(await (await post('/api/face/verify', { certify_id: failed.certifyId })).json()).toMatchObject({
      ok: false,
      code: 'not_passed',
    });
    expect(await (await post('/api/face/verify', { certify_id: 'never-issued' })).json()).toMatchObject({
      ok: false,
      code: 'unknown_ticket',
    });
    expect((await report('unknown', true)).status).toBe(400);
    expect((await post('/api/mock/alipay-capture', { certify_id: 'x' })).status).toBe(400);
    expect((await fetch(`${server.url}/api/mock/alipay-capture`)).status).toBe(405);
  });

  it('serves Tencent FaceID beside WeChat: a BizToken whose page sends the browser back to the preview, the verdict once', async () => {
    const answer = await post('/api/face/ticket', { platform: 'tencent' });
    expect(answer.status).toBe(200);
    const { bizToken, url } = (await answer.json()) as { bizToken: string; url: string };
    expect(url).toBe(server.tencent?.verifyUrl(bizToken));
    // The stand-in's page: its "pass" button ends the verification and redirects to the preview with the token.
    const page = await fetch(`${url}&scenario=pass`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    const back = page.headers.get('location') ?? '';
    expect(back.startsWith('http://127.0.0.1:10086/#/pages/face-verify/index?platform=tencent')).toBe(true);
    expect(new URLSearchParams(back.split('?')[1]).get('token')).toBe(bizToken);
    const payload = { platform: 'tencent', biz_token: bizToken };
    expect(await (await post('/api/face/verify', payload)).json()).toMatchObject({ ok: true, platform: 'tencent' });
    expect(await (await post('/api/face/verify', payload)).json()).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('answers CORS for the preview origin only', async () => {
    const preflight = await fetch(`${server.url}/api/face/verify`, {
      method: 'OPTIONS',
      headers: { origin: PREVIEW, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PREVIEW);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const answer = await post('/api/face/verify', { verify_result: 'x' });
    expect(answer.headers.get('access-control-allow-origin')).toBe(PREVIEW);
    const foreign = await fetch(`${server.url}/api/health`, { headers: { origin: 'http://evil.test' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('receives the stand-in pushes, and answers 404 JSON elsewhere', async () => {
    const event = wechat.faceIdentifyEvent({ outSeqNo: 'demo-seq', verifyResult: createMockCredential({ ...USER }) });
    expect(await wechat.push(`${server.url}/api/wechat/push`, event, { encrypt: true })).toEqual({ status: 200, body: 'success' });
    const missing = await fetch(`${server.url}/api/nothing/张三`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('logs method, path, status and duration, and one JSON audit record per handler request: never a name, ID number, credential or token', async () => {
    const credential = createMockCredential({ ...USER });
    await post('/api/face/verify', { verify_result: credential });
    expect(lines.length).toBeGreaterThan(5);
    const audit = lines.filter((line) => line.startsWith('{'));
    for (const line of lines.filter((one) => !one.startsWith('{'))) {
      expect(line).toMatch(/^(GET|POST|OPTIONS) (\/api\/[a-z0-9/-]+|\(other path\)) \d{3} \d+ms$|^push face_identify received$/);
    }
    const handled = lines.filter((line) => /^POST \/api\/(face\/(verify|ticket)|wechat\/push) /.test(line));
    expect(audit).toHaveLength(handled.length);
    for (const line of audit) {
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(
        Object.keys(record).every((key) =>
          [
            'level',
            'msg',
            'name',
            'time',
            'platform',
            'protocol',
            'outcome',
            'code',
            'status',
            'durationMs',
            'requestId',
            'instance',
            'subject',
          ].includes(key),
        ),
      ).toBe(true);
      expect(record).toMatchObject({ msg: 'face_verify.audit', name: expect.stringMatching(/^face_verify\.(verify|ticket|push)$/) });
    }
    const all = lines.join('\n');
    for (const secret of [USER.name, USER.idCardNumber, credential, 'mock-token', 'mock-uik', '张三']) expect(all).not.toContain(secret);
    const { certifyId } = (await (await post('/api/face/ticket', { platform: 'alipay' })).json()) as { certifyId: string };
    await post('/api/face/verify', { certify_id: certifyId });
    expect(lines.join('\n')).not.toContain(certifyId);
  });
});

describe('demo server configuration', () => {
  it.each([
    [{ WECHAT_APPID: 'wx1' }, /WECHAT_SECRET/],
    [{ WECHAT_SECRET: 's' }, /WECHAT_APPID/],
    [{ WECHAT_AES_KEY: 'not-a-key' }, /WECHAT_AES_KEY/],
    [{ WECHAT_TOKEN_MODE: 'weird' }, /WECHAT_TOKEN_MODE/],
    [{ REDIS_URL: 'redis://127.0.0.1:1' }, /REDIS_URL is set but Redis does not answer/],
  ])('refuses %p at start with a clear message', async (env, message) => {
    const failure = await startDemoServer({ port: 0, env, log: () => undefined }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DemoConfigError);
    expect(String((failure as Error).message)).toMatch(message);
  });

  it('reports a port in use', async () => {
    const failure = await startDemoServer({ port: server.port, env: {}, log: () => undefined }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DemoConfigError);
    expect(String((failure as Error).message)).toMatch(/in use/);
  });

  it('uses WeChat (here: a WeChat-compatible base URL) when WECHAT_APPID and WECHAT_SECRET are set', async () => {
    const real = await startDemoServer({
      port: 0,
      log: () => undefined,
      env: {
        WECHAT_APPID: wechat.appId,
        WECHAT_SECRET: wechat.appSecret,
        WECHAT_API_BASE_URL: wechat.url,
        DEMO_USER_OPENID: wechat.openid,
      },
    });
    try {
      expect(real.mode).toBe('wechat');
      expect(real.wechat).toBeUndefined();
      const credential = createMockCredential({ ...USER });
      const answer = await fetch(`${real.url}/api/face/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verify_result: credential }),
      });
      expect(await answer.json()).toMatchObject({ ok: true });
      expect((await fetch(`${real.url}/api/wechat/push`, { method: 'POST', body: '' })).status).toBe(503);
      // No stand-in beside real credentials: the Alipay stand-in would pass whoever reports a capture to it.
      expect(real.alipay).toBeUndefined();
      const post = (path: string, body: unknown) =>
        fetch(`${real.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ticket = await post('/api/face/ticket', { platform: 'alipay' });
      expect(ticket.status).toBe(400);
      expect(await ticket.json()).toMatchObject({ ok: false, code: 'alipay_not_configured' });
      expect(await (await post('/api/face/verify', { certify_id: 'any' })).json()).toMatchObject({
        ok: false,
        code: 'alipay_not_configured',
      });
      expect(real.tencent).toBeUndefined();
      expect(await (await post('/api/face/ticket', { platform: 'tencent' })).json()).toMatchObject({ code: 'tencent_not_configured' });
      expect((await post('/api/mock/alipay-capture', { certify_id: 'any', passed: true })).status).toBe(404);
      expect((await post('/api/mock/v2-capture', { verify_id: 'any', verify_ret: 0 })).status).toBe(404);
    } finally {
      await real.close();
    }
  });
});
