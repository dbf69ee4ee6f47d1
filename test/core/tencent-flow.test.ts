/**
 * The flow on the Tencent Cloud FaceID H5 driver over a fake browser: start → ticket → leave for Tencent's page;
 * a new load of the redirect URL resumes by itself and submits `{ platform: 'tencent', biz_token }` with the
 * Idempotency-Key saved before leaving. Every way back that cannot be trusted ends on a clear failure.
 */
import {
  createFaceVerify,
  createTencentFaceIdDriver,
  IDEMPOTENCY_KEY_HEADER,
  TENCENT_ERROR_WORDS,
  type VerifyVerdict,
} from 'taro-face-verify';
import { fakeBrowser, fakeTencentBackend, manualClock, type FakeBrowser } from './tencent-support';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const PAGE = 'https://app.example/#/pages/face-verify/index?platform=tencent';
const PENDING_KEY = 'taro-face-verify:tencent-pending';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function flowOn(browser: FakeBrowser, server: ReturnType<typeof fakeTencentBackend>, clock = manualClock(), extra = {}) {
  return createFaceVerify({
    driver: createTencentFaceIdDriver({ browser, clock }),
    http: server.http,
    ticketEndpoint: server.ticketEndpoint,
    endpoint: server.endpoint,
    retries: 0,
    clock,
    ...extra,
  });
}

/** Starts on the page and waits until the driver has sent the browser to Tencent's page. */
async function leaveForTencent(browser: FakeBrowser, server: ReturnType<typeof fakeTencentBackend>, clock = manualClock()) {
  const flow = flowOn(browser, server, clock);
  void flow.getState().start(PERSON);
  for (let i = 0; i < 50 && browser.visits.length === 0; i++) await settle();
  expect(browser.visits).toHaveLength(1);
  return flow;
}

const bizTokenOf = (server: ReturnType<typeof fakeTencentBackend>) => server.tokens[0] ?? 'none';

describe('the flow on the Tencent Cloud FaceID driver', () => {
  it('leaves for the ticket URL with nothing personal stored, and never reports the capture as a success', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    const flow = await leaveForTencent(browser, server);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ platform: 'tencent', ...PERSON });
    expect(browser.visits).toEqual(['https://faceid.example/verify?ref=1']);
    await settle();
    expect(flow.getState().status).toBe('capturing');
    expect(server.posted()).toHaveLength(0);

    const stored = [...browser.saved.values()].join('\n');
    expect(Object.keys(JSON.parse(browser.saved.get(PENDING_KEY) ?? '{}')).sort()).toEqual(['at', 'key', 'token', 'v']);
    for (const secret of [PERSON.name, PERSON.idCardNumber, bizTokenOf(server)]) expect(stored).not.toContain(secret);
  });

  it('back on the redirect URL with the token: submits by itself with the saved key, then forgets the token', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    await leaveForTencent(browser, server);
    const savedKey = (JSON.parse(browser.saved.get(PENDING_KEY) ?? '{}') as { key: string }).key;

    browser.load(`${PAGE}&token=${bizTokenOf(server)}`);
    const back = flowOn(browser, server);
    await expect(back.getState().resume()).resolves.toBe(true);

    expect(back.getState()).toMatchObject({ status: 'success', error: null, result: { ok: true } });
    const [post] = server.posted();
    expect(JSON.parse(post?.body ?? '')).toEqual({ platform: 'tencent', biz_token: bizTokenOf(server) });
    expect(post?.headers[IDEMPOTENCY_KEY_HEADER]).toBe(savedKey);
    expect(browser.href()).toBe(PAGE);
    expect(browser.saved.has(PENDING_KEY)).toBe(false);

    // A reload of the cleaned address (or the back button to it) submits nothing again.
    const reloaded = flowOn(browser, server);
    await reloaded.getState().probe();
    await expect(reloaded.getState().resume()).resolves.toBe(false);
    expect(reloaded.getState().status).toBe('ready');
    expect(server.posted()).toHaveLength(1);
  });

  it('the event stream marks the resumed run and carries no token', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    await leaveForTencent(browser, server);
    browser.load(`${PAGE}&token=${bizTokenOf(server)}`);
    const events: Array<{ name: string; attributes: Record<string, unknown> }> = [];
    const back = flowOn(browser, server, manualClock(), { onEvent: (event: (typeof events)[number]) => events.push(event) });
    await back.getState().resume();
    expect(events.find((event) => event.name === 'face_verify.flow.started')?.attributes).toMatchObject({
      resumed: true,
      platform: 'tencent',
    });
    expect(events.find((event) => event.name === 'face_verify.flow.finished')?.attributes).toMatchObject({ status: 'success' });
    expect(JSON.stringify(events)).not.toContain(bizTokenOf(server));
  });

  it('reads the token from the search too, and under the name BizToken', async () => {
    const browser = fakeBrowser('https://app.example/verify?from=home');
    const server = fakeTencentBackend();
    await leaveForTencent(browser, server);
    browser.load(`https://app.example/verify?from=home&BizToken=${bizTokenOf(server)}`);
    await expect(flowOn(browser, server).getState().resume()).resolves.toBe(true);
    expect(browser.href()).toBe('https://app.example/verify?from=home');
  });

  it('a submission that failed is retried with the same Idempotency-Key', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend(['unreachable', { ok: true }]);
    await leaveForTencent(browser, server);
    browser.load(`${PAGE}&token=${bizTokenOf(server)}`);
    const back = flowOn(browser, server);
    await back.getState().resume();
    expect(back.getState()).toMatchObject({ status: 'failed', step: 'submit', error: { retryable: true } });

    await back.getState().retry();
    expect(back.getState().status).toBe('success');
    const keys = server.posted().map((post) => post.headers[IDEMPOTENCY_KEY_HEADER]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it.each([
    ['2016 (similarity)', 2016, 'faceMismatch'],
    ['15 (expired)', 15, 'expired'],
    ['2006 (name / ID mismatch)', 2006, 'identityMismatch'],
  ] as const)('a verdict %s after the return: its message, and the page starts over (nothing to capture with)', async (_, code, key) => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend([{ ok: false, code, message: 'not passed' } as VerifyVerdict]);
    await leaveForTencent(browser, server);
    browser.load(`${PAGE}&token=${bizTokenOf(server)}`);
    const back = flowOn(browser, server);
    await back.getState().resume();
    expect(back.getState()).toMatchObject({
      status: 'failed',
      error: { code, kind: 'backend', message: TENCENT_ERROR_WORDS[key]['zh-CN'], retryable: false },
    });
    await back.getState().retry();
    expect(server.posted()).toHaveLength(1);
  });

  it('back without a token while a capture was pending: cancelled, "not finished", nothing posted, the record gone', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    await leaveForTencent(browser, server);
    const back = flowOn(browser, server, manualClock(), { locale: 'en' });
    await expect(back.getState().resume()).resolves.toBe(false);
    expect(back.getState()).toMatchObject({
      status: 'cancelled',
      error: { message: TENCENT_ERROR_WORDS.notFinished.en, retryable: false },
    });
    expect(server.posted()).toHaveLength(0);
    expect(browser.saved.has(PENDING_KEY)).toBe(false);
    // The way on: start over from the form.
    back.getState().reset();
    expect(back.getState()).toMatchObject({ status: 'ready', error: null });
  });

  it('a token older than 7,200 s is a stale link', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    const clock = manualClock();
    await leaveForTencent(browser, server, clock);
    browser.load(`${PAGE}&token=${bizTokenOf(server)}`);
    clock.set(clock.now() + 7201 * 1000);
    const back = flowOn(browser, server, clock);
    await back.getState().resume();
    expect(back.getState()).toMatchObject({
      status: 'failed',
      error: { message: TENCENT_ERROR_WORDS.staleLink['zh-CN'], retryable: false },
    });
    expect(server.posted()).toHaveLength(0);
    expect(browser.href()).toBe(PAGE);
  });

  it('a token this tab did not leave with is a stale link', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    await leaveForTencent(browser, server);
    browser.load(`${PAGE}&token=someone-elses-token`);
    const back = flowOn(browser, server);
    await back.getState().resume();
    expect(back.getState().error?.message).toBe(TENCENT_ERROR_WORDS.staleLink['zh-CN']);
    expect(server.posted()).toHaveLength(0);
  });

  it('a token on a fresh visit (no pending record) is a stale link, and the address loses it', async () => {
    const browser = fakeBrowser(`${PAGE}&token=biz-from-a-shared-link`);
    const server = fakeTencentBackend();
    const flow = flowOn(browser, server);
    await flow.getState().resume();
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { message: TENCENT_ERROR_WORDS.staleLink['zh-CN'] } });
    expect(browser.replaced).toEqual([PAGE]);
    expect(server.posted()).toHaveLength(0);
  });

  it('an ordinary visit resumes nothing', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    const flow = flowOn(browser, server);
    await flow.getState().probe();
    await expect(flow.getState().resume()).resolves.toBe(false);
    expect(flow.getState().status).toBe('ready');
    expect(browser.replaced).toEqual([]);
  });

  it('shown again from the back-forward cache: the capture ends unfinished instead of hanging', async () => {
    const browser = fakeBrowser(PAGE);
    const server = fakeTencentBackend();
    const flow = await leaveForTencent(browser, server);
    browser.restore();
    await settle();
    expect(flow.getState()).toMatchObject({
      status: 'cancelled',
      error: { message: TENCENT_ERROR_WORDS.notFinished['zh-CN'], retryable: false },
    });
    expect(browser.saved.has(PENDING_KEY)).toBe(false);
  });

  it('on a mini-program (no browser): unsupported with a clear message, never a crash', async () => {
    const server = fakeTencentBackend();
    const flow = createFaceVerify({ driver: createTencentFaceIdDriver({ browser: null }), http: server.http, endpoint: server.endpoint });
    const support = await flow.getState().probe();
    expect(support).toMatchObject({ supported: false, problems: [{ code: 'unsupported-platform', blocking: true }] });
    expect(support.problems[0]?.message).toBe(TENCENT_ERROR_WORDS.notBrowser['zh-CN']);
    await flow.getState().start(PERSON);
    await expect(flow.getState().resume()).resolves.toBe(false);
    expect(flow.getState().status).toBe('unsupported');
    expect(server.requests).toHaveLength(0);
  });
});
