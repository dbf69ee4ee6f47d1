import { createHash } from 'node:crypto';
import {
  createMemoryLimiter,
  certHash,
  createMemoryTicketStore,
  createMockCredential,
  createTicketHandler,
  createVerifyHandler,
  type TicketIdentity,
  type VerifyExpectation,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, OTHER, postJson, USER } from './helpers';

const OPENID = 'oMock0000000000000000000000';

function flow(identity: TicketIdentity | null = { ...USER, openid: OPENID }, expectation: VerifyExpectation = {}) {
  const { mock, api } = inProcessWeChat();
  const ticket = createTicketHandler({ api, identity: () => identity, onError: () => undefined });
  const verify = createVerifyHandler({ api, tickets: ticket.tickets, expect: () => expectation, onError: () => undefined });
  const issue = async (body: unknown = { protocol: 'v1' }) => answerOf(await ticket(postJson(body, 'http://app.test/api/face/ticket')));
  const submit = async (body: unknown) => answerOf(await verify(postJson(body)));
  return { mock, api, ticket, verify, issue, submit };
}

describe('the digest key', () => {
  it("a ticket handler's secret travels with its default store: the verify handler reading it needs none of its own", async () => {
    const { api } = inProcessWeChat();
    const ticket = createTicketHandler({
      api,
      secret: 'a-secret-of-at-least-32-characters-long!',
      identity: () => ({ ...USER, openid: OPENID }),
    });
    const verify = createVerifyHandler({ api, tickets: ticket.tickets, expect: () => ({ openid: OPENID }) });
    const { body } = await answerOf(await ticket(postJson({ protocol: 'v1' })));
    const credential = createMockCredential({ ...USER, userIdKey: String(body.userIdKey) });
    expect((await answerOf(await verify(postJson({ verify_result: credential })))).body).toMatchObject({ ok: true });
  });

  it('a secret shorter than 32 characters is refused at creation', () => {
    const { api } = inProcessWeChat();
    expect(() => createTicketHandler({ api, secret: 'short', identity: () => null })).toThrow(/at least 32 characters/);
  });
});

describe('production warnings', () => {
  it('shared stores with per-process limit counters are said once at creation; spreading the limiter silences it', () => {
    const { api } = inProcessWeChat();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const shared = { claim: async () => true, release: async () => undefined };
      createVerifyHandler({ api, replayStore: shared, expect: () => ({}) });
      expect(warn.mock.calls.flat().join('\n')).toMatch(/limit counters are per process/);
      warn.mockClear();
      createVerifyHandler({ api, replayStore: shared, limiter: createMemoryLimiter(), expect: () => ({}) });
      expect(warn.mock.calls.flat().join('\n')).not.toMatch(/limit counters/);
    } finally {
      process.env.NODE_ENV = previous;
      warn.mockRestore();
    }
  });
});

describe('ticket handler', () => {
  it('issues a v1 userIdKey (default protocol); an empty POST is refused (415: a cross-site no-cors post looks like that)', async () => {
    const { issue, ticket, mock } = flow();
    const answer = await issue({});
    expect(answer).toMatchObject({ status: 200, body: { userIdKey: expect.stringMatching(/^mock-uik-/), expiresIn: 3600 } });
    const empty = await answerOf(await ticket(new Request('http://app.test/t', { method: 'POST' })));
    expect(empty).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect(mock.calls.getuseridkey).toBe(1);
  });

  it('issues a v2 verifyId with its out_seq_no', async () => {
    const { issue, mock } = flow();
    expect(await issue({ protocol: 'v2' })).toMatchObject({
      status: 200,
      body: { verifyId: expect.stringMatching(/^mock-vid-/), outSeqNo: expect.stringMatching(/^tfv[0-9a-f]{29}$/), expiresIn: 3600 },
    });
    expect(mock.calls.getverifyid).toBe(1);
  });

  it('keeps keyed digests only: no name, ID number, their MD5s, cert_hash, openid or ticket in the store', async () => {
    const { api } = inProcessWeChat();
    const tickets = createMemoryTicketStore();
    const stored: unknown[] = [];
    const spy = {
      ...tickets,
      put: async (...args: Parameters<typeof tickets.put>) => {
        stored.push(args);
        await tickets.put(...args);
      },
    };
    const ticket = createTicketHandler({ api, identity: () => ({ ...USER, openid: OPENID }), tickets: spy });
    const { body } = await answerOf(await ticket(postJson({ protocol: 'v2' })));
    const dump = JSON.stringify(stored);
    const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
    const values = [USER.name, USER.idCardNumber, String(body.verifyId), OPENID, certHash(USER), md5(USER.name), md5(USER.idCardNumber)];
    for (const value of values) expect(dump.toLowerCase()).not.toContain(value.toLowerCase());
    expect(stored).toHaveLength(1);
  });

  it.each([
    ['an unknown protocol', { protocol: 'v3' }, 400, 'invalid_protocol'],
    ['a non-object body', [1], 400, 'invalid_payload'],
    ['malformed JSON', '{', 400, 'malformed_json'],
  ])('answers %s with %i', async (_label, body, status, code) => {
    expect(await flow().issue(body)).toMatchObject({ status, body: { ok: false, code } });
  });

  it('answers 401 with no user, 400 for v2 without openid, 405 for GET', async () => {
    expect((await flow(null).issue()).status).toBe(401);
    expect(await flow({ ...USER }).issue({ protocol: 'v2' })).toMatchObject({ status: 400, body: { code: 'openid_required' } });
    expect((await flow().ticket(new Request('http://app.test/t'))).status).toBe(405);
  });

  it('answers 500 when identity() returns garbage', async () => {
    expect((await flow({ name: '', idCardNumber: 'x' }).issue()).status).toBe(500);
  });
});

describe('ticket → capture → verify', () => {
  it('v1: accepts the capture made with the issued userIdKey, once, and forgets the ticket', async () => {
    const { issue, submit } = flow();
    const { body } = await issue();
    const credential = createMockCredential({ userIdKey: String(body.userIdKey) });
    expect((await submit({ verify_result: credential })).body).toMatchObject({ ok: true, protocol: 'v1' });
    const again = createMockCredential({ userIdKey: String(body.userIdKey) });
    expect((await submit({ verify_result: again })).body).toMatchObject({ ok: false, code: 'unknown_ticket' });
  });

  it('v1: rejects a userIdKey this server did not issue', async () => {
    const { submit, api } = flow();
    const { userIdKey } = await api.getUserIdKey({ ...USER });
    expect((await submit({ verify_result: createMockCredential({ userIdKey }) })).body).toMatchObject({
      ok: false,
      code: 'unknown_ticket',
    });
  });

  it('v1: rejects the ticket flow when the session user is someone else', async () => {
    const { issue, submit } = flow({ ...USER, openid: OPENID }, { ...OTHER });
    const { body } = await issue();
    expect((await submit({ verify_result: createMockCredential({ userIdKey: String(body.userIdKey) }) })).body).toMatchObject({
      ok: false,
      code: 'unknown_ticket',
      problems: ['unknown_ticket'],
    });
  });

  it('v1: a failed face match keeps the ticket so the user can try again', async () => {
    const { issue, submit } = flow();
    const { body } = await issue();
    expect((await submit({ verify_result: createMockCredential({ userIdKey: String(body.userIdKey), ret: 10004 }) })).body.code).toBe(
      10004,
    );
    expect((await submit({ verify_result: createMockCredential({ userIdKey: String(body.userIdKey) }) })).body.ok).toBe(true);
  });

  it('v2: accepts the issued verifyId once', async () => {
    const { issue, submit, mock } = flow();
    const { body } = await issue({ protocol: 'v2' });
    const payload = { verify_id: body.verifyId, out_seq_no: body.outSeqNo };
    expect((await submit(payload)).body).toMatchObject({ ok: true, protocol: 'v2', verify_ret: 10000, identify_time: expect.any(Number) });
    expect((await submit(payload)).body).toMatchObject({ ok: false });
    expect(mock.calls.queryverifyinfo).toBe(1);
  });

  it('v2: rejects another out_seq_no without asking WeChat', async () => {
    const { issue, submit, mock } = flow();
    const { body } = await issue({ protocol: 'v2' });
    expect((await submit({ verify_id: body.verifyId, out_seq_no: 'tfv-other' })).body).toMatchObject({
      ok: false,
      code: 'out_seq_no_mismatch',
    });
    expect(mock.calls.queryverifyinfo).toBeUndefined();
  });

  it('v2: rejects when the session user is not the ticket holder (one code, whatever differs)', async () => {
    const { issue, submit } = flow({ ...USER, openid: OPENID }, { openid: 'oAnotherSession' });
    const { body } = await issue({ protocol: 'v2' });
    expect((await submit({ verify_id: body.verifyId, out_seq_no: body.outSeqNo })).body).toMatchObject({
      ok: false,
      code: 'unknown_ticket',
      problems: ['unknown_ticket'],
    });
  });

  it('v2: reports WeChat verify_ret as the code', async () => {
    const { issue, submit, mock } = flow();
    const { body } = await issue({ protocol: 'v2' });
    mock.setScenario('identify-ret-failure');
    expect((await submit({ verify_id: body.verifyId, out_seq_no: body.outSeqNo })).body).toMatchObject({
      ok: false,
      code: 10004,
      problems: ['verify_ret'],
    });
  });

  it('v2 without a ticket store: asks WeChat with the identity expect gives, and WeChat rejects another identity', async () => {
    const { api } = inProcessWeChat();
    const { verifyId } = await api.getVerifyId({ ...USER, openid: OPENID, outSeqNo: 'seq-1' });
    const verifyAs = (who: VerifyExpectation) => createVerifyHandler({ api, expect: () => who });
    const payload = { verify_id: verifyId, out_seq_no: 'seq-1' };
    expect((await answerOf(await verifyAs({ ...OTHER, openid: OPENID })(postJson(payload)))).body).toMatchObject({
      ok: false,
      code: 'credential_rejected',
      errcode: 84003,
    });
    expect((await answerOf(await verifyAs({ ...USER })(postJson(payload)))).body).toMatchObject({ ok: false, code: 'identity_unknown' });
    expect(
      (await answerOf(await verifyAs({ ...USER, idCardNumber: USER.idCardNumber.toLowerCase(), openid: OPENID })(postJson(payload)))).body
        .ok,
    ).toBe(true);
  });
});
