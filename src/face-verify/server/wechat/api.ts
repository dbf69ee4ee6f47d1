/**
 * The WeChat face-verification API client: access token handling, the v1 calls (getuseridkey, getinfo)
 * and the v2 calls (getverifyid, queryverifyinfo). `fetch`, the clock and sleep are injectable.
 */
import { createAccessTokenSource, type TokenMode } from './access-token';
import { CERT_TYPE_IDENTITY_CARD, certHash as computeCertHash } from './cert-hash';
import { normalizeIdCardNumber } from '../digest';
import { TOKEN_ERRCODES, WeChatApiError, WeChatTransportError } from './errors';
import { createMemoryTokenStore, type TokenStore } from './token-store';
import { errcodeOf, errmsgOf, requestWeChatJson, type RetryPolicy, type WeChatJson } from './request';

/** Where WeChat's server API lives; `createWeChatApi`'s default `baseUrl`. */
export const WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';
const FACE = 'cityservice/face/identify';

/** What `getinfo` answers (v1), as WeChat sends it. Success is `errcode === 0 && identify_ret === 0`. */
export interface VerifyInfo {
  errcode: number;
  errmsg: string;
  identify_ret: number;
  /** Unix seconds. */
  identify_time: number;
  /** The digits read aloud, for read-number captures. */
  validate_data?: string;
  openid?: string;
  user_id_key?: string;
  finish_time?: number;
  /** MD5 of the ID number, final X upper-case. */
  id_card_number_md5?: string;
  /** MD5 of the UTF-8 name. */
  name_utf8_md5?: string;
  [field: string]: unknown;
}

/** What `queryverifyinfo` answers (v2). Success is `errcode === 0 && verify_ret === 10000`. */
export interface VerifyIdInfo {
  errcode: number;
  errmsg: string;
  verify_ret: number;
  [field: string]: unknown;
}

/** Options of {@link createWeChatApi}: the mini-program's credentials and how to reach WeChat. */
export interface WeChatApiOptions {
  appId: string;
  appSecret: string;
  /** @default 'https://api.weixin.qq.com' */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Share the token between instances. @default an in-memory store */
  tokenStore?: TokenStore;
  /** `stable` uses `cgi-bin/stable_token` (WeChat's recommendation), `classic` uses `cgi-bin/token`. @default 'stable' */
  tokenMode?: TokenMode;
  /** Retries for network errors, timeouts, HTTP 5xx and errcode -1. @default { retries: 3, baseDelayMs: 200, maxDelayMs: 2000 } */
  retry?: Partial<RetryPolicy>;
  /** Per attempt (never past the budget). @default 10000 */
  timeoutMs?: number;
  /**
   * The most time one API call may spend asking WeChat, token fetch and retries included. It fits inside the
   * front end's default `timeoutMs` (15 s), so a slow WeChat answers 502 before the page gives up. @default 10000
   */
  budgetMs?: number;
  /** Refetch the token this long before it expires. @default 300000 (5 minutes) */
  tokenRefreshMarginMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** @default a setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

/** The WeChat calls face verification needs, over one cached access token. */
export interface WeChatApi {
  /** A valid access token (cached; fetched by one caller at a time). */
  getAccessToken(): Promise<string>;
  /** v1: upload the user's name and ID number; the front end then starts the capture with `userIdKey`. */
  getUserIdKey(params: { name: string; idCardNumber: string; outSeqNo?: string }): Promise<{ userIdKey: string; expiresIn: number }>;
  /** v1: WeChat's answer for a `verifyResult`, as it is, when errcode is 0. Check it with `checkVerifyInfo`. */
  getVerifyInfo(verifyResult: string): Promise<VerifyInfo>;
  /** v2: a single-use `verifyId` (1 h) for `wx.requestFacialVerify`. */
  getVerifyId(params: {
    outSeqNo: string;
    name: string;
    idCardNumber: string;
    openid: string;
  }): Promise<{ verifyId: string; expiresIn: number }>;
  /**
   * v2: the result for a `verifyId`, as it is, when errcode is 0. Pass the identity given to `getVerifyId`
   * (or its `certHash`); WeChat itself rejects a mismatch with an errcode. Check it with `checkVerifyIdInfo`.
   */
  queryVerifyInfo(
    params: { verifyId: string; outSeqNo: string; openid: string } & ({ name: string; idCardNumber: string } | { certHash: string }),
  ): Promise<VerifyIdInfo>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates the WeChat API client. Any `errcode` other than 0 throws {@link WeChatApiError}; no answer
 * throws {@link WeChatTransportError}. Token errors (40001, 40014, 42001) refetch the token once and
 * retry once; errcode -1 and network errors back off and retry.
 *
 * @example
 * const api = createWeChatApi({ appId: process.env.WECHAT_APPID!, appSecret: process.env.WECHAT_SECRET! });
 * const info = await api.getVerifyInfo(verifyResult);
 * const { ok, problems } = checkVerifyInfo(info, { name, idCardNumber, maxAgeSeconds: 600 });
 */
export function createWeChatApi(options: WeChatApiOptions): WeChatApi {
  if (!options.appId || !options.appSecret) throw new TypeError('createWeChatApi needs appId and appSecret');
  const request = {
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    baseUrl: options.baseUrl ?? WECHAT_API_BASE_URL,
    retry: { retries: 3, baseDelayMs: 200, maxDelayMs: 2000, ...options.retry },
    timeoutMs: options.timeoutMs ?? 10_000,
    sleep: options.sleep ?? defaultSleep,
  };
  const budgetMs = options.budgetMs ?? 10_000;
  const tokens = createAccessTokenSource({
    appId: options.appId,
    appSecret: options.appSecret,
    mode: options.tokenMode ?? 'stable',
    store: options.tokenStore ?? createMemoryTokenStore(),
    request,
    now: options.now ?? Date.now,
    refreshMarginMs: options.tokenRefreshMarginMs ?? 300_000,
  });

  /** POSTs to a face API; a token error replaces the token once and retries once; errcode ≠ 0 throws. */
  async function call(endpoint: string, body: unknown): Promise<WeChatJson> {
    const deadline = Date.now() + budgetMs;
    let token = await tokens.get(deadline);
    let json = await requestWeChatJson(request, { endpoint, method: 'POST', query: { access_token: token }, body, deadline });
    if (TOKEN_ERRCODES.has(errcodeOf(json))) {
      token = await tokens.replace(token, deadline);
      json = await requestWeChatJson(request, { endpoint, method: 'POST', query: { access_token: token }, body, deadline });
    }
    if (errcodeOf(json) !== 0) throw new WeChatApiError(endpoint, errcodeOf(json), errmsgOf(json));
    return json;
  }

  const requireString = (json: WeChatJson, field: string, endpoint: string): string => {
    const value = json[field];
    if (typeof value !== 'string' || value === '') throw new WeChatTransportError(endpoint, 'malformed-answer');
    return value;
  };
  const expiresInOf = (json: WeChatJson) => (typeof json.expires_in === 'number' ? json.expires_in : 3600);

  return {
    getAccessToken: () => tokens.get(Date.now() + budgetMs),

    async getUserIdKey({ name, idCardNumber, outSeqNo }) {
      const endpoint = `${FACE}/getuseridkey`;
      const body = {
        name,
        id_card_number: normalizeIdCardNumber(idCardNumber),
        ...(outSeqNo === undefined ? {} : { out_seq_no: outSeqNo }),
      };
      const json = await call(endpoint, body);
      return { userIdKey: requireString(json, 'user_id_key', endpoint), expiresIn: expiresInOf(json) };
    },

    async getVerifyInfo(verifyResult) {
      const endpoint = `${FACE}/getinfo`;
      const json = await call(endpoint, { verify_result: verifyResult });
      if (typeof json.identify_ret !== 'number') throw new WeChatTransportError(endpoint, 'malformed-answer');
      return json as VerifyInfo;
    },

    async getVerifyId({ outSeqNo, name, idCardNumber, openid }) {
      const endpoint = `${FACE}/getverifyid`;
      const json = await call(endpoint, {
        out_seq_no: outSeqNo,
        cert_info: { cert_type: CERT_TYPE_IDENTITY_CARD, cert_name: name, cert_no: normalizeIdCardNumber(idCardNumber) },
        openid,
      });
      return { verifyId: requireString(json, 'verify_id', endpoint), expiresIn: expiresInOf(json) };
    },

    async queryVerifyInfo(params) {
      const endpoint = `${FACE}/queryverifyinfo`;
      const hash = 'certHash' in params ? params.certHash : computeCertHash(params);
      const json = await call(endpoint, {
        verify_id: params.verifyId,
        out_seq_no: params.outSeqNo,
        cert_hash: hash,
        openid: params.openid,
      });
      if (typeof json.verify_ret !== 'number') throw new WeChatTransportError(endpoint, 'malformed-answer');
      return json as VerifyIdInfo;
    },
  };
}
