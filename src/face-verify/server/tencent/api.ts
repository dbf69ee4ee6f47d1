/**
 * The Tencent Cloud FaceID client (腾讯云人脸核身, H5 route): `DetectAuth` (start a verification: a BizToken and
 * the page to send the user to) and `GetDetectInfoEnhanced` (its result), over the app's own
 * tencentcloud-sdk-nodejs faceid client. The SDK signs (TC3-HMAC-SHA256) and sends; the kit validates every
 * answer and maps every failure to {@link TencentApiError} or {@link TencentTransportError}.
 */
import { normalizeIdCardNumber } from '../digest';
import { parseDetectInfoText, type TencentDetectInfo } from './detect-info';
import { mapTencentFailure, TencentApiError, type TencentAction } from './errors';
import type { TencentFaceIdClientLike } from './sdk';

/** Options of {@link createTencentFaceIdApi}. */
export interface TencentFaceIdApiOptions {
  /** The app's `new faceid.v20180301.Client({ credential, region, profile })` (tencentcloud-sdk-nodejs 4.x). */
  client: TencentFaceIdClientLike;
  /** The RuleId (业务流程 ID) created and approved in the FaceID console. */
  ruleId: string;
  /**
   * Where Tencent's page sends the user back, with `token=<BizToken>` appended: the page of your H5 app that
   * submits the result (e.g. `https://example.com/#/pages/face-verify/index`). An absolute https URL of at most
   * 1024 characters; http only for a loopback host, or with `allowInsecureRedirect`.
   */
  redirectUrl: string;
  /**
   * Accept an `http:` redirect URL on a host other than loopback (a LAN test device). The BizToken would travel
   * in clear, so never in production.
   * @default false
   */
  allowInsecureRedirect?: boolean;
}

/** What {@link TencentFaceIdApi.detectAuth} sends: the person to verify. */
export interface TencentDetectAuthParams {
  /** `Name`: at most 32 characters. */
  name: string;
  /** `IdCard` (trimmed; a final `x` upper-cased, as Tencent requires). */
  idCardNumber: string;
  /** `Extra`: echoed back in the result (at most 1024 characters). Never put identity data in it. */
  extra?: string;
  /** Another redirect URL for this verification (the same rules as the option). @default options.redirectUrl */
  redirectUrl?: string;
}

/** A started verification: the ticket's fields. */
export interface TencentDetectAuthResult {
  /** One verification's token; valid 7,200 s. */
  bizToken: string;
  /** Tencent's verification page: send the browser there. */
  url: string;
  requestId: string | undefined;
}

/** The two FaceID calls of the H5 route. */
export interface TencentFaceIdApi {
  /** `DetectAuth`: registers the person with Tencent; answers the BizToken and the page URL. */
  detectAuth(params: TencentDetectAuthParams): Promise<TencentDetectAuthResult>;
  /** `GetDetectInfoEnhanced` (text only): the result to judge with `judgeDetectInfo`. Holds identity data: never log it. */
  getDetectInfo(bizToken: string): Promise<TencentDetectInfo>;
}

/** InfoType 1: the text only. 0 would also pull the ID card images, the best frame and the video of the face. */
const TEXT_ONLY = '1';
const MAX_URL = 1024;
const MAX_NAME = 32;
const MAX_EXTRA = 1024;

/** True for `localhost`, `127.0.0.0/8` and `[::1]`: where plain http never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function checkRedirectUrl(value: unknown, allowInsecure: boolean, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${where}: redirectUrl must be the absolute URL of the page Tencent sends the user back to`);
  }
  if (value.length > MAX_URL) throw new TypeError(`${where}: redirectUrl must be at most ${MAX_URL} characters (Tencent's limit)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${where}: redirectUrl must be an absolute URL (https://…)`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && (allowInsecure || isLoopbackHost(url.hostname)))) return value;
  throw new TypeError(
    url.protocol === 'http:'
      ? `${where}: redirectUrl ${url.origin} is plain http: the BizToken would travel in clear. Use https, a loopback host for local tests, or allowInsecureRedirect: true for a LAN test device.`
      : `${where}: redirectUrl must be an https URL`,
  );
}

/** The verification page must be https (or the stand-in's http on loopback): anything else is not Tencent's. */
function isVerifyPageUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const requestIdOf = (answer: unknown): string | undefined => {
  const id = typeof answer === 'object' && answer !== null ? (answer as { RequestId?: unknown }).RequestId : undefined;
  return nonEmpty(id) ? id : undefined;
};

/**
 * Creates the FaceID client over the app's tencentcloud-sdk-nodejs faceid client (an optional peer dependency:
 * install `tencentcloud-sdk-nodejs` yourself). Throws a TypeError at once for a missing client, an empty
 * `ruleId` or a redirect URL that is not https (see {@link TencentFaceIdApiOptions.redirectUrl}).
 *
 * @example
 * import { faceid } from 'tencentcloud-sdk-nodejs';
 * const tencent = createTencentFaceIdApi({
 *   client: new faceid.v20180301.Client({
 *     credential: { secretId: process.env.TENCENTCLOUD_SECRET_ID!, secretKey: process.env.TENCENTCLOUD_SECRET_KEY! },
 *     region: 'ap-guangzhou',
 *     profile: { httpProfile: { reqTimeout: 10 } },
 *   }),
 *   ruleId: process.env.TENCENT_FACEID_RULE_ID!,
 *   redirectUrl: 'https://example.com/#/pages/face-verify/index',
 * });
 * const { bizToken, url } = await tencent.detectAuth({ name: '张三', idCardNumber: '11010519491231002X' });
 * // … the browser goes to url and comes back with ?token=<bizToken>; then, on the server:
 * const verdict = judgeDetectInfo(await tencent.getDetectInfo(bizToken), { nameMatches, idCardMatches });
 */
export function createTencentFaceIdApi(options: TencentFaceIdApiOptions): TencentFaceIdApi {
  const client = options?.client;
  if (!client || typeof client.DetectAuth !== 'function' || typeof client.GetDetectInfoEnhanced !== 'function') {
    throw new TypeError(
      'createTencentFaceIdApi needs { client }: a tencentcloud-sdk-nodejs faceid client (new faceid.v20180301.Client({ credential, region }))',
    );
  }
  const { ruleId } = options;
  if (!nonEmpty(ruleId)) {
    throw new TypeError('createTencentFaceIdApi needs { ruleId }: the RuleId (业务流程 ID) created in the FaceID console');
  }
  const allowInsecure = options.allowInsecureRedirect === true;
  const redirectUrl = checkRedirectUrl(options.redirectUrl, allowInsecure, 'createTencentFaceIdApi');

  async function call<T>(action: TencentAction, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw mapTencentFailure(action, error);
    }
  }

  return {
    async detectAuth(params) {
      const { name, idCardNumber, extra } = params ?? ({} as TencentDetectAuthParams);
      if (!nonEmpty(name) || !nonEmpty(idCardNumber)) throw new TypeError('Tencent DetectAuth needs a non-empty name and idCardNumber');
      if ([...name.trim()].length > MAX_NAME) throw new TypeError(`Tencent DetectAuth: the name must be at most ${MAX_NAME} characters`);
      if (extra !== undefined && (typeof extra !== 'string' || extra.length > MAX_EXTRA)) {
        throw new TypeError(`Tencent DetectAuth: extra must be a string of at most ${MAX_EXTRA} characters`);
      }
      const redirect =
        params.redirectUrl === undefined ? redirectUrl : checkRedirectUrl(params.redirectUrl, allowInsecure, 'Tencent DetectAuth');
      const answer = await call('DetectAuth', () =>
        client.DetectAuth({
          RuleId: ruleId,
          IdCard: normalizeIdCardNumber(idCardNumber),
          Name: name.trim(),
          RedirectUrl: redirect,
          ...(extra === undefined ? {} : { Extra: extra }),
        }),
      );
      const requestId = requestIdOf(answer);
      const bizToken = answer?.BizToken;
      const url = answer?.Url;
      if (!nonEmpty(bizToken) || !nonEmpty(url) || !isVerifyPageUrl(url)) {
        throw new TencentApiError('DetectAuth', 'bad_answer', undefined, requestId);
      }
      return { bizToken, url, requestId };
    },

    async getDetectInfo(bizToken) {
      if (!nonEmpty(bizToken)) throw new TypeError('Tencent GetDetectInfoEnhanced: bizToken must be a non-empty string');
      const answer = await call('GetDetectInfoEnhanced', () =>
        client.GetDetectInfoEnhanced({ BizToken: bizToken, RuleId: ruleId, InfoType: TEXT_ONLY }),
      );
      const requestId = requestIdOf(answer);
      const info = parseDetectInfoText(answer?.Text);
      if (info === null) throw new TencentApiError('GetDetectInfoEnhanced', 'bad_answer', undefined, requestId);
      return { ...info, requestId };
    },
  };
}
