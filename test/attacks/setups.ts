/**
 * The attacker suite's wiring: every documented setup (memory stores; Redis; two instances on one Redis; two
 * instances on a Redis Cluster) × every platform (WeChat v1 and v2 with tickets, Alipay through the real
 * alipay-sdk, Tencent Cloud FaceID through the real tencentcloud-sdk-nodejs), behind one interface. A new setup or platform is one row in SETUPS or PLATFORMS below: every
 * attack in `attacks.test.ts` then runs against it.
 */
import {
  createAlipayApi,
  createMemoryOnceStore,
  createMemoryTicketStore,
  createMockCredential,
  createMockWeChat,
  createRedisStores,
  createTencentFaceIdApi,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  type AlipayApi,
  type Limits,
  type MockAlipayServer,
  type MockTencentFaceIdServer,
  type TencentFaceIdApi,
  type MockWeChat,
  type OnceStore,
  type RedisClientLike,
  type RedisStores,
  type TicketStore,
  type VerifyExpectation,
  type WeChatApi,
} from 'taro-face-verify/server';
import { sdkFor } from '../alipay/helpers';
import { sdkClient } from '../server/tencent-helpers';
import { OTHER, USER } from '../server/helpers';
import type { RedisClusterClient, RedisClusterServer } from '../server/redis-cluster';
import type { RedisClient, RedisServer } from '../server/redis-server';

/** The openid the WeChat stand-in reports for every v1 capture: the victim's. */
export const MOCK_OPENID = 'oMock0000000000000000000000';

const ME = { userId: 'acct-me-4f1d9c', ...USER, openid: MOCK_OPENID };
/** Who posts: the victim (`me`), an attacker (`other`) and attackers who share all of the victim's subject but one part. */
export const SESSIONS = {
  me: ME,
  other: { userId: 'acct-other-a2b7e0', ...OTHER, openid: 'oOtherUser000000000000000000' },
  'me-but-name': { ...ME, name: OTHER.name },
  'me-but-id': { ...ME, idCardNumber: OTHER.idCardNumber },
  'me-but-openid': { ...ME, openid: 'oAnotherOpenid00000000000000' },
  'me-but-userid': { ...ME, userId: 'acct-not-me-77c3aa' },
} as const;
export type Session = keyof typeof SESSIONS;

export type Payload = Record<string, string>;
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/** What a file shares with its backends: its Redis, its cluster, the Alipay stand-in and the clock. */
export interface Env {
  redis: () => { server: RedisServer; clients: [RedisClient, RedisClient] };
  cluster: () => { server: RedisClusterServer; clients: [RedisClusterClient, RedisClusterClient] };
  alipay: () => MockAlipayServer;
  tencent: () => MockTencentFaceIdServer;
  /** Milliseconds added to the clock of the handlers and the WeChat stand-in (Redis TTLs keep real time). */
  skew: { ms: number };
}

/** Options of one backend: what an attack needs changed from the documented defaults. */
export interface BackendOptions {
  limits?: Partial<Limits>;
  /** `expect` returns `{}`: the app checks only the platform's verdict (no subject). */
  expectNothing?: boolean;
  /** Memory stores: at most this many live entries. */
  memoryMaxEntries?: number;
  /** Redis stores' time bound. */
  storeTimeoutMs?: number;
  /** A second deployment on another backend's data: its Redis key prefix and its platform stand-in. */
  sameAs?: Backend;
  maxAgeSeconds?: number;
  /** Alipay `allowTypedIdentity`, with `identity()` giving a session that names nobody (no userId, no openid). */
  typedSessionNamingNobody?: boolean;
}

/**
 * Slows one kind of store call of a backend (a fake slow client): `getDel` (ticket take), `claim` (SET NX on a
 * replay key), `ticketGet` (a ticket read). Milliseconds; 0 is off.
 */
export interface Slowdown {
  getDel: number;
  claim: number;
  /** Reading a ticket (every setup, memory included). */
  ticketGet: number;
  /** Calls answered late so far. */
  late: number;
}

/** One running backend (one or two instances), as the attacks drive it. */
export interface Backend {
  instances: number;
  /** The Redis key prefix (Redis setups). */
  prefix: string;
  /** POST the ticket request as `session` (to instance `instance`). */
  issue(session: Session, instance?: number, body?: Record<string, string>): Promise<Answer>;
  /** The simulated phone: a successful capture on a ticket, as the payload the front end posts. */
  capture(ticket: Answer): Promise<Payload>;
  /** POST a payload to the verify endpoint as `session`. */
  submit(session: Session, payload: Payload, options?: { idempotencyKey?: string; instance?: number; ip?: string }): Promise<Answer>;
  /** The raw handlers, for requests no front end would send. */
  raw: {
    ticket: (request: Request, instance?: number) => Promise<Answer>;
    verify: (request: Request, instance?: number) => Promise<Answer>;
  };
  /** Calls the platform stand-in received for issuing and verifying (tokens not counted). */
  platformCalls(): number;
  /** Holds the platform's verdict calls until `release`; `entered` resolves once one is waiting. */
  hold(): { entered: Promise<void>; release: () => void };
  /** A genuine platform credential not issued by this backend (issued for someone else, elsewhere). */
  foreignCredential(): Promise<Payload>;
  /** A credential the platform never issued. */
  forgedCredential(): Payload;
  /** Every key and value the backend keeps at rest. */
  dump(): Promise<Array<[string, string]>>;
  /** The slow-store switch (getDel and claim: Redis setups only). */
  slow: Slowdown;
  /** This backend's platform stand-in and clients (for `sameAs`). */
  readonly parts: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Setups: where the records live.

/** What one instance's handlers are given: at least the tickets and the replay store (Redis: all of `createRedisStores`). */
type InstanceStores = Pick<RedisStores, 'tickets' | 'replayStore'> & Partial<RedisStores>;
type StoresFor = (instance: number, options: BackendOptions) => InstanceStores;

export interface SetupRow {
  name: string;
  instances: number;
  redis?: 'single' | 'cluster';
  /** The stores each instance gets, and how to dump them. */
  wire(
    env: Env,
    options: BackendOptions,
    slow: Slowdown,
  ): { stores: StoresFor; dump: () => Promise<Array<[string, string]>>; prefix: string };
}

/** A memory store that also records what it was given, so the suite can read what was kept at rest. */
function recordedMemory(
  maxEntries: number | undefined,
  record: Map<string, string>,
  slow: Slowdown,
): { tickets: TicketStore; replayStore: OnceStore } {
  const options = maxEntries === undefined ? {} : { maxEntries };
  const tickets = createMemoryTicketStore(options);
  const once = createMemoryOnceStore(options);
  return {
    tickets: {
      ...tickets,
      get: async (key) => {
        await slowTicketRead(slow);
        return tickets.get(key);
      },
      put: async (key, ticket, ttl) => {
        await tickets.put(key, ticket, ttl);
        record.set(key, JSON.stringify(ticket));
      },
    },
    replayStore: {
      ...once,
      claim: async (key, ttl, value) => {
        const claimed = await once.claim(key, ttl, value);
        if (claimed) record.set(key, value ?? '1');
        return claimed;
      },
      settle: async (key, expected, value, ttl) => {
        const settled = (await once.settle?.(key, expected, value, ttl)) ?? false;
        if (settled) record.set(`${key}#settled`, value);
        return settled;
      },
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function slowTicketRead(slow: Slowdown): Promise<void> {
  if (slow.ticketGet <= 0) return;
  slow.late++;
  await sleep(slow.ticketGet);
}

/** A fake slow client: the real one, with GETDEL or SET NX on a replay key answered late (after running late). */
function slowed<T extends object>(client: T, slow: Slowdown): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property === 'getDel') {
        return async (...args: unknown[]) => {
          if (slow.getDel > 0) {
            slow.late++;
            await sleep(slow.getDel);
          }
          return bound(...args);
        };
      }
      if (property === 'get') {
        return async (...args: unknown[]) => {
          if (String(args[0]).includes('tfv:ticket:')) await slowTicketRead(slow);
          return bound(...args);
        };
      }
      if (property === 'set') {
        return async (...args: unknown[]) => {
          const [key, , options] = args as [string, string, { NX?: boolean } | undefined];
          if (slow.claim > 0 && options?.NX === true && key.includes('tfv:replay:')) {
            slow.late++;
            await sleep(slow.claim);
          }
          return bound(...args);
        };
      }
      return bound;
    },
  });
}

async function scanAll(
  node: {
    scanIterator(options: { MATCH: string; COUNT?: number }): AsyncIterable<string | string[]>;
    type(key: string): Promise<string>;
    get(key: string): Promise<string | null>;
    hGetAll(key: string): Promise<Record<string, string>>;
  },
  prefix: string,
): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const chunk of node.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    for (const key of [chunk].flat()) {
      const type = await node.type(key);
      const value =
        type === 'string' ? ((await node.get(key)) ?? '') : type === 'hash' ? JSON.stringify(await node.hGetAll(key)) : `<${type}>`;
      out.push([key, value]);
    }
  }
  return out;
}

const randomPrefix = () => `atk${Math.random().toString(36).slice(2, 10)}:`;

function redisStores(client: unknown, prefix: string, options: BackendOptions, slow: Slowdown) {
  return createRedisStores({
    client: slowed(client as RedisClientLike & object, slow),
    prefix,
    ...(options.storeTimeoutMs === undefined ? {} : { timeoutMs: options.storeTimeoutMs }),
  });
}

export const SETUPS: SetupRow[] = [
  {
    name: 'memory stores, one instance',
    instances: 1,
    wire(_env, options, slow) {
      const record = new Map<string, string>();
      const stores = recordedMemory(options.memoryMaxEntries, record, slow);
      return { prefix: '', stores: () => stores, dump: async () => [...record.entries()] };
    },
  },
  {
    name: 'Redis, one instance',
    instances: 1,
    redis: 'single',
    wire(env, options, slow) {
      const prefix = options.sameAs?.prefix || randomPrefix();
      const { clients } = env.redis();
      const stores = redisStores(clients[0], prefix, options, slow);
      return { prefix, stores: () => stores, dump: () => scanAll(clients[0], prefix) };
    },
  },
  {
    name: 'Redis, two instances',
    instances: 2,
    redis: 'single',
    wire(env, options, slow) {
      const prefix = options.sameAs?.prefix || randomPrefix();
      const { clients } = env.redis();
      // Each instance its own connection and its own createRedisStores, as two processes would have.
      const each = clients.map((client) => redisStores(client, prefix, options, slow));
      return { prefix, stores: (instance) => each[instance]!, dump: () => scanAll(clients[0], prefix) };
    },
  },
  {
    name: 'Redis Cluster, two instances',
    instances: 2,
    redis: 'cluster',
    wire(env, options, slow) {
      const prefix = options.sameAs?.prefix || randomPrefix();
      const { clients } = env.cluster();
      const each = clients.map((client) => redisStores(client, prefix, options, slow));
      const dump = async () => {
        const cluster = clients[0];
        const perMaster = await Promise.all(cluster.masters.map(async (master) => scanAll(await cluster.nodeClient(master), prefix)));
        return perMaster.flat();
      };
      return { prefix, stores: (instance) => each[instance]!, dump };
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Platforms: what a ticket, a capture and a credential are.

/** A gate in front of the platform's verdict calls (for "while in flight"). */
class Gate {
  private held: Promise<void> | undefined;
  private onEnter: (() => void) | undefined;
  async pass(): Promise<void> {
    this.onEnter?.();
    if (this.held) await this.held;
  }
  hold() {
    let release: () => void = () => undefined;
    this.held = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (this.onEnter = resolve));
    return {
      entered,
      release: () => {
        this.held = undefined;
        this.onEnter = undefined;
        release();
      },
    };
  }
}

interface PlatformParts {
  ticketBody: Record<string, string>;
  /** Options of createTicketHandler / createVerifyHandler for this platform (one instance's clients). */
  ticketClients(): Record<string, unknown>;
  verifyClients(gate: Gate): Record<string, unknown>;
  capture(ticket: Answer): Promise<Payload>;
  platformCalls(): number;
  foreignCredential(): Promise<Payload>;
  forgedCredential(): Payload;
}

export interface PlatformRow {
  name: 'WeChat v1' | 'WeChat v2' | 'Alipay' | 'Tencent';
  parts(env: Env): PlatformParts;
}

const payload = (fields: Payload): Payload => fields;
const hex = (bytes: number) =>
  Array.from({ length: bytes }, () =>
    Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0'),
  ).join('');

/** The WeChat stand-in (one per backend, shared by its instances) and one API client per instance. */
function wechatParts(env: Env, protocol: 'v1' | 'v2'): PlatformParts {
  const mock: MockWeChat = createMockWeChat({ now: () => Date.now() + env.skew.ms });
  const client = (): WeChatApi =>
    createWeChatApi({ appId: mock.appId, appSecret: mock.appSecret, baseUrl: mock.url, fetch: mock.fetch, sleep: async () => undefined });
  const outside = client();
  const calls = () => ['getuseridkey', 'getinfo', 'getverifyid', 'queryverifyinfo'].reduce((sum, name) => sum + (mock.calls[name] ?? 0), 0);
  return {
    ticketBody: { protocol },
    ticketClients: () => ({ api: client() }),
    verifyClients(gate) {
      const api = client();
      const gated: Pick<WeChatApi, 'getVerifyInfo' | 'queryVerifyInfo'> = {
        getVerifyInfo: async (verifyResult) => (await gate.pass(), api.getVerifyInfo(verifyResult)),
        queryVerifyInfo: async (params) => (await gate.pass(), api.queryVerifyInfo(params)),
      };
      return { api: gated };
    },
    async capture(ticket) {
      if (protocol === 'v1') return payload({ verify_result: createMockCredential({ userIdKey: String(ticket.body.userIdKey) }) });
      return payload({ verify_id: String(ticket.body.verifyId), out_seq_no: String(ticket.body.outSeqNo) });
    },
    platformCalls: calls,
    async foreignCredential() {
      if (protocol === 'v1') {
        // Another person's genuine capture, started elsewhere (a v1 form-flow capture, or another backend's userIdKey).
        const { userIdKey } = await outside.getUserIdKey({ ...OTHER });
        return payload({ verify_result: createMockCredential({ userIdKey }) });
      }
      const outSeqNo = `elsewhere${hex(8)}`;
      const { verifyId } = await outside.getVerifyId({ ...OTHER, openid: SESSIONS.other.openid, outSeqNo });
      return payload({ verify_id: verifyId, out_seq_no: outSeqNo });
    },
    forgedCredential: () =>
      protocol === 'v1'
        ? payload({ verify_result: `forged.${hex(24)}` })
        : payload({ verify_id: `mock-vid-${hex(16)}`, out_seq_no: `tfv${hex(14)}` }),
  };
}

export const PLATFORMS: PlatformRow[] = [
  { name: 'WeChat v1', parts: (env) => wechatParts(env, 'v1') },
  { name: 'WeChat v2', parts: (env) => wechatParts(env, 'v2') },
  {
    name: 'Alipay',
    parts(env) {
      const mock = env.alipay();
      const alipay: AlipayApi = createAlipayApi({ sdk: sdkFor(mock), allowInsecureGateway: true });
      return {
        ticketBody: { platform: 'alipay' },
        ticketClients: () => ({ alipay }),
        verifyClients: (gate) => ({ alipay: { query: async (certifyId: string) => (await gate.pass(), alipay.query(certifyId)) } }),
        async capture(ticket) {
          const certifyId = String(ticket.body.certifyId);
          if (!mock.reportCapture(certifyId, true)) throw new Error('the Alipay stand-in does not know this certify id');
          return { certify_id: certifyId };
        },
        platformCalls: () => (mock.calls.initialize ?? 0) + (mock.calls.query ?? 0),
        async foreignCredential() {
          // Initialized by another app (or directly on Alipay) for someone else, and passed.
          const { certifyId } = await alipay.initialize({ ...OTHER });
          mock.reportCapture(certifyId, true);
          return { certify_id: certifyId };
        },
        forgedCredential: () => ({ certify_id: hex(16) }),
      };
    },
  },
  {
    name: 'Tencent',
    parts(env) {
      const mock = env.tencent();
      const tencent: TencentFaceIdApi = createTencentFaceIdApi({
        client: sdkClient(mock),
        ruleId: mock.ruleId,
        redirectUrl: 'http://127.0.0.1:10086/#/pages/face-verify/index',
      });
      return {
        ticketBody: { platform: 'tencent' },
        ticketClients: () => ({ tencent }),
        verifyClients: (gate) => ({
          tencent: { getDetectInfo: async (bizToken: string) => (await gate.pass(), tencent.getDetectInfo(bizToken)) },
        }),
        async capture(ticket) {
          const bizToken = String(ticket.body.bizToken);
          if (!mock.complete(bizToken, 'pass')) throw new Error('the Tencent stand-in does not know this BizToken');
          return { platform: 'tencent', biz_token: bizToken };
        },
        platformCalls: () => (mock.calls.DetectAuth ?? 0) + (mock.calls.GetDetectInfoEnhanced ?? 0),
        async foreignCredential() {
          // Started by another backend (or directly on Tencent) for someone else, and passed.
          const { bizToken } = await tencent.detectAuth({ ...OTHER });
          mock.complete(bizToken, 'pass');
          return { platform: 'tencent', biz_token: bizToken };
        },
        forgedCredential: () => ({ platform: 'tencent', biz_token: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` }),
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------

const sessionOf = (request: Request) => SESSIONS[(request.headers.get('x-session') ?? '') as Session] ?? null;

/** Builds one backend: `setup`'s stores, `platform`'s clients, the documented handler wiring (`...stores`). */
export function createBackend(env: Env, setup: SetupRow, platform: PlatformRow, options: BackendOptions = {}): Backend {
  const slow: Slowdown = { getDel: 0, claim: 0, ticketGet: 0, late: 0 };
  const wired = setup.wire(env, options, slow);
  const parts = (options.sameAs?.parts as PlatformParts | undefined) ?? platform.parts(env);
  const gate = new Gate();
  const now = () => Date.now() + env.skew.ms;
  const clientIp = (request: Request) => request.headers.get('x-client-ip') ?? undefined;
  const limits = options.limits === undefined ? {} : { limits: options.limits };
  const expect = (request: Request): VerifyExpectation | null => {
    const user = sessionOf(request);
    if (!user) return null;
    if (options.expectNothing) return {};
    return { userId: user.userId, name: user.name, idCardNumber: user.idCardNumber, openid: user.openid };
  };
  const instances = Array.from({ length: setup.instances }, (_, index) => {
    const stores = wired.stores(index, options);
    const ticket = createTicketHandler({
      ...parts.ticketClients(),
      identity: options.typedSessionNamingNobody ? (request: Request) => (sessionOf(request) ? {} : null) : sessionOf,
      ...(options.typedSessionNamingNobody ? { allowTypedIdentity: true } : {}),
      ...stores,
      ...limits,
      clientIp,
      now,
      onError: () => undefined,
    });
    const verify = createVerifyHandler({
      ...parts.verifyClients(gate),
      expect,
      ...stores,
      tickets: stores.tickets,
      ...limits,
      clientIp,
      now,
      ...(options.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: options.maxAgeSeconds }),
      onError: () => undefined,
    });
    return { ticket, verify };
  });
  const pick = (instance: number) => instances[instance % instances.length]!;
  const headers = (session: Session, extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    'x-session': session,
    ...extra,
  });
  return {
    instances: setup.instances,
    prefix: wired.prefix,
    async issue(session, instance = 0, body = {}) {
      const request = new Request('http://app.test/api/face/ticket', {
        method: 'POST',
        headers: headers(session),
        body: JSON.stringify({ ...parts.ticketBody, ...body }),
      });
      return answerOf(await pick(instance).ticket(request));
    },
    capture: (ticket) => parts.capture(ticket),
    async submit(session, payload, { idempotencyKey, instance = 0, ip } = {}) {
      const extra: Record<string, string> = {
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
        ...(ip === undefined ? {} : { 'x-client-ip': ip }),
      };
      const request = new Request('http://app.test/api/face/verify', {
        method: 'POST',
        headers: headers(session, extra),
        body: JSON.stringify(payload),
      });
      return answerOf(await pick(instance).verify(request));
    },
    raw: {
      ticket: async (request, instance = 0) => answerOf(await pick(instance).ticket(request)),
      verify: async (request, instance = 0) => answerOf(await pick(instance).verify(request)),
    },
    platformCalls: parts.platformCalls,
    hold: () => gate.hold(),
    foreignCredential: parts.foreignCredential,
    forgedCredential: parts.forgedCredential,
    dump: wired.dump,
    parts,
    slow,
  };
}
