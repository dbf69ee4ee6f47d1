/**
 * A local stand-in for api.weixin.qq.com: the token endpoints, getuseridkey, getinfo, getverifyid and
 * queryverifyinfo with WeChat's answer shapes and error codes, scenarios, and signed / encrypted pushes.
 * It answers for the mock driver's credentials (`mock1.…`); anything else is 84001.
 */
import { encodeMockCredential } from '../../../drivers/mock/credential';
import { identityMd5s, randomHex } from '../../digest';
import { listenLoopback } from '../../http/loopback-server';
import { buildPushRequest, sendPush, type PushOptions, type PushTarget } from './push';
import { MOCK_WECHAT_DEFAULTS, MockRegistry, type MockWeChatScenario, type MockWeChatOptions } from './registry';
import { createMockRoutes } from './routes';

/** The WeChat stand-in, in process: its state, its scenario switch and its push sender. */
export interface MockWeChat {
  /** Where the stand-in answers: use it as `createWeChatApi`'s `baseUrl` (with `fetch` for the in-process one). */
  readonly url: string;
  /** A `fetch` that reaches the stand-in without a socket. */
  readonly fetch: typeof fetch;
  /** The stand-in as a Web handler. */
  readonly handle: (request: Request) => Promise<Response>;
  readonly appId: string;
  readonly appSecret: string;
  readonly pushToken: string;
  readonly encodingAESKey: string;
  /** The openid getinfo reports. */
  readonly openid: string;
  /** Calls received per endpoint (`stable_token`, `token`, `getuseridkey`, `getinfo`, `getverifyid`, `queryverifyinfo`). */
  readonly calls: Readonly<Record<string, number>>;
  readonly scenario: MockWeChatScenario;
  setScenario(scenario: MockWeChatScenario): void;
  /** Sends `message` as WeChat would (signed; encrypted with `{ encrypt: true }`) to a URL or a handler. */
  push(target: PushTarget, message: Record<string, string | number>, options?: PushOptions): Promise<{ status: number; body: string }>;
  /** A `face_identify` event as WeChat pushes it. */
  faceIdentifyEvent(fields: { outSeqNo: string; verifyResult: string; openid?: string }): Record<string, string | number>;
}

/** The WeChat stand-in listening on loopback, from {@link startMockWeChat}. */
export interface MockWeChatServer extends MockWeChat {
  close(): Promise<void>;
}

/** What a mock credential should claim (see the mock driver's `MockCredentialClaims`). */
export interface MockCredentialOptions {
  /** identify_ret. @default 0 */
  ret?: number;
  /** identify_time, Unix seconds. @default now */
  time?: number;
  /** With name + ID number: the capture was started with them (v1 form flow). */
  name?: string;
  idCardNumber?: string;
  /** Or: the capture was started with this userIdKey (v1 ticket flow). */
  userIdKey?: string;
  digits?: string;
}

/**
 * A credential the stand-in answers for, as the mock driver makes it.
 *
 * @example
 * const verifyResult = createMockCredential({ name: '张三', idCardNumber: '11010519491231002X' });
 */
export function createMockCredential(options: MockCredentialOptions = {}): string {
  const digests =
    options.name !== undefined && options.idCardNumber !== undefined
      ? identityMd5s({ name: options.name, idCardNumber: options.idCardNumber })
      : undefined;
  return encodeMockCredential({
    ret: options.ret ?? 0,
    time: options.time ?? Math.floor(Date.now() / 1000),
    nonce: randomHex(8),
    ...(digests ? { nameMd5: digests.nameMd5, idMd5: digests.idCardMd5 } : {}),
    ...(options.userIdKey === undefined ? {} : { userIdKey: options.userIdKey }),
    ...(options.digits === undefined ? {} : { digits: options.digits }),
  });
}

interface MockParts {
  settings: ConstructorParameters<typeof MockRegistry>[0];
  registry: MockRegistry;
  handle: (request: Request) => Promise<Response>;
}

function createParts(options: MockWeChatOptions): MockParts {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings = {
    ...MOCK_WECHAT_DEFAULTS,
    scenario: 'success',
    busyTimes: 2,
    tokenUses: 2,
    slowMs: 1000,
    now: Date.now,
    ...defined,
  } as MockParts['settings'];
  const registry = new MockRegistry(settings);
  return { settings, registry, handle: createMockRoutes(registry) };
}

function assemble({ settings, registry, handle }: MockParts, url: string): MockWeChat {
  const credentials = { appId: settings.appId, pushToken: settings.pushToken, encodingAESKey: settings.encodingAESKey, now: settings.now };
  return {
    url,
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    appId: settings.appId,
    appSecret: settings.appSecret,
    pushToken: settings.pushToken,
    encodingAESKey: settings.encodingAESKey,
    openid: settings.openid,
    calls: registry.calls,
    get scenario() {
      return registry.scenario;
    },
    setScenario: (scenario) => registry.setScenario(scenario),
    push: (target, message, pushOptions) =>
      sendPush(
        target,
        buildPushRequest(typeof target === 'string' ? target : 'http://push-target.invalid/', message, credentials, pushOptions),
      ),
    faceIdentifyEvent: ({ outSeqNo, verifyResult, openid = settings.openid }) => ({
      ToUserName: 'gh_mock00000000',
      FromUserName: openid,
      CreateTime: Math.floor(settings.now() / 1000),
      MsgType: 'event',
      Event: 'face_identify',
      openid,
      out_seq_no: outSeqNo,
      verify_result: verifyResult,
    }),
  };
}

/**
 * The stand-in in this process, without a socket: pass `mock.fetch` and `mock.url` to `createWeChatApi`.
 *
 * @example
 * const mock = createMockWeChat();
 * const api = createWeChatApi({ appId: mock.appId, appSecret: mock.appSecret, baseUrl: mock.url, fetch: mock.fetch });
 */
export function createMockWeChat(options: MockWeChatOptions = {}): MockWeChat {
  return assemble(createParts(options), 'http://mock-wechat.invalid');
}

/**
 * Starts the stand-in on 127.0.0.1 (port 0: a free one) over real HTTP.
 *
 * @example
 * const wechat = await startMockWeChat({ scenario: 'token-expiry' });
 * const api = createWeChatApi({ appId: wechat.appId, appSecret: wechat.appSecret, baseUrl: wechat.url });
 * // …
 * await wechat.close();
 */
export async function startMockWeChat(options: MockWeChatOptions & { port?: number; host?: string } = {}): Promise<MockWeChatServer> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const parts = createParts(rest);
  const { url, close } = await listenLoopback(parts.handle, port, host);
  return Object.defineProperty(assemble(parts, url), 'close', { value: close, enumerable: true }) as MockWeChatServer;
}
