/**
 * One audit record per request, whatever happened, with nothing personal in it; a sink that throws or is slow
 * changes no answer and delays none.
 */
import { createHash } from 'node:crypto';
import {
  createMockCredential,
  createPushHandler,
  createTicketHandler,
  createVerifyHandler,
  createMemoryOnceStore,
  pushSignature,
  type AuditRecord,
  type OnceStore,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, OTHER, postJson, USER } from './helpers';

// The openid the in-process stand-in reports for every v1 capture.
const OPENID = 'oMock0000000000000000000000';
const SECRET = 'audit-test-secret-0123456789abcdef0123456789';

/** Records arrive after the answer (setImmediate): wait for them. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function app(overrides: { identity?: typeof USER | null; expect?: Record<string, string> | null; replayStore?: OnceStore } = {}) {
  const { api, mock } = inProcessWeChat();
  const records: AuditRecord[] = [];
  const onAudit = (record: AuditRecord) => void records.push(record);
  const who = overrides.identity === undefined ? { ...USER, openid: OPENID } : overrides.identity;
  const ticket = createTicketHandler({
    api,
    identity: () => who,
    onAudit,
    secret: SECRET,
    instance: 'test-1',
    limits: { ticketPerSubject: [{ points: 3, perSeconds: 60 }] },
    onError: () => undefined,
  });
  const verify = createVerifyHandler({
    api,
    tickets: ticket.tickets,
    expect: () => (overrides.expect === undefined ? { openid: OPENID } : overrides.expect),
    onAudit,
    secret: SECRET,
    instance: 'test-1',
    ...(overrides.replayStore ? { replayStore: overrides.replayStore } : {}),
    onError: () => undefined,
  });
  return { api, mock, ticket, verify, records };
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('audit records', () => {
  it('one record per request for every outcome of the ticket and verify handlers', async () => {
    const { ticket, verify, records } = app();
    const issued = await answerOf(await ticket(postJson({ protocol: 'v1' }, 'http://app.test/t', { 'x-request-id': 'req-1' })));
    const credential = createMockCredential({ ...USER, userIdKey: String(issued.body.userIdKey) });
    await verify(postJson({ verify_result: credential }));
    await verify(postJson({ verify_result: credential })); // replayed
    await verify(postJson('{not json')); // 400
    await verify(new Request('http://app.test/v', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })); // 415
    await ticket(postJson({ protocol: 'v1' }));
    await ticket(postJson({ protocol: 'v1' }));
    await ticket(postJson({ protocol: 'v1' })); // the 4th in a minute: 429
    await settle();
    expect(records.map(({ name, outcome, code, status }) => ({ name, outcome, code, status }))).toEqual([
      { name: 'face_verify.ticket', outcome: 'issued', code: undefined, status: 200 },
      { name: 'face_verify.verify', outcome: 'accepted', code: undefined, status: 200 },
      { name: 'face_verify.verify', outcome: 'rejected', code: 'replayed', status: 200 },
      { name: 'face_verify.verify', outcome: 'refused', code: 'malformed_json', status: 400 },
      { name: 'face_verify.verify', outcome: 'refused', code: 'unsupported_media_type', status: 415 },
      { name: 'face_verify.ticket', outcome: 'issued', code: undefined, status: 200 },
      { name: 'face_verify.ticket', outcome: 'issued', code: undefined, status: 200 },
      { name: 'face_verify.ticket', outcome: 'rate_limited', code: 'rate_limited', status: 429 },
    ]);
    expect(records[0]).toMatchObject({ requestId: 'req-1', instance: 'test-1', platform: 'wechat', protocol: 'v1' });
    expect(records[1]).toMatchObject({ platform: 'wechat', protocol: 'v1', subject: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const record of records) {
      expect(record.durationMs).toBeGreaterThanOrEqual(0);
      expect(record.time).toBeLessThanOrEqual(Date.now());
      expect(record.requestId).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    }
  });

  it('401, 5xx and a store outage are recorded too', async () => {
    const down: OnceStore = {
      claim: async () =>
        Promise.reject(Object.assign(new Error('down'), { name: 'StoreUnavailableError', status: 503, code: 'store_unavailable' })),
      release: async () => undefined,
    };
    const loggedOut = app({ identity: null, expect: null });
    await loggedOut.ticket(postJson({ protocol: 'v1' }));
    await loggedOut.verify(postJson({ verify_result: 'x' }));
    const broken = app({ replayStore: down });
    const issued = await answerOf(await broken.ticket(postJson({ protocol: 'v1' })));
    await broken.verify(postJson({ verify_result: createMockCredential({ ...USER, userIdKey: String(issued.body.userIdKey) }) }));
    const throwing = createVerifyHandler({
      api: broken.api,
      expect: () => {
        throw new Error('session lookup failed');
      },
      onAudit: (record) => void broken.records.push(record),
      onError: () => undefined,
    });
    await throwing(postJson({ verify_result: 'x' }));
    await settle();
    expect(loggedOut.records.map((r) => [r.outcome, r.status])).toEqual([
      ['unauthenticated', 401],
      ['unauthenticated', 401],
    ]);
    expect(broken.records.map((r) => [r.name, r.outcome, r.status])).toEqual([
      ['face_verify.ticket', 'issued', 200],
      ['face_verify.verify', 'unavailable', 503],
      ['face_verify.verify', 'error', 500],
    ]);
  });

  it('the subject is the same for the same person across handlers, another for someone else, and names nobody', async () => {
    const me = app();
    const other = app({
      identity: { ...OTHER, openid: 'oSomeoneElse00000000000000' } as unknown as typeof USER,
      expect: { openid: 'oSomeoneElse00000000000000' },
    });
    const mine = await answerOf(await me.ticket(postJson({ protocol: 'v1' })));
    await me.verify(postJson({ verify_result: createMockCredential({ ...USER, userIdKey: String(mine.body.userIdKey) }) }));
    await other.ticket(postJson({ protocol: 'v1' }));
    await settle();
    const [myTicket, myVerify] = me.records;
    const [theirTicket] = other.records;
    expect(myTicket?.subject).toBeDefined();
    expect(myVerify?.subject).toBe(myTicket?.subject);
    expect(theirTicket?.subject).not.toBe(myTicket?.subject);
    const dump = JSON.stringify([...me.records, ...other.records]).toLowerCase();
    const personal = [USER.name, OTHER.name, USER.idCardNumber, OTHER.idCardNumber, OPENID, String(mine.body.userIdKey)];
    for (const value of [...personal, ...personal.map(md5)]) expect(dump).not.toContain(value.toLowerCase());
    expect(dump).not.toContain(createHash('sha256').update(OPENID).digest('hex'));
  });

  it('a sink that throws or never finishes changes no answer and delays none', async () => {
    const { api } = inProcessWeChat();
    const errors: unknown[] = [];
    let called = 0;
    const throwing = createTicketHandler({
      api,
      identity: () => ({ ...USER }),
      onAudit: () => {
        called += 1;
        throw new Error('sink down');
      },
      onError: (error) => void errors.push(error),
    });
    const hanging = createTicketHandler({
      api,
      identity: () => ({ ...USER }),
      onAudit: () => {
        called += 1;
        return new Promise(() => undefined);
      },
      onError: (error) => void errors.push(error),
    });
    for (const handler of [throwing, hanging]) {
      const answer = await answerOf(await handler(postJson({ protocol: 'v1' })));
      expect(answer).toMatchObject({ status: 200, body: { userIdKey: expect.any(String) } });
    }
    // The answers were complete before any sink ran.
    expect(called).toBe(0);
    await settle();
    expect(called).toBe(2);
    expect(errors).toEqual([expect.objectContaining({ message: 'sink down' })]);
  });

  it('the push handler records handled, duplicate and refused deliveries', async () => {
    const { mock } = inProcessWeChat();
    const records: AuditRecord[] = [];
    const push = createPushHandler({
      token: mock.pushToken,
      appId: mock.appId,
      seen: createMemoryOnceStore(),
      onAudit: (record) => void records.push(record),
      onError: () => undefined,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = (nonce: string, signature = pushSignature(mock.pushToken, timestamp, nonce)) =>
      `http://app.test/push?${new URLSearchParams({ signature, timestamp, nonce })}`;
    const body = JSON.stringify({ ToUserName: 'gh', FromUserName: 'oPush', CreateTime: 1, MsgType: 'event', Event: 'other' });
    await push(new Request(url('n1'), { method: 'POST', body }));
    await push(new Request(url('n1'), { method: 'POST', body }));
    await push(new Request(url('n2', 'bad'), { method: 'POST', body }));
    await settle();
    expect(records.map((r) => [r.name, r.outcome, r.status])).toEqual([
      ['face_verify.push', 'handled', 200],
      ['face_verify.push', 'duplicate', 200],
      ['face_verify.push', 'unauthenticated', 401],
    ]);
    expect(records[2]?.code).toBe('bad_signature');
    expect(JSON.stringify(records)).not.toContain('oPush');
  });
});
