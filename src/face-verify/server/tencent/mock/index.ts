/**
 * A local stand-in for Tencent Cloud FaceID (faceid.tencentcloudapi.com, H5 route): DetectAuth and
 * GetDetectInfoEnhanced with Tencent's answer shapes and error codes, the TC3-HMAC-SHA256 signature checked on
 * every request, and a verification page with one button per outcome. Drive it with the real
 * tencentcloud-sdk-nodejs.
 */
import { randomHex } from '../../digest';
import { listenLoopback } from '../../http/loopback-server';
import { MOCK_TENCENT_VERIFY_PATH } from './page';
import { MockTencentRegistry, type MockTencentScenario } from './registry';
import { createMockTencentRoutes } from './routes';

export { MOCK_TENCENT_SCENARIOS, BIZ_TOKEN_TTL_SECONDS, RESULT_TTL_SECONDS } from './registry';
export type { MockTencentScenario } from './registry';
export { MOCK_TENCENT_VERIFY_PATH, redirectWithToken } from './page';
export { MOCK_TENCENT_API_VERSION, SIGNATURE_WINDOW_SECONDS } from './routes';
export { tc3Authorization, tc3Signature, parseTc3Authorization } from './signing';
export type { Tc3Request } from './signing';

/** The stand-in's SecretId unless one is given (not a secret: Tencent's SecretIds start with AKID). */
export const MOCK_TENCENT_SECRET_ID = 'AKIDmockTencentFaceId000000000000000';
/** The stand-in's RuleId unless one is given. */
export const MOCK_TENCENT_RULE_ID = '1';

/** Options of {@link startMockTencentFaceId}. */
export interface MockTencentFaceIdOptions {
  /** The only SecretId it accepts. @default MOCK_TENCENT_SECRET_ID */
  secretId?: string;
  /** The key every request must be signed with. @default 32 random hex digits */
  secretKey?: string;
  /** The only RuleId it accepts. @default MOCK_TENCENT_RULE_ID */
  ruleId?: string;
  /** The clock of BizToken lifetimes (7,200 s; results 3 days). Signatures are checked against the real time. @default Date.now */
  now?: () => number;
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/** The FaceID stand-in listening on loopback. */
export interface MockTencentFaceIdServer {
  /** `127.0.0.1:PORT`: the SDK's `profile.httpProfile.endpoint` (with `protocol: 'http://'`). */
  readonly endpoint: string;
  /** `http://127.0.0.1:PORT`: where the verification pages are. */
  readonly origin: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly ruleId: string;
  /** The stand-in as a Web handler (a raw request, a page, without the SDK). */
  readonly handle: (request: Request) => Promise<Response>;
  /** Served calls per action (`DetectAuth`, `GetDetectInfoEnhanced`), page views (`page`) and `refused` requests. */
  readonly calls: Readonly<Record<string, number>>;
  /** Ends the verification of `bizToken` as the page's button would; false when unknown, expired or finished. */
  complete(bizToken: string, scenario: MockTencentScenario): boolean;
  /** The page's URL for `bizToken` (what DetectAuth's `Url` answers). */
  verifyUrl(bizToken: string): string;
  close(): Promise<void>;
}

/**
 * Starts the stand-in on 127.0.0.1 over real HTTP.
 *
 * @example
 * const mock = await startMockTencentFaceId();
 * const client = new faceid.v20180301.Client({
 *   credential: { secretId: mock.secretId, secretKey: mock.secretKey },
 *   region: 'ap-guangzhou',
 *   profile: { httpProfile: { endpoint: mock.endpoint, protocol: 'http://', reqTimeout: 5 } },
 * });
 * const tencent = createTencentFaceIdApi({ client, ruleId: mock.ruleId, redirectUrl: 'http://127.0.0.1:10086/#/pages/face-verify/index' });
 * const { bizToken } = await tencent.detectAuth({ name: '张三', idCardNumber: '11010519491231002X' });
 * mock.complete(bizToken, 'pass');
 * // …
 * await mock.close();
 */
export async function startMockTencentFaceId(options: MockTencentFaceIdOptions = {}): Promise<MockTencentFaceIdServer> {
  const { port = 0, host = '127.0.0.1' } = options;
  const registry = new MockTencentRegistry({
    secretId: options.secretId ?? MOCK_TENCENT_SECRET_ID,
    secretKey: options.secretKey ?? randomHex(16),
    ruleId: options.ruleId ?? MOCK_TENCENT_RULE_ID,
    now: options.now ?? Date.now,
  });
  const handle = createMockTencentRoutes(registry);
  const { url, close } = await listenLoopback(handle, port, host);
  return {
    endpoint: url.replace(/^http:\/\//, ''),
    origin: url,
    secretId: registry.settings.secretId,
    secretKey: registry.settings.secretKey,
    ruleId: registry.settings.ruleId,
    handle,
    calls: registry.calls,
    complete: (bizToken, scenario) => registry.complete(bizToken, scenario),
    verifyUrl: (bizToken) => `${url}${MOCK_TENCENT_VERIFY_PATH}?token=${encodeURIComponent(bizToken)}`,
    close,
  };
}
