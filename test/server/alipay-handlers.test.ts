/**
 * The ticket and verify handlers serving Alipay: the real alipay-sdk against the Alipay stand-in over loopback,
 * on the in-memory stores and on a real Redis. Two sessions, `me` and `other`, each with its own person.
 */
import {
  createAlipayApi,
  createMemoryOnceStore,
  createMemoryTicketStore,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  startMockAlipay,
  type AlipayApi,
  type MockAlipayServer,
  type OnceStore,
  type TicketStore,
  type VerifyExpectation,
} from 'taro-face-verify/server';
import { sdkFor } from '../alipay/helpers';
import { answerOf, OTHER, postJson, USER } from './helpers';
import { redisForThisFile } from './redis-server';

jest.setTimeout(30_000);

const redis = redisForThisFile();
let mock: MockAlipayServer;
let alipay: AlipayApi;

beforeAll(async () => {
  mock = await startMockAlipay();
  alipay = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
});
afterAll(() => mock.close());
afterEach(() => mock.setScenario('passed'));

const SESSIONS = {
  me: { ...USER, openid: 'uMe' },
  other: { ...OTHER, openid: 'uOther' },
} as const;
type Session = keyof typeof SESSIONS;
const sessionOf = (request: Request) => SESSIONS[(request.headers.get('x-session') ?? '') as Session] ?? null;

/** The documented setups: how `expect` binds the result to the session. */
const BY_IDENTITY = (request: Request): VerifyExpectation | null => {
  const user = sessionOf(request);
  return user && { name: user.name, idCardNumber: user.idCardNumber };
};

type StoreKind = 'in-memory' | 'Redis';
const KINDS: StoreKind[] = ['in-memory', 'Redis'];

function storesFor(kind: StoreKind): { tickets: TicketStore; replayStore: OnceStore } {
  if (kind === 'Redis') return createRedisStores({ client: redis.client(), prefix: `${Math.random()}:` });
  return { tickets: createMemoryTicketStore(), replayStore: createMemoryOnceStore() };
}

interface WireOptions {
  expect?: (request: Request) => VerifyExpectation | null;
  allowTypedIdentity?: boolean;
  now?: () => number;
  maxAgeSeconds?: number;
}

function wire(kind: StoreKind, options: WireOptions = {}) {
  const stores = storesFor(kind);
  const errors: unknown[] = [];
  const onError = (error: unknown) => void errors.push(error);
  const now = options.now ?? Date.now;
  const ticket = createTicketHandler({
    alipay,
    identity: (request) => {
      const user = sessionOf(request);
      return user && options.allowTypedIdentity ? { openid: user.openid } : user;
    },
    tickets: stores.tickets,
    allowTypedIdentity: options.allowTypedIdentity ?? false,
    now,
    onError,
  });
  /** A verify handler on the same stores (a second one is a second instance of the backend). */
  const verifier = (api: Pick<AlipayApi, 'query'> = alipay) =>
    createVerifyHandler({
      alipay: api,
      tickets: stores.tickets,
      replayStore: stores.replayStore,
      expect: options.expect ?? BY_IDENTITY,
      now,
      onError,
      ...(options.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: options.maxAgeSeconds }),
    });
  const verify = verifier();
  const as = (session: Session, extra: Record<string, string> = {}) => ({ 'x-session': session, ...extra });
  return {
    errors,
    verifier,
    issue: async (session: Session, body: Record<string, unknown> = {}) =>
      answerOf(await ticket(postJson({ platform: 'alipay', ...body }, 'http://app.test/api/face/ticket', as(session)))),
    /** A ticket whose capture the simulated phone reported as `passed`. */
    captured: async (session: Session, passed = true, body: Record<string, unknown> = {}) => {
      const { body: answer } = await issue(session, body);
      expect(mock.reportCapture(String(answer.certifyId), passed)).toBe(true);
      return String(answer.certifyId);
    },
    submit: async (session: Session, certifyId: unknown, handler = verify, headers: Record<string, string> = {}) =>
      answerOf(await handler(postJson({ certify_id: certifyId }, undefined, as(session, headers)))),
  };

  async function issue(session: Session, body: Record<string, unknown> = {}) {
    return answerOf(await ticket(postJson({ platform: 'alipay', ...body }, 'http://app.test/api/face/ticket', as(session))));
  }
}

describe.each(KINDS)('Alipay through the handlers, on %s stores', (kind) => {
  it('issues { certifyId, url, expiresIn } and accepts a passed certification once', async () => {
    const app = wire(kind);
    const { status, body } = await app.issue('me');
    expect(status).toBe(200);
    expect(body).toEqual({ certifyId: expect.any(String), url: expect.stringContaining(mock.gateway), expiresIn: 600 });
    expect(String(body.url)).toContain('alipay.user.certify.open.certify');
    mock.reportCapture(String(body.certifyId), true);
    expect(await app.submit('me', body.certifyId)).toMatchObject({ status: 200, body: { ok: true, platform: 'alipay' } });
    expect(await app.submit('me', body.certifyId)).toMatchObject({ status: 200, body: { ok: false, code: 'replayed' } });
  });

  it('answers not_passed when Alipay says passed F (and does not accept it later)', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me', false);
    expect((await app.submit('me', certifyId)).body).toMatchObject({ ok: false, code: 'not_passed' });
    mock.reportCapture(certifyId, true);
    expect((await app.submit('me', certifyId)).body).toMatchObject({ ok: false, code: 'unknown_ticket' });
  });

  it('answers not_passed in the not-passed scenario', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    mock.setScenario('not-passed');
    expect((await app.submit('me', certifyId)).body).toMatchObject({ ok: false, code: 'not_passed' });
  });

  it('an expired certify id asks for a fresh one (unknown_ticket, a retryable verdict)', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    mock.setScenario('expired');
    expect(await app.submit('me', certifyId)).toMatchObject({ status: 200, body: { ok: false, code: 'unknown_ticket' } });
  });

  it('a badly signed answer is never trusted: 502 alipay_bad_signature', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    mock.setScenario('bad-signature');
    expect(await app.submit('me', certifyId)).toMatchObject({ status: 502, body: { ok: false, code: 'alipay_bad_signature' } });
    expect(app.errors.map((error) => (error as Error).name)).toEqual(['AlipaySignatureError']);
  });

  it('a signed "F" with an unsigned "T" node appended on the way is never trusted: 502 alipay_bad_signature', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me', false);
    mock.setScenario('appended-node');
    expect(await app.submit('me', certifyId)).toMatchObject({
      status: 502,
      body: { ok: false, code: 'alipay_bad_signature', failure: 'ambiguous' },
    });
  });

  it('a gateway error answers 502 alipay_error with its code, never the certify id', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    mock.setScenario('gateway-error');
    const answer = await app.submit('me', certifyId);
    expect(answer).toMatchObject({ status: 502, body: { ok: false, code: 'alipay_error', alipayCode: '20000' } });
    expect(JSON.stringify(answer.body)).not.toContain(certifyId);
    expect((await app.issue('me')).status).toBe(502);
    for (const error of app.errors)
      expect(String((error as Error).message)).not.toMatch(new RegExp(`${certifyId}|${USER.name}|${USER.idCardNumber}`));
  });

  it("refuses someone else's certify id, and leaves it to the user it was issued to", async () => {
    const app = wire(kind);
    const theirs = await app.captured('other');
    expect((await app.submit('me', theirs)).body).toMatchObject({ ok: false, code: 'unknown_ticket', problems: ['unknown_ticket'] });
    expect((await app.submit('other', theirs)).body).toMatchObject({ ok: true });
  });

  it('refuses a certify id it never issued, without asking Alipay', async () => {
    const app = wire(kind);
    const before = mock.calls.query ?? 0;
    expect((await app.submit('me', 'f'.repeat(32))).body).toMatchObject({ ok: false, code: 'unknown_ticket' });
    expect(mock.calls.query ?? 0).toBe(before);
  });

  it('refuses a replay on a second handler instance sharing the stores', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    const second = app.verifier();
    expect((await app.submit('me', certifyId)).body).toMatchObject({ ok: true });
    expect((await app.submit('me', certifyId, second)).body).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('of two concurrent posts of one certify id (two instances), exactly one is accepted', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    const answers = await Promise.all([app.submit('me', certifyId), app.submit('me', certifyId, app.verifier())]);
    expect(answers.filter((answer) => answer.body.ok === true)).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.code === 'replayed')).toHaveLength(1);
  });

  it('a retry with the same Idempotency-Key gets the same verdict; another key is a replay', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    const key = { 'idempotency-key': 'capture-1' };
    const first = await app.submit('me', certifyId, undefined, key);
    expect(first.body).toMatchObject({ ok: true });
    expect(await app.submit('me', certifyId, app.verifier(), key)).toEqual(first);
    expect((await app.submit('me', certifyId, undefined, { 'idempotency-key': 'capture-2' })).body).toMatchObject({ code: 'replayed' });
  });

  it('applies its own age limit from issue (stale), whatever Alipay says', async () => {
    let clock = Date.now();
    const app = wire(kind, { now: () => clock, maxAgeSeconds: 60 });
    const certifyId = await app.captured('me');
    clock += 61_000;
    expect((await app.submit('me', certifyId)).body).toMatchObject({ ok: false, code: 'stale' });
  });

  it('puts the certify id back when Alipay could not be asked at all', async () => {
    const app = wire(kind);
    const certifyId = await app.captured('me');
    const unreachable = createAlipayApi({ sdk: sdkFor(mock, { gateway: 'http://127.0.0.1:9/gateway.do' }), allowInsecureGateway: true });
    expect(await app.submit('me', certifyId, app.verifier(unreachable))).toMatchObject({
      status: 502,
      body: { code: 'alipay_unreachable', failure: 'network' },
    });
    expect((await app.submit('me', certifyId)).body).toMatchObject({ ok: true });
  });

  it('with allowTypedIdentity: binds the typed identity to the session; refuses it to anyone else', async () => {
    const byOpenid = (request: Request) => {
      const user = sessionOf(request);
      return user && { openid: user.openid };
    };
    const app = wire(kind, { allowTypedIdentity: true, expect: byOpenid });
    const typed = { name: '王五', idCardNumber: '110105194912310037' };
    const theirs = await app.captured('other', true, typed);
    expect((await app.submit('me', theirs)).body).toMatchObject({ ok: false, code: 'unknown_ticket', problems: ['unknown_ticket'] });
    const mine = await app.captured('me', true, typed);
    expect((await app.submit('me', mine)).body).toMatchObject({ ok: true });
    expect((await app.submit('me', mine)).body).toMatchObject({ ok: false, code: 'replayed' });
  });
});

describe('Alipay requests the handlers refuse', () => {
  it.each([
    ['a number as certify_id', { certify_id: 42 }, 400, 'invalid_certify_id'],
    ['an empty certify_id', { certify_id: '' }, 400, 'invalid_certify_id'],
    ['an overlong certify_id', { certify_id: 'x'.repeat(129) }, 400, 'invalid_certify_id'],
    ['certify_id next to verify_result', { certify_id: 'a', verify_result: 'b' }, 400, 'ambiguous_payload'],
  ])('verify: %s %j answers %i %s', async (_label, body, status, code) => {
    const app = wire('in-memory');
    const verify = app.verifier();
    const answer = await answerOf(await verify(postJson(body, undefined, { 'x-session': 'me' })));
    expect(answer).toMatchObject({ status, body: { ok: false, code } });
  });

  it.each([
    ['an unknown platform', { platform: 'douyin' }, 400, 'invalid_platform'],
    ['half a typed identity', { platform: 'alipay', name: '张三' }, 400, 'invalid_identity'],
    ['a typed identity that is not text', { platform: 'alipay', name: '张三', idCardNumber: 42 }, 400, 'invalid_identity'],
    ['an array', [], 400, 'invalid_payload'],
  ])('ticket: %s %j answers %i %s', async (_label, body, status, code) => {
    const ticket = createTicketHandler({ alipay, identity: () => SESSIONS.me });
    expect(await answerOf(await ticket(postJson(body, 'http://app.test/api/face/ticket')))).toMatchObject({ status, body: { code } });
  });

  it('a backend without alipay answers 400 alipay_not_configured to both requests', async () => {
    const { createWeChatApi } = await import('taro-face-verify/server');
    const api = createWeChatApi({ appId: 'wx1', appSecret: 's', fetch: async () => Response.error() });
    const ticket = createTicketHandler({ api, identity: () => SESSIONS.me });
    const verify = createVerifyHandler({ api, tickets: ticket.tickets, expect: () => ({}) });
    expect((await answerOf(await ticket(postJson({ platform: 'alipay' })))).body).toMatchObject({ code: 'alipay_not_configured' });
    expect((await answerOf(await verify(postJson({ certify_id: 'c' })))).body).toMatchObject({ code: 'alipay_not_configured' });
  });

  it('an Alipay-only backend answers 400 wechat_not_configured to WeChat requests', async () => {
    const ticket = createTicketHandler({ alipay, identity: () => SESSIONS.me });
    const verify = createVerifyHandler({ alipay, tickets: ticket.tickets, expect: () => ({}) });
    expect((await answerOf(await ticket(postJson({ protocol: 'v1' })))).body).toMatchObject({ code: 'wechat_not_configured' });
    expect((await answerOf(await verify(postJson({ verify_result: 'x' })))).body).toMatchObject({ code: 'wechat_not_configured' });
  });

  it('refuses to verify Alipay without the tickets it issued', () => {
    expect(() => createVerifyHandler({ alipay, expect: () => ({}) })).toThrow(/alipay needs tickets/);
  });

  it('a logged-out user gets 401 for a ticket', async () => {
    const ticket = createTicketHandler({ alipay, identity: () => null });
    expect((await ticket(postJson({ platform: 'alipay' }))).status).toBe(401);
  });
});

describe('Alipay with the shared store down', () => {
  it('answers 503 to the ticket and the verify request, and accepts nothing', async () => {
    const app = wire('Redis');
    const certifyId = await app.captured('me');
    await redis.server().kill();
    try {
      expect(await app.issue('me')).toMatchObject({ status: 503, body: { code: 'store_unavailable' } });
      expect(await app.submit('me', certifyId)).toMatchObject({ status: 503, body: { code: 'store_unavailable' } });
    } finally {
      await redis.server().restart();
    }
  });
});
