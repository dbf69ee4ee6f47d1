/**
 * The Alipay face-verification client (支付宝身份验证): `alipay.user.certify.open.initialize`, the certify URL
 * (`…certify`, built and signed locally) and `…query`, over the app's own alipay-sdk instance. The SDK signs;
 * the kit posts and reads each answer itself, trusting only the node whose signature it verified.
 */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { normalizeIdCardNumber } from '../digest';
import { AlipayApiError, AlipayTransportError } from './errors';
import { createGatewayCall } from './gateway';
import type { AlipaySdkLike } from './sdk';

/** The `biz_code` products of initialize; the app must have contracted the one it uses. */
export type AlipayBizCode = 'FACE' | 'CERT_PHOTO' | 'CERT_PHOTO_FACE' | 'SMART_FACE';

/** `identity_param.cert_type` values Alipay documents. */
export type AlipayCertType =
  | 'IDENTITY_CARD'
  | 'HOME_VISIT_PERMIT_HK_MC'
  | 'HOME_VISIT_PERMIT_TAIWAN'
  | 'RESIDENCE_PERMIT_HK_MC'
  | 'RESIDENCE_PERMIT_TAIWAN'
  | 'PERMANENT_RESIDENCE_FOREIGNER';

/** What {@link AlipayApi.initialize} sends: the person to verify and the order it belongs to. */
export interface AlipayInitializeParams {
  /** `cert_name`. */
  name: string;
  /** `cert_no` (trimmed; a final `x` upper-cased). */
  idCardNumber: string;
  /** @default 'IDENTITY_CARD' */
  certType?: AlipayCertType;
  /** `outer_order_no`: 1–32 letters or digits, unique per merchant. @default 32 random hex digits */
  outerOrderNo?: string;
  /** @default 'FACE' */
  bizCode?: AlipayBizCode;
  /** `merchant_config.return_url`, where Alipay sends the user afterwards (may be empty). @default '' */
  returnUrl?: string;
  /** `merchant_config.face_reserve_strategy`: whether Alipay keeps the face image. @default Alipay's ('reserve') */
  faceReserveStrategy?: 'reserve' | 'never';
}

/** What `query` reports. `passed` is the only result to trust; `fail_reason` only when Alipay sends one. */
export interface AlipayCertifyResult {
  passed: boolean;
  failReason?: string;
}

/** Options of {@link createAlipayApi}. */
export interface AlipayApiOptions {
  /**
   * The app's `new AlipaySdk({ appId, privateKey, alipayPublicKey, … })` (alipay-sdk 4.x). It must have
   * `alipayPublicKey` (or the cert-mode paths): without it the SDK would skip verification silently.
   * Its `timeout` (default 5000 ms) bounds each call; its `gateway` must be https.
   */
  sdk: AlipaySdkLike;
  /**
   * Accept an `http:` gateway. Only TLS binds Alipay's answer to the question asked (the signed answer names no
   * certify id), so this is for a local stand-in such as `startMockAlipay()` in tests and demos, never production.
   * @default false
   */
  allowInsecureGateway?: boolean;
  /** Posts each request to the gateway (e.g. through the app's egress proxy). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** The three Alipay calls face verification needs. */
export interface AlipayApi {
  /** `…initialize`: registers the person and order with Alipay; answers the `certifyId` for the capture. */
  initialize(params: AlipayInitializeParams): Promise<{ certifyId: string; outerOrderNo: string }>;
  /** `…certify`: the signed URL `my.startAPVerify({ url, certifyId })` opens. Built locally, no round trip. */
  certifyUrl(certifyId: string): string;
  /** `…query`: whether the person passed, from Alipay's signed answer (`passed` "T" or ["T"]). */
  query(certifyId: string): Promise<AlipayCertifyResult>;
}

const INITIALIZE = 'alipay.user.certify.open.initialize';
const CERTIFY = 'alipay.user.certify.open.certify';
const QUERY = 'alipay.user.certify.open.query';
const BIZ_CODES: ReadonlySet<string> = new Set(['FACE', 'CERT_PHOTO', 'CERT_PHOTO_FACE', 'SMART_FACE']);
const OUTER_ORDER_NO = /^[A-Za-z0-9]{1,32}$/;

/** Alipay's `passed`: "T" / "F", and in some answers ["T"] / ["F"]. Anything else is not an answer. */
export function parsePassed(value: unknown): boolean | undefined {
  const flag = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return flag === 'T' ? true : flag === 'F' ? false : undefined;
}

const DEFAULT_GATEWAY = 'https://openapi.alipay.com/gateway.do';

function publicKeyOf(sdk: AlipaySdkLike): KeyObject {
  const key = sdk.config?.alipayPublicKey;
  if (typeof key !== 'string' || key.trim() === '') {
    throw new TypeError(
      'createAlipayApi needs an AlipaySdk configured with alipayPublicKey (or alipayPublicCertPath): without it no answer could be verified',
    );
  }
  try {
    // alipay-sdk stores the key as PEM; a test double may hold the bare base64 of the DER (SPKI) form.
    const parsed = key.includes('-----BEGIN')
      ? createPublicKey(key)
      : createPublicKey({ key: Buffer.from(key.trim(), 'base64'), format: 'der', type: 'spki' });
    if (parsed.asymmetricKeyType !== 'rsa') throw new TypeError('not RSA');
    return parsed;
  } catch {
    throw new TypeError('createAlipayApi: the AlipaySdk alipayPublicKey is not a readable RSA public key');
  }
}

function gatewayOf(sdk: AlipaySdkLike, allowInsecure: boolean): URL {
  const configured = sdk.config.gateway ?? DEFAULT_GATEWAY;
  let gateway: URL;
  try {
    gateway = new URL(configured);
  } catch {
    throw new TypeError('createAlipayApi: the AlipaySdk gateway is not a URL');
  }
  if (gateway.protocol === 'https:' || (gateway.protocol === 'http:' && allowInsecure)) return gateway;
  throw new TypeError(
    gateway.protocol === 'http:'
      ? `createAlipayApi: the AlipaySdk gateway ${gateway.origin} is plain http. Only TLS binds Alipay's answer to its certify id: use https (the default ${DEFAULT_GATEWAY}), or pass allowInsecureGateway: true for a local stand-in such as startMockAlipay() in tests.`
      : `createAlipayApi: the AlipaySdk gateway must be an https URL (the default is ${DEFAULT_GATEWAY})`,
  );
}

/**
 * Creates the Alipay client over the app's alipay-sdk 4.x instance (an optional peer dependency: install
 * `alipay-sdk` yourself). The SDK signs each request; the kit posts it and verifies Alipay's RSA2 signature over
 * the exact text of the response node it then reads (an answer repeating any key is refused). A signed answer
 * with `code` ≠ 10000 throws {@link AlipayApiError}; an unsigned, badly signed or ambiguous one throws
 * {@link AlipaySignatureError}; no answer (network, timeout, HTTP status, not JSON) throws {@link AlipayTransportError}.
 * Throws a TypeError at once for an SDK without `alipayPublicKey`, a non-RSA2 `signType`, or an `http:` gateway
 * without `allowInsecureGateway`.
 *
 * @example
 * import { AlipaySdk } from 'alipay-sdk';
 * const alipay = createAlipayApi({
 *   sdk: new AlipaySdk({ appId: process.env.ALIPAY_APPID!, privateKey: process.env.ALIPAY_PRIVATE_KEY!, alipayPublicKey: process.env.ALIPAY_PUBLIC_KEY! }),
 * });
 * const { certifyId } = await alipay.initialize({ name: '张三', idCardNumber: '11010519491231002X' });
 * const url = alipay.certifyUrl(certifyId); // the front end calls my.startAPVerify({ url, certifyId })
 * const { passed } = await alipay.query(certifyId); // later, on the server: trust only this
 */
export function createAlipayApi(options: AlipayApiOptions): AlipayApi {
  const sdk = options?.sdk;
  if (!sdk || typeof sdk.sdkExecute !== 'function' || typeof sdk.pageExecute !== 'function' || !sdk.config) {
    throw new TypeError('createAlipayApi needs { sdk }: an alipay-sdk 4.x AlipaySdk instance');
  }
  const alipayPublicKey = publicKeyOf(sdk);
  const gateway = gatewayOf(sdk, options.allowInsecureGateway === true);
  if (sdk.config.signType !== undefined && sdk.config.signType !== 'RSA2') {
    throw new TypeError('createAlipayApi: the AlipaySdk signType must be RSA2 (SHA256withRSA), the only one the kit verifies');
  }
  const timeout = sdk.config.timeout;
  const gatewayCall = createGatewayCall({
    sdk,
    gateway,
    alipayPublicKey,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : 5000,
  });

  /** One gateway call with the answer's signature verified; code ≠ 10000 throws. */
  async function call(method: string, bizContent: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await gatewayCall(method, bizContent);
    const code = answer.code;
    if (typeof code !== 'string' || code === '') throw new AlipayTransportError(method, 'malformed-answer');
    if (code !== '10000') {
      const subCode = answer.sub_code;
      throw new AlipayApiError(method, code, typeof subCode === 'string' && subCode !== '' ? subCode : undefined);
    }
    return answer;
  }

  const requireCertifyId = (certifyId: unknown, method: string): string => {
    if (typeof certifyId !== 'string' || certifyId.trim() === '')
      throw new TypeError(`Alipay ${method}: certifyId must be a non-empty string`);
    return certifyId;
  };

  return {
    async initialize(params) {
      const { name, idCardNumber, certType = 'IDENTITY_CARD', bizCode = 'FACE', returnUrl = '', faceReserveStrategy } = params;
      if (typeof name !== 'string' || name.trim() === '' || typeof idCardNumber !== 'string' || idCardNumber.trim() === '') {
        throw new TypeError('Alipay initialize needs a non-empty name and idCardNumber');
      }
      const outerOrderNo = params.outerOrderNo ?? randomBytes(16).toString('hex');
      if (!OUTER_ORDER_NO.test(outerOrderNo)) throw new TypeError('Alipay initialize: outerOrderNo must be 1–32 letters or digits');
      if (!BIZ_CODES.has(bizCode)) throw new TypeError(`Alipay initialize: bizCode must be one of ${[...BIZ_CODES].join(', ')}`);
      // identity_param and merchant_config go as objects: the SDK serialises biz_content once, and Alipay
      // refuses them as nested JSON strings.
      const answer = await call(INITIALIZE, {
        outer_order_no: outerOrderNo,
        biz_code: bizCode,
        identity_param: {
          identity_type: 'CERT_INFO',
          cert_type: certType,
          cert_name: name,
          cert_no: normalizeIdCardNumber(idCardNumber),
        },
        merchant_config: { return_url: returnUrl, ...(faceReserveStrategy ? { face_reserve_strategy: faceReserveStrategy } : {}) },
      });
      const certifyId = answer.certify_id;
      if (typeof certifyId !== 'string' || certifyId === '') throw new AlipayTransportError(INITIALIZE, 'malformed-answer');
      return { certifyId, outerOrderNo };
    },

    certifyUrl(certifyId) {
      return sdk.pageExecute(CERTIFY, 'GET', { bizContent: { certify_id: requireCertifyId(certifyId, CERTIFY) } });
    },

    async query(certifyId) {
      const answer = await call(QUERY, { certify_id: requireCertifyId(certifyId, QUERY) });
      const passed = parsePassed(answer.passed);
      if (passed === undefined) throw new AlipayTransportError(QUERY, 'malformed-answer');
      const failReason = answer.fail_reason;
      return typeof failReason === 'string' && failReason !== '' ? { passed, failReason } : { passed };
    },
  };
}
