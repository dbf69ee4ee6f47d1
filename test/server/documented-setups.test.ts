/**
 * Every server setup the docs show (README, server README, JSDoc examples), tried as an attacker would:
 * someone else's result, and a replay; each on the in-memory defaults and on Redis stores (the server
 * README's "Running several instances"). Two sessions: `me` and `other`, each with its own person and openid.
 */
import {
  createMockCredential,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  type TicketIdentity,
  type VerifyExpectation,
  type VerifyHandlerOptions,
} from 'taro-face-verify/server';
import { answerOf, inProcessWeChat, OTHER, postJson, USER } from './helpers';
import { redisForThisFile } from './redis-server';

const redis = redisForThisFile();

type StoreKind = 'in-memory' | 'Redis';

const MOCK_OPENID = 'oMock0000000000000000000000'; // the openid the stand-in reports for every capture
const SESSIONS: Record<string, TicketIdentity & { openid: string }> = {
  me: { ...USER, openid: MOCK_OPENID },
  other: { ...OTHER, openid: 'oOtherUser000000000000000000' },
};
const sessionUser = (request: Request) => SESSIONS[request.headers.get('x-session') ?? ''] ?? null;

type Setup = {
  /** Where the docs show it. */
  where: string;
  tickets: boolean;
  expect: (request: Request) => VerifyExpectation | null;
  extra?: Partial<VerifyHandlerOptions>;
};

const SETUPS: Setup[] = [
  {
    where: 'README "Backend" (and the server README verdict table)',
    tickets: false,
    expect: (request) => {
      const user = sessionUser(request);
      return user && { name: user.name, idCardNumber: user.idCardNumber, openid: user.openid };
    },
  },
  { where: 'README "v1 or v2?" (expect: currentUser)', tickets: true, expect: (request) => sessionUser(request) },
  {
    where: 'server README top and createVerifyHandler JSDoc (tickets + full identity)',
    tickets: true,
    expect: (request) => {
      const user = sessionUser(request);
      return user && { name: user.name, idCardNumber: user.idCardNumber, openid: user.openid };
    },
  },
  {
    where: 'createTicketHandler JSDoc (tickets + openid only)',
    tickets: true,
    expect: (request) => {
      const user = sessionUser(request);
      return user && { openid: user.openid };
    },
  },
];

function wire(setup: Setup, kind: StoreKind = 'in-memory') {
  const { api } = inProcessWeChat();
  const shared = kind === 'Redis' ? createRedisStores({ client: redis.client(), prefix: `${Math.random()}:` }) : undefined;
  const ticket = createTicketHandler({
    api,
    identity: sessionUser,
    onError: () => undefined,
    ...(shared ? { tickets: shared.tickets } : {}),
  });
  const verify = createVerifyHandler({
    api,
    ...(shared ? { replayStore: shared.replayStore } : {}),
    ...(setup.tickets ? { tickets: ticket.tickets } : {}),
    expect: setup.expect,
    onError: () => undefined,
    ...setup.extra,
  });
  const as = (session: string) => ({ 'x-session': session });
  return {
    issue: async (session: string, protocol: 'v1' | 'v2') =>
      (await answerOf(await ticket(postJson({ protocol }, 'http://app.test/api/face/ticket', as(session))))).body,
    submit: async (session: string, body: unknown) => (await answerOf(await verify(postJson(body, undefined, as(session))))).body,
  };
}

const CASES = SETUPS.flatMap((setup) => (['in-memory', 'Redis'] as const).map((kind) => ({ ...setup, kind })));

describe.each(CASES)('the setup in $where, on $kind stores', ({ kind, ...setup }) => {
  it("refuses someone else's v1 capture made without a ticket (same WeChat user)", async () => {
    const { submit } = wire(setup, kind);
    expect(await submit('me', { verify_result: createMockCredential({ ...OTHER }) })).toMatchObject({ ok: false });
  });

  if (setup.tickets) {
    it("refuses someone else's v1 and v2 ticket captures", async () => {
      const { issue, submit } = wire(setup, kind);
      const v1 = await issue('other', 'v1');
      expect(await submit('me', { verify_result: createMockCredential({ userIdKey: String(v1.userIdKey) }) })).toMatchObject({ ok: false });
      const v2 = await issue('other', 'v2');
      expect(await submit('me', { verify_id: v2.verifyId, out_seq_no: v2.outSeqNo })).toMatchObject({ ok: false });
    });
  }

  it('accepts the user’s own result once: a replay is refused', async () => {
    const { issue, submit } = wire(setup, kind);
    const credential = setup.tickets
      ? createMockCredential({ userIdKey: String((await issue('me', 'v1')).userIdKey) })
      : createMockCredential({ ...USER });
    expect(await submit('me', { verify_result: credential })).toMatchObject({ ok: true });
    expect(await submit('me', { verify_result: credential })).toMatchObject({ ok: false, code: 'replayed' });
    if (setup.tickets) {
      const v2 = await issue('me', 'v2');
      expect(await submit('me', { verify_id: v2.verifyId, out_seq_no: v2.outSeqNo })).toMatchObject({ ok: true });
      expect(await submit('me', { verify_id: v2.verifyId, out_seq_no: v2.outSeqNo })).toMatchObject({ ok: false, code: 'replayed' });
    }
  });
});

describe('tickets with allowUnticketed (the form flow next to tickets)', () => {
  const setup: Setup = {
    where: 'allowUnticketed',
    tickets: true,
    expect: (request) => {
      const user = sessionUser(request);
      return user && { name: user.name, idCardNumber: user.idCardNumber, openid: user.openid };
    },
    extra: { allowUnticketed: true },
  };

  it("accepts the user's own form capture once, and refuses someone else's", async () => {
    const { submit } = wire(setup);
    const own = createMockCredential({ ...USER });
    expect(await submit('me', { verify_result: own })).toMatchObject({ ok: true });
    expect(await submit('me', { verify_result: own })).toMatchObject({ ok: false, code: 'replayed' });
    expect(await submit('me', { verify_result: createMockCredential({ ...OTHER }) })).toMatchObject({ ok: false, code: 'name_mismatch' });
  });
});
