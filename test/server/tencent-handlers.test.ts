/**
 * The ticket and verify handlers serving Tencent Cloud FaceID: the real tencentcloud-sdk-nodejs client against the
 * FaceID stand-in over loopback. Every scenario of the stand-in's page reaches the verdict the user relies on;
 * platform failures answer 502 and leave the user a retry.
 */
import {
  createTencentFaceIdApi,
  createTicketHandler,
  createVerifyHandler,
  startMockTencentFaceId,
  type MockTencentFaceIdServer,
  type MockTencentScenario,
  type TencentFaceIdApi,
} from 'taro-face-verify/server';
import { answerOf, OTHER, postJson, USER } from './helpers';
import { REDIRECT_URL, sdkClient } from './tencent-helpers';

jest.setTimeout(30_000);

let mock: MockTencentFaceIdServer;
let tencent: TencentFaceIdApi;

beforeAll(async () => {
  mock = await startMockTencentFaceId();
  tencent = createTencentFaceIdApi({ client: sdkClient(mock), ruleId: mock.ruleId, redirectUrl: REDIRECT_URL });
});
afterAll(() => mock.close());

const SESSIONS = { me: { ...USER, userId: 'u-me' }, other: { ...OTHER, userId: 'u-other' } } as const;
type Session = keyof typeof SESSIONS;
const sessionOf = (request: Request) => SESSIONS[(request.headers.get('x-session') ?? '') as Session] ?? null;

function wire(api: TencentFaceIdApi = tencent, options: { allowTypedIdentity?: boolean } = {}) {
  const errors: unknown[] = [];
  const ticket = createTicketHandler({ tencent: api, identity: sessionOf, onError: (error) => errors.push(error), ...options });
  const verify = createVerifyHandler({
    tencent: api,
    tickets: ticket.tickets,
    expect: (request) => {
      const user = sessionOf(request);
      return user && { userId: user.userId, name: user.name, idCardNumber: user.idCardNumber };
    },
    onError: (error) => errors.push(error),
  });
  const issue = async (session: Session, body: Record<string, unknown> = { platform: 'tencent' }) =>
    answerOf(await ticket(postJson(body, 'http://app.test/api/face/ticket', { 'x-session': session })));
  const submit = async (session: Session, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    answerOf(await verify(postJson(body, 'http://app.test/api/face/verify', { 'x-session': session, ...headers })));
  return { issue, submit, errors };
}

describe('a BizToken for the session, then its result', () => {
  it('issues { bizToken, url, expiresIn } with the stand-in page as url, and accepts the pass once', async () => {
    const app = wire();
    const ticket = await app.issue('me');
    expect(ticket.status).toBe(200);
    expect(ticket.body).toEqual({ bizToken: expect.any(String), url: mock.verifyUrl(String(ticket.body.bizToken)), expiresIn: 1800 });
    mock.complete(String(ticket.body.bizToken), 'pass');
    const payload = { platform: 'tencent', biz_token: ticket.body.bizToken };
    expect((await app.submit('me', payload)).body).toEqual({ ok: true, platform: 'tencent', identify_time: expect.any(Number) });
    expect((await app.submit('me', payload)).body).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('gives the first verdict back to a retry with the same Idempotency-Key by the same person', async () => {
    const app = wire();
    const ticket = await app.issue('me');
    mock.complete(String(ticket.body.bizToken), 'pass');
    const payload = { platform: 'tencent', biz_token: ticket.body.bizToken };
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await app.submit('me', payload, headers);
    expect(first.body.ok).toBe(true);
    expect((await app.submit('me', payload, headers)).body).toEqual(first.body);
    expect((await app.submit('other', payload, headers)).body).toMatchObject({ ok: false });
  });

  it.each<[MockTencentScenario, number]>([
    ['mismatch', 2006],
    ['low-similarity', 2016],
    ['low-sim-zero', 2016],
    ['liveness', 1001],
    ['leave', 17],
    ['expired', 15],
  ])('%s → { ok: false, code: %d } (Tencent ErrCode, classified by the front end), token spent', async (scenario, code) => {
    const app = wire();
    const ticket = await app.issue('me');
    mock.complete(String(ticket.body.bizToken), scenario);
    const payload = { platform: 'tencent', biz_token: ticket.body.bizToken };
    expect((await app.submit('me', payload)).body).toMatchObject({ ok: false, code, problems: expect.arrayContaining(['detect_ret']) });
    expect((await app.submit('me', payload)).body.ok).toBe(false);
  });

  it('a token whose page was never finished (no return) answers 17, not a pass', async () => {
    const app = wire();
    const ticket = await app.issue('me');
    expect((await app.submit('me', { platform: 'tencent', biz_token: ticket.body.bizToken })).body).toMatchObject({ ok: false, code: 17 });
  });

  it("someone else's BizToken answers unknown_ticket and stays usable by its owner", async () => {
    const app = wire();
    const ticket = await app.issue('me');
    mock.complete(String(ticket.body.bizToken), 'pass');
    const payload = { platform: 'tencent', biz_token: ticket.body.bizToken };
    expect((await app.submit('other', payload)).body).toMatchObject({ ok: false, code: 'unknown_ticket' });
    expect((await app.submit('me', payload)).body.ok).toBe(true);
  });

  it('typed identity: only with allowTypedIdentity, bound to the typed person and the account', async () => {
    const typed = { platform: 'tencent', ...OTHER };
    const off = wire();
    const ignored = await off.issue('me', typed);
    mock.complete(String(ignored.body.bizToken), 'pass');
    // Off, the session's own identity was sent to Tencent; the stand-in reports it back, so it passes for the session.
    expect((await off.submit('me', { platform: 'tencent', biz_token: ignored.body.bizToken })).body.ok).toBe(true);
    const on = wire(tencent, { allowTypedIdentity: true });
    const issued = await on.issue('me', typed);
    mock.complete(String(issued.body.bizToken), 'pass');
    // `expect` names the session's own identity: a token issued for a typed other person is not theirs.
    expect((await on.submit('me', { platform: 'tencent', biz_token: issued.body.bizToken })).body).toMatchObject({
      ok: false,
      code: 'unknown_ticket',
    });
  });
});

describe('failures leave a retryable state', () => {
  it('wrong SecretKey: 502 tencent_error with the AuthFailure code, and no ticket issued', async () => {
    const bad = createTencentFaceIdApi({
      client: sdkClient(mock, { secretKey: 'not-the-key' }),
      ruleId: mock.ruleId,
      redirectUrl: REDIRECT_URL,
    });
    const app = wire(bad);
    const answer = await app.issue('me');
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ ok: false, code: 'tencent_error', tencentCode: expect.stringMatching(/^AuthFailure/) });
    expect(JSON.stringify(answer.body)).not.toContain(USER.idCardNumber);
    expect(app.errors).toHaveLength(1);
  });

  it('Tencent unreachable when asking the result: 502 tencent_unreachable, and the token goes back for a retry', async () => {
    const app = wire({
      detectAuth: (params) => tencent.detectAuth(params),
      getDetectInfo: async (bizToken) => {
        if (!down) return tencent.getDetectInfo(bizToken);
        const closed = createTencentFaceIdApi({
          client: sdkClient({ ...mock, endpoint: '127.0.0.1:9' }),
          ruleId: mock.ruleId,
          redirectUrl: REDIRECT_URL,
        });
        return closed.getDetectInfo(bizToken);
      },
    });
    let down = true;
    const ticket = await app.issue('me');
    mock.complete(String(ticket.body.bizToken), 'pass');
    const payload = { platform: 'tencent', biz_token: ticket.body.bizToken };
    expect(await app.submit('me', payload)).toMatchObject({ status: 502, body: { ok: false, code: 'tencent_unreachable' } });
    down = false;
    expect((await app.submit('me', payload)).body.ok).toBe(true);
  });
});

describe('payloads', () => {
  it.each([
    ['no biz_token', { platform: 'tencent' }, 'invalid_biz_token'],
    ['an empty biz_token', { platform: 'tencent', biz_token: '' }, 'invalid_biz_token'],
    ['biz_token next to certify_id', { biz_token: 'a', certify_id: 'b' }, 'ambiguous_payload'],
    ['a platform this kit does not know', { platform: 'douyin', biz_token: 'a' }, 'invalid_platform'],
  ])('%s → 400 %s', async (_name, body, code) => {
    expect(await wire().submit('me', body)).toMatchObject({ status: 400, body: { ok: false, code } });
  });

  it('a backend without tencent answers 400 tencent_not_configured to its requests', async () => {
    const ticket = createTicketHandler({ api: { getUserIdKey: jest.fn(), getVerifyId: jest.fn() }, identity: sessionOf });
    const answer = await answerOf(await ticket(postJson({ platform: 'tencent' }, 'http://app.test/t', { 'x-session': 'me' })));
    expect(answer).toMatchObject({ status: 400, body: { code: 'tencent_not_configured' } });
  });

  it('refuses tencentTicketSeconds beyond the BizToken lifetime (7,200 s)', () => {
    expect(() => createTicketHandler({ tencent, identity: sessionOf, tencentTicketSeconds: 7201 })).toThrow(/tencentTicketSeconds/);
  });
});
