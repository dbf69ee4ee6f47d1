/**
 * The demo backend: the kit's handlers on a real node:http server, for the browser preview and for
 * trying the kit against WeChat. `scripts/demo-server.ts` is its command line (`npm run server`).
 *
 * Without credentials it stands in for every platform: the local WeChat stand-in, Alipay through the local
 * Alipay stand-in (the official alipay-sdk, with an app key pair made at start), and Tencent Cloud FaceID through
 * the local FaceID stand-in (the official tencentcloud-sdk-nodejs client; its verification page sends the browser
 * back to DEMO_TENCENT_REDIRECT_URL, the preview's page by default). With WECHAT_APPID and
 * WECHAT_SECRET it talks to WeChat and stands in for nothing: a stand-in passes whoever asks it to, so a backend
 * giving real WeChat verdicts must not also accept stand-in Alipay ones (Alipay answers 400 alipay_not_configured).
 * Logs one line per request (method, path, status, duration) and nothing else: never a name, ID number,
 * credential or token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  createAlipayApi,
  createPushHandler,
  createTencentFaceIdApi,
  createRedisStores,
  createTicketHandler,
  createVerifyHandler,
  createWeChatApi,
  decodeEncodingAESKey,
  MOCK_ALIPAY_CAPTURE_REPORT_PATH,
  MOCK_CAPTURE_REPORT_PATH,
  startMockAlipay,
  startMockTencentFaceId,
  startMockWeChat,
  toNodeListener,
  type AlipayApi,
  type AuditRecord,
  type FetchHandler,
  type MockAlipayOptions,
  type MockAlipayServer,
  type MockTencentFaceIdServer,
  type TencentFaceIdApi,
  type MockWeChatOptions,
  type MockWeChatServer,
  type RedisStores,
  type TicketIdentity,
} from '../src/face-verify/server';

/** A configuration problem, reported before anything starts. */
export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}

export interface DemoServerOptions {
  /** 0 picks a free port. @default 10087 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Where WECHAT_* and DEMO_* settings are read. @default process.env */
  env?: Record<string, string | undefined>;
  /** Origins allowed by CORS. @default the preview: http://localhost:10086 and http://127.0.0.1:10086, plus CORS_ORIGINS */
  allowedOrigins?: string[];
  /** Receives one line per request. @default console.log */
  log?: (line: string) => void;
  /** Options for the stand-in, when it is used (scenario, …). */
  mockWeChat?: MockWeChatOptions;
  /** Options for the Alipay stand-in, when it is used (scenario, …). */
  mockAlipay?: MockAlipayOptions;
}

export interface DemoServer {
  /** e.g. http://127.0.0.1:10087 */
  url: string;
  port: number;
  /** `mock`: the local stand-in answers for WeChat; `wechat`: the real WeChat API (or WECHAT_API_BASE_URL). */
  mode: 'mock' | 'wechat';
  /** The stand-in, in mock mode (to switch scenarios or send pushes). */
  wechat?: MockWeChatServer;
  /** The Alipay stand-in the handlers' alipay-sdk talks to (to switch scenarios), in mock mode only. */
  alipay?: MockAlipayServer;
  /** The Tencent Cloud FaceID stand-in (its verification page), in mock mode only. */
  tencent?: MockTencentFaceIdServer;
  close(): Promise<void>;
}

interface WeChatSettings {
  appId: string;
  appSecret: string;
  baseUrl?: string;
  tokenMode: 'stable' | 'classic';
  pushToken?: string;
  encodingAESKey?: string;
}

/** Reads and checks the WeChat settings; throws {@link DemoConfigError} with what to fix. */
export function readWeChatSettings(env: Record<string, string | undefined>): WeChatSettings | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const appId = value('WECHAT_APPID');
  const appSecret = value('WECHAT_SECRET');
  if (appId && !appSecret)
    throw new DemoConfigError(
      'WECHAT_APPID is set but WECHAT_SECRET is not: set both to use WeChat, or neither to use the local stand-in.',
    );
  if (!appId && appSecret)
    throw new DemoConfigError(
      'WECHAT_SECRET is set but WECHAT_APPID is not: set both to use WeChat, or neither to use the local stand-in.',
    );
  const encodingAESKey = value('WECHAT_AES_KEY');
  if (encodingAESKey) {
    try {
      decodeEncodingAESKey(encodingAESKey);
    } catch {
      throw new DemoConfigError(
        'WECHAT_AES_KEY is not a valid EncodingAESKey: it must be the 43 Base64 characters shown in the WeChat console.',
      );
    }
  }
  const tokenMode = value('WECHAT_TOKEN_MODE') ?? 'stable';
  if (tokenMode !== 'stable' && tokenMode !== 'classic') throw new DemoConfigError('WECHAT_TOKEN_MODE must be "stable" or "classic".');
  if (!appId || !appSecret) return null;
  const baseUrl = value('WECHAT_API_BASE_URL');
  const pushToken = value('WECHAT_PUSH_TOKEN');
  return {
    appId,
    appSecret,
    tokenMode,
    ...(baseUrl ? { baseUrl } : {}),
    ...(pushToken ? { pushToken } : {}),
    ...(encodingAESKey ? { encodingAESKey } : {}),
  };
}

/**
 * With REDIS_URL, the handlers share replay claims, tickets, the access token and push de-duplication on
 * Redis, so several demo backends behind one address behave as one. `redis` is a dev dependency: the kit
 * itself never imports it.
 */
async function sharedStores(
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<(RedisStores & { close: () => Promise<void> }) | undefined> {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  const { createClient } = await import('redis');
  let connected = false;
  // Before the first connection, a failure is a configuration error (reported at once); after it, an outage
  // that node-redis rides out by reconnecting while the handlers answer 503.
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => (connected ? Math.min(50 * 2 ** retries, 1000) : false) },
  });
  let reported = false;
  // node-redis reconnects by itself; one line per outage (never the error text, which may quote a key).
  client.on('error', () => {
    if (connected && !reported) log('redis unavailable: answering 503 until it returns');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) log('redis available again');
    reported = false;
  });
  try {
    await client.connect();
    connected = true;
  } catch {
    throw new DemoConfigError(`REDIS_URL is set but Redis does not answer there; start Redis or unset REDIS_URL.`);
  }
  return { ...createRedisStores({ client }), close: async () => void client.destroy() };
}

/**
 * The demo's limits: on, as in production, but wide enough for the one demo account to be used by the preview,
 * the e2e suite and four instances at once (production defaults allow 5 tickets a minute per user).
 */
const DEMO_LIMITS = {
  ticketPerSubject: [{ points: 600, perSeconds: 60 }],
  ticketPerIdCard: [{ points: 600, perSeconds: 60 }],
  verifyPerSubject: [{ points: 1200, perSeconds: 60 }],
};

/** The one demo account: whom tickets are issued for. */
function demoUser(env: Record<string, string | undefined>, fallbackOpenid: string | undefined): TicketIdentity {
  const openid = env.DEMO_USER_OPENID?.trim() || fallbackOpenid;
  return {
    name: env.DEMO_USER_NAME?.trim() || '张三',
    idCardNumber: env.DEMO_USER_ID_CARD?.trim() || '11010519491231002X',
    ...(openid ? { openid } : {}),
  };
}

function withCors(handler: FetchHandler, allowed: ReadonlySet<string>): FetchHandler {
  return async (request) => {
    const origin = request.headers.get('origin');
    const cors: Record<string, string> =
      origin !== null && allowed.has(origin)
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            'access-control-allow-headers': 'content-type, authorization, idempotency-key',
            'access-control-max-age': '600',
            vary: 'Origin',
          }
        : { vary: 'Origin' };
    const response = request.method === 'OPTIONS' ? new Response(null, { status: 204 }) : await handler(request);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(cors)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  };
}

const notFound = (): Response =>
  new Response(JSON.stringify({ ok: false, code: 'not_found', message: 'No such endpoint.' }), {
    status: 404,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/**
 * The Alipay stand-in and an alipay-sdk instance on it, as an app configures one for Alipay (its app key pair
 * made by the stand-in at start). `alipay-sdk` is a dev dependency here; the kit never imports it.
 */
async function alipayStandIn(options: MockAlipayOptions | undefined): Promise<{ mock: MockAlipayServer; api: AlipayApi }> {
  const mock = await startMockAlipay(options);
  try {
    const { AlipaySdk } = await import('alipay-sdk');
    const sdk = new AlipaySdk({
      appId: mock.appId,
      privateKey: mock.appPrivateKey as string,
      alipayPublicKey: mock.alipayPublicKey,
      gateway: mock.gateway,
    });
    // The stand-in speaks plain http on loopback: allowed here, never for Alipay's real gateway.
    return { mock, api: createAlipayApi({ sdk, allowInsecureGateway: true }) };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

/** The preview's page, where the FaceID stand-in's page sends the browser back with `token=<BizToken>`. */
const DEFAULT_TENCENT_REDIRECT = 'http://127.0.0.1:10086/#/pages/face-verify/index?platform=tencent';

/**
 * The FaceID stand-in and a tencentcloud-sdk-nodejs faceid client on it, as an app configures one (the stand-in
 * checks its TC3-HMAC-SHA256 signatures). `tencentcloud-sdk-nodejs` is a dev dependency here; the kit never imports it.
 */
async function tencentStandIn(redirectUrl: string): Promise<{ mock: MockTencentFaceIdServer; api: TencentFaceIdApi }> {
  const mock = await startMockTencentFaceId();
  try {
    const { faceid } = await import('tencentcloud-sdk-nodejs');
    const client = new faceid.v20180301.Client({
      credential: { secretId: mock.secretId, secretKey: mock.secretKey },
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: mock.endpoint, protocol: 'http://', reqTimeout: 5 } },
    });
    return { mock, api: createTencentFaceIdApi({ client, ruleId: mock.ruleId, redirectUrl }) };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

/** The preview's simulated Alipay capture (`{ certify_id, passed }`), passed on to the stand-in as the phone would report it. */
function forwardAlipayCapture(alipayUrl: string): FetchHandler {
  return async (request) => {
    if (request.method !== 'POST') return Response.json({ ok: false, code: 'method_not_allowed' }, { status: 405 });
    const text = await request.text();
    if (text.length > 1024) return Response.json({ ok: false, code: 'too_large' }, { status: 413 });
    const answer = await fetch(`${alipayUrl}/${MOCK_ALIPAY_CAPTURE_REPORT_PATH}`, {
      method: 'POST',
      body: text,
      headers: { 'content-type': 'application/json' },
    });
    return Response.json({ ok: answer.ok }, { status: answer.ok ? 200 : 400 });
  };
}

function forwardCaptureReport(wechatUrl: string): FetchHandler {
  return async (request) => {
    if (request.method !== 'POST') return Response.json({ ok: false, code: 'method_not_allowed' }, { status: 405 });
    const text = await request.text();
    if (text.length > 1024) return Response.json({ ok: false, code: 'too_large' }, { status: 413 });
    const answer = await fetch(`${wechatUrl}/${MOCK_CAPTURE_REPORT_PATH}`, {
      method: 'POST',
      body: text,
      headers: { 'content-type': 'application/json' },
    });
    const body = (await answer.json()) as { errcode?: number };
    return Response.json({ ok: body.errcode === 0, errcode: body.errcode }, { status: body.errcode === 0 ? 200 : 400 });
  };
}

/**
 * Starts the demo backend: `POST /api/face/verify`, `POST /api/face/ticket` (WeChat v1 / v2 and, in mock mode,
 * `{ "platform": "alipay" }` and `{ "platform": "tencent" }`), `GET|POST /api/wechat/push`, `GET /api/health`, and in mock mode
 * `POST /api/mock/alipay-capture` and `/api/mock/v2-capture`, with CORS for the preview. Throws {@link DemoConfigError} for a bad configuration.
 *
 * @example
 * const server = await startDemoServer({ port: 0, log: () => undefined });
 * await fetch(`${server.url}/api/face/ticket`, { method: 'POST', body: '{"protocol":"v1"}' });
 * await server.close();
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = readWeChatSettings(env);
  const wechat = settings ? undefined : await startMockWeChat(options.mockWeChat);
  const shutdown: Array<() => Promise<void>> = wechat ? [() => wechat.close()] : [];
  try {
    // Stand-ins only in a demo given no credentials: with real WeChat ones, Alipay is not served at all.
    const alipay = settings ? undefined : await alipayStandIn(options.mockAlipay);
    if (alipay) shutdown.push(() => alipay.mock.close());
    const tencent = settings ? undefined : await tencentStandIn(env.DEMO_TENCENT_REDIRECT_URL?.trim() || DEFAULT_TENCENT_REDIRECT);
    if (tencent) shutdown.push(() => tencent.mock.close());
    const target: WeChatSettings = settings ?? {
      appId: (wechat as MockWeChatServer).appId,
      appSecret: (wechat as MockWeChatServer).appSecret,
      baseUrl: (wechat as MockWeChatServer).url,
      tokenMode: 'stable',
      pushToken: (wechat as MockWeChatServer).pushToken,
      encodingAESKey: (wechat as MockWeChatServer).encodingAESKey,
    };
    const { appId, appSecret, baseUrl, tokenMode, pushToken, encodingAESKey } = target;
    const stores = await sharedStores(env, log);
    if (stores) shutdown.push(stores.close);
    const api = createWeChatApi({
      appId,
      appSecret,
      tokenMode,
      ...(baseUrl ? { baseUrl } : {}),
      ...(stores ? { tokenStore: stores.tokenStore } : {}),
    });
    const user = demoUser(env, wechat?.openid);
    const onError = (error: unknown) => log(`error ${error instanceof Error ? error.name : 'unknown'}`);
    // What an operator would ship to a log pipeline: one JSON line per request (pino-style), nothing personal.
    const onAudit = (record: AuditRecord) => log(JSON.stringify({ level: 30, msg: 'face_verify.audit', ...record }));
    // The stores a real app spreads into each handler (tickets, replay claims, limit counters, the digest key).
    const { close: _close, ...shared } = stores ?? { close: undefined };
    const ticket = createTicketHandler({
      api,
      ...(alipay ? { alipay: alipay.api } : {}),
      ...(tencent ? { tencent: tencent.api } : {}),
      identity: () => user,
      onError,
      onAudit,
      limits: DEMO_LIMITS,
      ...shared,
    });
    const verify = createVerifyHandler({
      api,
      ...(alipay ? { alipay: alipay.api } : {}),
      ...(tencent ? { tencent: tencent.api } : {}),
      limits: DEMO_LIMITS,
      onAudit,
      ...shared,
      tickets: ticket.tickets,
      // The preview's form flow lets the user type any name and ID number, and this demo has no account to
      // compare them with: so those captures (made without a ticket, hence allowUnticketed) are checked only for
      // WeChat's verdict (identify_ret), freshness (10 minutes) and replay. Captures started from a ticket are
      // checked against the demo user the ticket was issued for. A real app leaves allowUnticketed off, or
      // returns its logged-in user's name, ID number and openid from expect.
      allowUnticketed: true,
      expect: () => ({ maxAgeSeconds: 600 }),
      onError,
    });
    const push: FetchHandler = pushToken
      ? createPushHandler({
          token: pushToken,
          appId,
          ...(encodingAESKey ? { encodingAESKey } : {}),
          ...shared,
          onFaceIdentify: () => log('push face_identify received'),
          onAudit,
          onError,
        })
      : async () =>
          new Response(JSON.stringify({ ok: false, code: 'push_not_configured', message: 'Set WECHAT_PUSH_TOKEN to receive pushes.' }), {
            status: 503,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          });
    const mode = settings ? 'wechat' : 'mock';
    const routes: Record<string, FetchHandler> = {
      '/api/face/verify': verify,
      '/api/face/ticket': ticket,
      '/api/wechat/push': push,
      // FV_HEALTH_TOKEN (set by scripts/support/demo-backend.mjs) proves to the launcher that this process, not
      // something else already on API_PORT, is answering.
      '/api/health': async () =>
        Response.json({ ok: true, mode, ...(process.env.FV_HEALTH_TOKEN ? { token: process.env.FV_HEALTH_TOKEN } : {}) }),
    };
    // Only with the stand-in: the preview's mock driver reports how a simulated v2 capture ended, as a phone
    // reports it to WeChat, so queryverifyinfo answers that outcome (a face mismatch, say).
    if (wechat) routes['/api/mock/v2-capture'] = forwardCaptureReport(wechat.url);
    // The preview's mock Alipay driver reports its simulated capture here, so Alipay's query answers that outcome.
    if (alipay) routes['/api/mock/alipay-capture'] = forwardAlipayCapture(alipay.mock.url);
    const allowed = new Set([
      'http://localhost:10086',
      'http://127.0.0.1:10086',
      ...(options.allowedOrigins ?? []),
      ...(env.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ]);
    const app = withCors(async (request) => (routes[new URL(request.url).pathname] ?? notFound)(request), allowed);
    const logged: FetchHandler = async (request) => {
      const started = performance.now();
      const response = await app(request);
      // Only known paths are logged: anything else a client puts in a URL could be personal.
      const path = new URL(request.url).pathname;
      log(`${request.method} ${path in routes ? path : '(other path)'} ${response.status} ${Math.round(performance.now() - started)}ms`);
      return response;
    };

    const host = options.host ?? '127.0.0.1';
    const server: Server = createServer(toNodeListener(logged));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new DemoConfigError(`Port ${options.port ?? 10087} on ${host} is in use: set API_PORT to another port.`)
            : error,
        ),
      );
      server.listen(options.port ?? 10087, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    shutdown.unshift(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    return {
      url: `http://${host}:${port}`,
      port,
      mode,
      ...(wechat ? { wechat } : {}),
      ...(alipay ? { alipay: alipay.mock } : {}),
      ...(tencent ? { tencent: tencent.mock } : {}),
      close: async () => {
        for (const step of shutdown) await step();
      },
    };
  } catch (error) {
    for (const step of shutdown) await step();
    throw error;
  }
}
