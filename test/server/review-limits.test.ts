/**
 * Review (availability): limits whose counter someone else can spend.
 *
 * 1. `expect` naming nobody (`() => ({})`, documented for "accept any genuine result") puts every request on one
 *    counter, "anyone", counted before the credential is even looked at: any client, with junk credentials,
 *    spends `verifyPerSubject` (10 a minute, 60 a day) for every user of the backend.
 * 2. `ticketPerIdCard` counts an ID number "whoever asks". With `allowTypedIdentity` (Alipay), any logged-in
 *    account may type anyone's ID number: three accounts (5 tickets a minute each) spend the minute's 15, six
 *    the day's 30, and the person who owns that ID number is then refused tickets on their own account, on every
 *    platform, for the rest of the day. (ID numbers are not secrets in China.)
 */
import { createMockCredential, createTicketHandler, createVerifyHandler, type TicketIdentity } from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, OTHER, postJson, USER } from './helpers';

describe('review: limits someone else can spend', () => {
  // Closed: a request whose expect names nobody is "anyone" from its IP when the app passes clientIp (without it, one
  // shared "anyone": bounded, documented in the server README's Limits).
  it('expect() naming nobody, with clientIp: ten junk posts from one client do not lock another client out (429)', async () => {
    const { api } = inProcessWeChat();
    const verify = createVerifyHandler({
      api,
      expect: () => ({}),
      clientIp: (request) => request.headers.get('x-client-ip') ?? undefined,
      onError: () => undefined,
    });
    const from = (ip: string) => ({ 'x-client-ip': ip });
    for (let i = 0; i < 10; i++) {
      const junk = await answerOf(await verify(postJson({ verify_result: `junk-${i}` }, undefined, from('203.0.113.9'))));
      expect(junk).toMatchObject({ status: 200, body: { ok: false, code: 'credential_rejected' } });
    }
    expect((await verify(postJson({ verify_result: 'junk-11' }, undefined, from('203.0.113.9')))).status).toBe(429);
    // Another person, another device, a genuine capture.
    const honest = await answerOf(
      await verify(postJson({ verify_result: createMockCredential({ ...OTHER }) }, undefined, from('198.51.100.4'))),
    );
    expect(honest).toMatchObject({ status: 200, body: { ok: true } });
  });

  // Closed: typed ID numbers are counted apart from a session's own. Was (low-medium; targeted lockout): see 2. above. Expected: the owner of an ID number can still get a ticket
  // for themselves; e.g. count typed identities against the asking account only, or exempt (or count separately) a
  // session whose own identity is that ID number.
  it('allowTypedIdentity: accounts typing the victim ID number do not lock the victim out of their own tickets', async () => {
    const { api } = inProcessWeChat();
    const alipay = {
      initialize: async () => ({ certifyId: `cid${Math.random().toString(36).slice(2)}`, outerOrderNo: 'tfa0' }),
      certifyUrl: (certifyId: string) => `https://alipay.test/certify?c=${certifyId}`,
    };
    const ticket = createTicketHandler({
      api,
      alipay,
      allowTypedIdentity: true,
      onError: () => undefined,
      identity: (request): TicketIdentity | { userId: string } => {
        const account = request.headers.get('x-account') ?? '';
        return account === 'victim' ? { userId: 'victim', ...USER } : { userId: account };
      },
    });
    const ask = async (account: string, body: Record<string, string>) =>
      answerOf(await ticket(postJson(body, 'http://app.test/api/face/ticket', { 'x-account': account })));

    for (const attacker of ['attacker-1', 'attacker-2', 'attacker-3']) {
      for (let i = 0; i < 5; i++) {
        const typed = await ask(attacker, { platform: 'alipay', name: USER.name, idCardNumber: USER.idCardNumber });
        expect(typed.status).toBe(200);
      }
    }
    // The victim, on their own account, asks for their own ticket (WeChat v1 here; Alipay alike).
    const own = await ask('victim', { protocol: 'v1' });
    expect(own).toMatchObject({ status: 200, body: { userIdKey: expect.any(String) } });
  });
});
