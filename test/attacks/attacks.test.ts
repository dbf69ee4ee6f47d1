/**
 * The standing attacker suite (issue 14): every attack class against every documented setup × platform
 * (`setups.ts`). Each attack is one row: its name, where it applies, and the refusal it must meet. The promise
 * under test: a backend using `taro-face-verify/server` never accepts a forged, replayed, expired or someone
 * else's result.
 */
import { createHash } from 'node:crypto';
import {
  certHash,
  createVerifyHandler,
  startMockAlipay,
  startMockTencentFaceId,
  type MockAlipayServer,
  type MockTencentFaceIdServer,
} from 'taro-face-verify/server';
import { OTHER, USER } from '../server/helpers';
import { redisClusterForThisFile, type RedisClusterClient } from '../server/redis-cluster';
import { redisForThisFile, type RedisClient } from '../server/redis-server';
import {
  createBackend,
  PLATFORMS,
  SESSIONS,
  SETUPS,
  type Answer,
  type Backend,
  type BackendOptions,
  type Env,
  type Payload,
  type PlatformRow,
  type Session,
  type SetupRow,
} from './setups';

jest.setTimeout(30_000);

const redis = redisForThisFile();
const cluster = redisClusterForThisFile();
let redisClients: [RedisClient, RedisClient];
let clusterClients: [RedisClusterClient, RedisClusterClient];
let alipayMock: MockAlipayServer;
let tencentMock: MockTencentFaceIdServer;

beforeAll(async () => {
  redisClients = [redis.client(), await redis.server().connect()];
  clusterClients = [cluster.client(), await cluster.server().connect()];
  alipayMock = await startMockAlipay();
  tencentMock = await startMockTencentFaceId();
}, 60_000);
afterAll(async () => {
  await alipayMock?.close();
  await tencentMock?.close();
});

const env: Env = {
  redis: () => ({ server: redis.server(), clients: redisClients }),
  cluster: () => ({ server: cluster.server(), clients: clusterClients }),
  alipay: () => alipayMock,
  tencent: () => tencentMock,
  skew: { ms: 0 },
};
afterEach(() => {
  env.skew.ms = 0;
  alipayMock.setScenario('passed');
  jest.restoreAllMocks();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = () => `capture-${Math.random().toString(36).slice(2)}`;

interface Ctx {
  setup: SetupRow;
  platform: PlatformRow;
  backend(options?: BackendOptions): Backend;
}

/** A ticket issued to `session` and captured (the simulated phone passed). */
async function captured(app: Backend, session: Session = 'me', instance = 0): Promise<Payload> {
  const ticket = await app.issue(session, instance);
  expect(ticket).toMatchObject({ status: 200 });
  return app.capture(ticket);
}

/** The answer of a refusal: HTTP 200 and `{ ok: false, code }`. */
const refused = (code: string) => ({ status: 200, body: expect.objectContaining({ ok: false, code }) });
const accepted = { status: 200, body: expect.objectContaining({ ok: true }) };

/** The 429 of a spent limit. */
function expectRateLimited(answer: Answer): void {
  expect(answer).toMatchObject({ status: 429, body: { ok: false, code: 'rate_limited', retryAfterSeconds: expect.any(Number) } });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(answer.headers.get('retry-after')).toBe(String(answer.body.retryAfterSeconds));
}

/** Sets `maxmemory-policy` on the setup's Redis (the cluster: on one master only, which must be enough). */
async function setPolicy(setup: SetupRow, policy: string): Promise<void> {
  if (setup.redis === 'cluster') {
    const client = clusterClients[0];
    const first = await client.nodeClient(client.masters[0]!);
    await first.configSet('maxmemory-policy', policy);
  } else {
    await redisClients[0].configSet('maxmemory-policy', policy);
  }
}

/** `CLIENT PAUSE ms ALL` on the setup's Redis (every master of the cluster). */
async function pauseRedis(setup: SetupRow, ms: number): Promise<void> {
  const command = ['CLIENT', 'PAUSE', String(ms), 'ALL'];
  if (setup.redis === 'cluster') {
    const client = clusterClients[0];
    await Promise.all(client.masters.map(async (master) => (await client.nodeClient(master)).sendCommand(command)));
  } else {
    await redisClients[0].sendCommand(command);
  }
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What must never be found at rest, with why. */
function forbidden(extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  for (const [who, person] of Object.entries({ me: USER, other: OTHER })) {
    const ids = [person.idCardNumber.toUpperCase(), person.idCardNumber.toLowerCase()];
    out[`${who}: name`] = person.name;
    out[`${who}: MD5(name)`] = md5(person.name);
    out[`${who}: SHA-256(name)`] = sha256(person.name);
    out[`${who}: cert_hash`] = certHash(person);
    for (const id of ids) {
      out[`${who}: ID ${id}`] = id;
      out[`${who}: MD5(ID ${id})`] = md5(id);
      out[`${who}: SHA-256(ID ${id})`] = sha256(id);
    }
  }
  for (const [who, session] of Object.entries(SESSIONS)) {
    out[`${who}: openid`] = session.openid;
    out[`${who}: userId`] = session.userId;
  }
  return out;
}

interface AttackRow {
  name: string;
  /** Platforms it applies to (all when absent). */
  platforms?: Array<PlatformRow['name']>;
  /** Setups it applies to (all when absent). */
  setups?: (setup: SetupRow) => boolean;
  run(ctx: Ctx): Promise<void>;
  /** The attack succeeds against the current server (a finding, reported): the test asserts the refusal and is marked failing. */
  finding?: string;
}

const onRedis = (setup: SetupRow) => setup.redis !== undefined;
const bigVerifyLimit = { verifyPerSubject: [{ points: 1000, perSeconds: 60 }] };

/** The attack classes; the expected refusal is asserted in each. */
const ATTACKS: AttackRow[] = [
  {
    name: "someone else's credential (genuine, issued elsewhere for another person) → refused (unknown_ticket), the platform's verdict never accepted",
    async run({ backend }) {
      const app = backend();
      const theirs = await app.foreignCredential();
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('me', theirs, { instance })).toMatchObject(refused('unknown_ticket'));
        // Not even the person it is for gets it accepted here: it was not issued by this backend.
        expect(await app.submit('other', theirs, { instance })).toMatchObject(refused('unknown_ticket'));
      }
    },
  },
  {
    name: 'a WeChat v1 capture of someone else made without a ticket → ticket_required',
    platforms: ['WeChat v1'],
    async run({ backend }) {
      const app = backend();
      const { createMockCredential } = await import('taro-face-verify/server');
      const formFlow = { verify_result: createMockCredential({ ...OTHER }) };
      expect(await app.submit('me', formFlow)).toMatchObject(refused('ticket_required'));
    },
  },
  {
    name: "someone else's ticket → unknown_ticket on every instance, and its owner then succeeds",
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('other', mine, { instance })).toMatchObject(refused('unknown_ticket'));
      }
      expect(await app.submit('me', mine, { instance: app.instances - 1 })).toMatchObject(accepted);
    },
  },
  {
    name: "someone else's Idempotency-Key after acceptance → replayed (the verdict goes back to its owner only)",
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      const idempotencyKey = key();
      const first = await app.submit('me', mine, { idempotencyKey });
      expect(first).toMatchObject(accepted);
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('other', mine, { idempotencyKey, instance })).toMatchObject(refused('replayed'));
        // Naming all of the owner's subject but one part is someone else too.
        expect(await app.submit('me-but-openid', mine, { idempotencyKey, instance })).toMatchObject(refused('replayed'));
        expect((await app.submit('me', mine, { idempotencyKey, instance })).body).toEqual(first.body);
      }
    },
  },
  {
    name: "someone else's Idempotency-Key while the first post is in flight → replayed",
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      const idempotencyKey = key();
      const held = app.hold();
      const first = app.submit('me', mine, { idempotencyKey });
      await held.entered;
      // The attacker's post meets the owner's claim while it is pending: it waits for the outcome (the owner's
      // post could still fail), and gets "replayed" once the owner is accepted, never the owner's verdict.
      const attacker = app.submit('other', mine, { idempotencyKey, instance: app.instances - 1 });
      await new Promise((resolve) => setTimeout(resolve, 150));
      held.release();
      expect(await first).toMatchObject(accepted);
      expect(await attacker).toMatchObject(refused('replayed'));
      expect(await app.submit('other', mine, { idempotencyKey })).toMatchObject(refused('replayed'));
    },
  },
  {
    name: 'Idempotency-Key with expect() naming nobody → no verdict is given back to anyone (replayed)',
    async run({ backend }) {
      const app = backend({ expectNothing: true });
      const mine = await captured(app);
      const idempotencyKey = key();
      expect(await app.submit('me', mine, { idempotencyKey })).toMatchObject(accepted);
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('me', mine, { idempotencyKey, instance })).toMatchObject(refused('replayed'));
        expect(await app.submit('other', mine, { idempotencyKey, instance })).toMatchObject(refused('replayed'));
      }
    },
  },
  {
    name: 'replay of an accepted result, on the same and on the other instance → replayed',
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      expect(await app.submit('me', mine)).toMatchObject(accepted);
      expect(await app.submit('me', mine)).toMatchObject(refused('replayed'));
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject(refused('replayed'));
      expect(await app.submit('me', mine, { idempotencyKey: key(), instance: 1 })).toMatchObject(refused('replayed'));
    },
  },
  {
    name: '20 concurrent posts of one credential, spread over the instances → exactly one accepted, the rest replayed',
    async run({ backend }) {
      const app = backend({ limits: bigVerifyLimit });
      const mine = await captured(app);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, instance) => app.submit('me', mine, { instance })));
      expect(answers.filter((answer) => answer.body.ok === true)).toHaveLength(1);
      expect(answers.filter((answer) => answer.body.code === 'replayed')).toHaveLength(19);
    },
  },
  {
    name: 'stale: a v1 result older than maxAgeSeconds → stale',
    platforms: ['WeChat v1'],
    async run({ backend }) {
      const app = backend({ maxAgeSeconds: 60 });
      const mine = await captured(app);
      env.skew.ms = 61_000;
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject(refused('stale'));
    },
  },
  {
    name: 'stale: an Alipay certify id or a Tencent BizToken issued longer ago than maxAgeSeconds → stale, whatever the platform says',
    platforms: ['Alipay', 'Tencent'],
    async run({ backend }) {
      const app = backend({ maxAgeSeconds: 60 });
      const mine = await captured(app);
      env.skew.ms = 61_000;
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject(refused('stale'));
    },
  },
  {
    name: "expired: a v2 verifyId past WeChat's lifetime → credential_rejected (84002)",
    platforms: ['WeChat v2'],
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      env.skew.ms = 3_601_000;
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject({
        status: 200,
        body: expect.objectContaining({ ok: false, code: 'credential_rejected', errcode: 84002 }),
      });
    },
  },
  {
    name: 'forged: a v1 credential WeChat does not know → credential_rejected (84001)',
    platforms: ['WeChat v1'],
    async run({ backend }) {
      const app = backend();
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('me', app.forgedCredential(), { instance })).toMatchObject({
          status: 200,
          body: expect.objectContaining({ ok: false, code: 'credential_rejected', errcode: 84001 }),
        });
      }
    },
  },
  {
    name: 'forged: a v2 verifyId never issued → unknown_ticket, WeChat not asked',
    platforms: ['WeChat v2'],
    async run({ backend }) {
      const app = backend();
      const before = app.platformCalls();
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('me', app.forgedCredential(), { instance })).toMatchObject(refused('unknown_ticket'));
      }
      expect(app.platformCalls()).toBe(before);
    },
  },
  {
    name: 'forged: a Tencent BizToken never issued here → unknown_ticket, Tencent not asked',
    platforms: ['Tencent'],
    async run({ backend }) {
      const app = backend();
      const before = app.platformCalls();
      for (let instance = 0; instance < app.instances; instance++) {
        expect(await app.submit('me', app.forgedCredential(), { instance })).toMatchObject(refused('unknown_ticket'));
      }
      expect(app.platformCalls()).toBe(before);
    },
  },
  {
    name: "someone else's face on my BizToken: Tencent reports another person (ErrCode 0, Sim 90) → id_card_mismatch, token spent",
    platforms: ['Tencent'],
    async run({ backend }) {
      const app = backend();
      const ticket = await app.issue('me');
      const bizToken = String(ticket.body.bizToken);
      expect(tencentMock.complete(bizToken, 'other-person')).toBe(true);
      const answer = await app.submit('me', { platform: 'tencent', biz_token: bizToken });
      expect(answer.body).toMatchObject({ ok: false, problems: expect.arrayContaining(['id_card_mismatch', 'name_mismatch']) });
      expect(await app.submit('me', { platform: 'tencent', biz_token: bizToken }, { instance: 1 })).toMatchObject({ body: { ok: false } });
    },
  },
  {
    name: 'Tencent ErrCode 0 with a similarity below 70 → detect_ret 2016, never accepted',
    platforms: ['Tencent'],
    async run({ backend }) {
      const app = backend();
      const ticket = await app.issue('me');
      const bizToken = String(ticket.body.bizToken);
      tencentMock.complete(bizToken, 'low-sim-zero');
      expect((await app.submit('me', { platform: 'tencent', biz_token: bizToken })).body).toMatchObject({ ok: false, code: 2016 });
    },
  },
  {
    name: 'forged: an Alipay answer altered on the way (unsigned "T" node appended to the signed "F", appended-node) → 502 alipay_bad_signature',
    platforms: ['Alipay'],
    async run({ backend }) {
      const app = backend();
      const ticket = await app.issue('me');
      const certifyId = String(ticket.body.certifyId);
      alipayMock.reportCapture(certifyId, false); // Alipay's signed answer says "F"
      alipayMock.setScenario('appended-node');
      expect(await app.submit('me', { certify_id: certifyId })).toMatchObject({
        status: 502,
        body: { ok: false, code: 'alipay_bad_signature', failure: 'ambiguous' },
      });
      alipayMock.setScenario('bad-signature');
      expect(await app.submit('me', { certify_id: certifyId }, { instance: 1 })).toMatchObject({ body: { ok: false } });
      alipayMock.setScenario('passed');
      expect((await app.submit('me', { certify_id: certifyId })).body.ok).toBe(false);
    },
  },
  {
    name: 'mismatch oracle: a foreign ticket posted with only the name, only the ID number, only the openid or only the userId differing → identical answers (unknown_ticket); the owner then succeeds',
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      const variants: Session[] = ['me-but-name', 'me-but-id', 'me-but-openid', 'me-but-userid'];
      const answers = [];
      for (const [index, session] of variants.entries()) answers.push(await app.submit(session, mine, { instance: index }));
      for (const answer of answers) {
        expect(answer).toMatchObject(refused('unknown_ticket'));
        expect({ status: answer.status, body: answer.body }).toEqual({ status: answers[0]!.status, body: answers[0]!.body });
      }
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject(accepted);
    },
  },
  {
    name: 'ticket flood by one account → 429 rate_limited with Retry-After after the limit; the instances together grant no more than one; nothing issued past it',
    async run({ backend }) {
      const app = backend({ limits: { ticketPerSubject: [{ points: 3, perSeconds: 60 }] } });
      const before = app.platformCalls();
      const answers: Answer[] = [];
      for (let i = 0; i < 6; i++) answers.push(await app.issue('me', i));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429, 429]);
      for (const answer of answers.slice(3)) expectRateLimited(answer);
      expect(app.platformCalls() - before).toBe(3);
    },
  },
  {
    name: 'ticket flood for one ID number from several accounts → 429 after the per-ID limit',
    async run({ backend }) {
      const app = backend({ limits: { ticketPerIdCard: [{ points: 2, perSeconds: 60 }] } });
      const accounts: Session[] = ['me', 'me-but-userid', 'me-but-openid', 'me'];
      const answers: Answer[] = [];
      for (const [i, session] of accounts.entries()) answers.push(await app.issue(session, i));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
      for (const answer of answers.slice(2)) expectRateLimited(answer);
    },
  },
  {
    name: 'verify-guess flood by one account → 429 after the limit (over all instances together)',
    async run({ backend }) {
      const app = backend({ limits: { verifyPerSubject: [{ points: 3, perSeconds: 60 }] } });
      const answers: Answer[] = [];
      for (let i = 0; i < 6; i++) answers.push(await app.submit('other', app.forgedCredential(), { instance: i }));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429, 429]);
      for (const answer of answers.slice(3)) expectRateLimited(answer);
      // The victim's own account is not locked out by the attacker's guesses.
      expect(await app.submit('me', await captured(app))).toMatchObject(accepted);
    },
  },
  {
    name: 'verify-guess flood from several accounts behind one IP (clientIp) → 429 after the per-IP limit',
    async run({ backend }) {
      const app = backend({ limits: { verifyPerIp: [{ points: 4, perSeconds: 60 }] } });
      const accounts: Session[] = ['other', 'me-but-userid', 'me', 'other', 'me-but-userid', 'me'];
      const answers: Answer[] = [];
      for (const [i, session] of accounts.entries()) {
        answers.push(await app.submit(session, app.forgedCredential(), { instance: i, ip: '203.0.113.7' }));
      }
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
      for (const answer of answers.slice(4)) expectRateLimited(answer);
      // Another IP is not capped by it.
      expect((await app.submit('other', app.forgedCredential(), { ip: '198.51.100.2' })).status).toBe(200);
    },
  },
  {
    name: 'verify-guess flood when expect() names nobody (expect: () => ({}), no clientIp) → 429 after the limit',
    async run({ backend }) {
      const app = backend({ expectNothing: true, limits: { verifyPerSubject: [{ points: 3, perSeconds: 60 }] } });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await app.submit('other', app.forgedCredential(), { instance: i })).status);
      expect(statuses.slice(3)).toEqual([429, 429, 429]);
    },
  },
  {
    name: "the owner's post while an attacker's post of the owner's ticket is in flight → the owner is accepted (not told replayed)",
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      // The attacker's post is held while it reads the ticket (its claim on the credential taken); the owner posts then.
      app.slow.ticketGet = 300;
      const attacker = app.submit('other', mine, { instance: 0 });
      while (app.slow.late === 0) await sleep(5);
      app.slow.ticketGet = 0;
      const owner = await app.submit('me', mine, { instance: 1, idempotencyKey: key() });
      expect((await attacker).body).toMatchObject({ ok: false, code: 'unknown_ticket' });
      expect(owner).toMatchObject(accepted);
    },
  },
  {
    name: 'typed identity with a session naming nobody (allowTypedIdentity, no userId / openid) → 500, no certify id or BizToken issued',
    platforms: ['Alipay', 'Tencent'],
    async run({ backend }) {
      const app = backend({ typedSessionNamingNobody: true });
      const before = app.platformCalls();
      const answer = await app.issue('me', 0, { name: '王五', idCardNumber: '110105194912310037' });
      expect(answer).toMatchObject({ status: 500, body: { ok: false } });
      expect(answer.body.certifyId).toBeUndefined();
      expect(answer.body.bizToken).toBeUndefined();
      expect(app.platformCalls()).toBe(before);
    },
  },
  {
    name: 'cross-site post (empty POST without a content type, text/plain) → 415, nothing issued or verified (the platform never asked)',
    async run({ backend }) {
      const app = backend();
      const mine = await captured(app);
      const before = app.platformCalls();
      const cookie = { 'x-session': 'me' };
      for (let instance = 0; instance < app.instances; instance++) {
        const empty = (url: string) => new Request(url, { method: 'POST', headers: cookie });
        const text = (url: string, body: unknown) =>
          new Request(url, {
            method: 'POST',
            headers: { ...cookie, 'content-type': 'text/plain;charset=UTF-8' },
            body: JSON.stringify(body),
          });
        for (const answer of [
          await app.raw.ticket(empty('http://app.test/api/face/ticket'), instance),
          await app.raw.ticket(text('http://app.test/api/face/ticket', { protocol: 'v2', platform: 'alipay' }), instance),
          await app.raw.verify(empty('http://app.test/api/face/verify'), instance),
          await app.raw.verify(text('http://app.test/api/face/verify', mine), instance),
        ]) {
          expect(answer).toMatchObject({ status: 415, body: { ok: false, code: 'unsupported_media_type' } });
        }
      }
      expect(app.platformCalls()).toBe(before);
      // The user's own JSON post still goes through.
      expect(await app.submit('me', mine)).toMatchObject(accepted);
    },
  },
  {
    name: 'memory store full of live entries → 503 store_full, nothing already kept is dropped',
    setups: (setup) => setup.redis === undefined,
    async run({ backend }) {
      const app = backend({ memoryMaxEntries: 2 });
      const first = await captured(app);
      await captured(app);
      expect(await app.issue('me')).toMatchObject({ status: 503, body: { ok: false, code: 'store_full' } });
      expect(await app.submit('me', first)).toMatchObject(accepted);
      expect(await app.submit('me', first)).toMatchObject(refused('replayed'));
    },
  },
  {
    name: 'evicting Redis (maxmemory-policy allkeys-lru) → every request 503 store_misconfigured (one console.error line per instance), nothing accepted',
    setups: onRedis,
    async run({ setup, backend }) {
      const healthy = backend();
      const mine = await captured(healthy);
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await setPolicy(setup, 'allkeys-lru');
      try {
        const evicting = backend({ sameAs: healthy });
        const before = evicting.platformCalls();
        for (let round = 0; round < 2; round++) {
          for (let instance = 0; instance < evicting.instances; instance++) {
            expect(await evicting.issue('me', instance)).toMatchObject({ status: 503, body: { ok: false, code: 'store_misconfigured' } });
            expect(await evicting.submit('me', mine, { instance })).toMatchObject({
              status: 503,
              body: { ok: false, code: 'store_misconfigured' },
            });
          }
        }
        expect(evicting.platformCalls()).toBe(before);
        expect(errors).toHaveBeenCalledTimes(evicting.instances);
        for (const [line] of errors.mock.calls) expect(String(line)).toMatch(/maxmemory-policy is allkeys-lru/);
      } finally {
        await setPolicy(setup, 'noeviction');
      }
      // Nothing was taken or claimed meanwhile: once Redis is safe again, the user's result is accepted once.
      const again = backend({ sameAs: healthy });
      expect(await again.submit('me', mine)).toMatchObject(accepted);
      expect(await again.submit('me', mine, { instance: 1 })).toMatchObject(refused('replayed'));
    },
  },
  {
    name: 'slow store (late GETDEL, late SET NX claim, CLIENT PAUSE) → 503 store_unavailable; the late writes are undone and the user then succeeds',
    setups: onRedis,
    async run({ setup, backend }) {
      const app = backend({ storeTimeoutMs: 150, limits: bigVerifyLimit });
      const slow = app.slow;
      const mine = await captured(app);
      const unavailable = { status: 503, body: { ok: false, code: 'store_unavailable' } };

      slow.getDel = 350; // the ticket is taken after the request was answered: it must go back
      const lateTake = await app.submit('me', mine);
      slow.getDel = 0;
      expect(lateTake).toMatchObject(unavailable);
      expect(lateTake.headers.get('retry-after')).toBe('1');
      await sleep(450);

      slow.claim = 350; // the claim lands after the answer: it must be released
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject(unavailable);
      slow.claim = 0;
      await sleep(450);

      const before = app.platformCalls();
      await pauseRedis(setup, 350);
      expect(await app.submit('me', mine)).toMatchObject(unavailable);
      expect(await app.issue('me', 1)).toMatchObject(unavailable);
      expect(app.platformCalls()).toBe(before);
      await sleep(450);

      expect(slow.late).toBeGreaterThanOrEqual(2);
      expect(await app.submit('me', mine, { instance: 1 })).toMatchObject(accepted);
      expect(await app.submit('me', mine)).toMatchObject(refused('replayed'));
    },
  },
  {
    name: 'nothing at rest names anyone: no name, ID number (any case), MD5 / SHA-256 of them, cert_hash, openid, userId, credential, ticket or Idempotency-Key in the clear',
    async run({ backend }) {
      const app = backend();
      const ticket = await app.issue('me');
      const mine = await app.capture(ticket);
      const idempotencyKey = key();
      expect(await app.submit('me', mine, { idempotencyKey })).toMatchObject(accepted);
      expect(await app.submit('me', mine, { idempotencyKey, instance: 1 })).toMatchObject(accepted);
      const theirs = await app.issue('other', 1);
      expect(await app.submit('me', await app.capture(theirs))).toMatchObject(refused('unknown_ticket'));
      const secrets: Record<string, string> = { 'Idempotency-Key': idempotencyKey };
      for (const [field, value] of Object.entries({ ...ticket.body, ...theirs.body, ...mine })) {
        if (['userIdKey', 'verifyId', 'certifyId', 'verify_result', 'verify_id', 'certify_id'].includes(field))
          secrets[field] = String(value);
      }
      const dump = await app.dump();
      expect(dump.length).toBeGreaterThan(2);
      const text = dump
        .map(([k, v]) => `${k}\n${v}`)
        .join('\n')
        .toLowerCase();
      const found = Object.entries(forbidden(secrets)).filter(([, value]) => text.includes(value.toLowerCase()));
      expect(found.map(([what]) => what)).toEqual([]);
    },
  },
];

const applicable = (attack: AttackRow, setup: SetupRow, platform: PlatformRow) =>
  (attack.platforms?.includes(platform.name) ?? true) && (attack.setups?.(setup) ?? true);

describe.each(SETUPS)('$name', (setup) => {
  describe.each(PLATFORMS)('$name', (platform) => {
    const ctx: Ctx = { setup, platform, backend: (options) => createBackend(env, setup, platform, options) };
    for (const attack of ATTACKS.filter((row) => applicable(row, setup, platform))) {
      // ATTACKS_SHOW_FINDINGS=1 runs the findings as plain tests, to see how each attack gets through.
      (attack.finding && !process.env.ATTACKS_SHOW_FINDINGS ? it.failing : it)(attack.name, () => attack.run(ctx));
    }
  });
});

describe('windows that would let a replay through are refused at creation', () => {
  it('replayTtlSeconds < maxAgeSeconds throws', () => {
    expect(() =>
      createVerifyHandler({
        api: { getVerifyInfo: jest.fn(), queryVerifyInfo: jest.fn() },
        expect: () => ({}),
        maxAgeSeconds: 600,
        replayTtlSeconds: 60,
      }),
    ).toThrow(/replayTtlSeconds/);
  });
});
