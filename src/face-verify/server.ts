/**
 * taro-face-verify/server: the backend half (Node 18+). Web-standard `Request -> Response` handlers with
 * `fetch` injectable, the WeChat API client, the result checks, push crypto and a local WeChat stand-in.
 * Nothing but re-exports; never imports React or Taro.
 */
export { createWeChatApi, WECHAT_API_BASE_URL } from './server/wechat-api';
export type { WeChatApi, WeChatApiOptions, VerifyInfo, VerifyIdInfo } from './server/wechat-api';
export type { TokenMode } from './server/access-token';
export type { RetryPolicy } from './server/wechat-request';
export { WeChatApiError, WeChatTransportError } from './server/errors';
export type { WeChatTransportFailure } from './server/errors';
export { createMemoryTokenStore } from './server/token-store';
export type { TokenStore, StoredAccessToken } from './server/token-store';

export { checkVerifyInfo, checkVerifyIdInfo } from './server/check-verify-info';
export type { CheckResult, ExpectedVerifyInfo, VerifyProblem } from './server/check-verify-info';
export { certHash } from './server/cert-hash';

export { createVerifyHandler } from './server/verify-handler';
export type { VerifyExpectation, VerifyHandlerOptions } from './server/verify-handler';
export type { FetchHandler } from './server/http';
export type { VerifyPayload } from './server/verify-payload';
export type { RejectionCode } from './server/verdict';
export { createTicketHandler } from './server/ticket-handler';
export type { TicketHandler, TicketHandlerOptions, TicketIdentity, TicketSession } from './server/ticket-handler';
export { createMemoryOnceStore, createMemoryTicketStore } from './server/stores';
export type { IssuedTicket, MemoryStoreOptions, OnceStore, TicketKind, TicketStore } from './server/stores';
export { createRedisStores } from './server/redis-stores';
export type { RedisClientLike, RedisStores, RedisStoresOptions } from './server/redis-stores';
export { HttpError, StoreUnavailableError } from './server/http-error';
export { DEFAULT_LIMITS, createMemoryLimiter } from './server/limits';
export type { Limits, LimitRule, LimiterBackend, LimitCounter } from './server/limits';
export type { Keyring } from './server/keyring';
export type { TrustOptions } from './server/trust';
export type { AuditContext, AuditEventName, AuditOptions, AuditOutcome, AuditRecord, AuditSink } from './server/audit';
export type { ServerTelemetry, TelemetryAttributes, TelemetrySpan } from './server/telemetry';
export type { SubjectMacs } from './server/subject';

export { createPushHandler } from './server/push-handler';
export type { PushHandlerOptions } from './server/push-handler';
export type { FaceIdentifyEvent, PushMessage } from './server/push-message';
export {
  decodeEncodingAESKey,
  decryptPushMessage,
  encryptPushMessage,
  pushSignature,
  verifyPushSignature,
  PushDecryptError,
} from './server/push-crypto';
export { buildFlatXml, parseFlatXml } from './server/flat-xml';
export type { XmlFields } from './server/flat-xml';

export { toNodeListener, toWebRequest, writeWebResponse } from './server/node-listener';

export { createMockCredential, createMockWeChat, startMockWeChat } from './server/mock-wechat';
export type { MockCredentialOptions, MockWeChat, MockWeChatServer } from './server/mock-wechat';
export { MOCK_WECHAT_SCENARIOS, MOCK_WECHAT_DEFAULTS } from './server/mock-wechat/registry';
export { MOCK_CAPTURE_REPORT_PATH } from './server/mock-wechat/routes';
export type { MockWeChatScenario, MockWeChatOptions } from './server/mock-wechat/registry';
export type { PushOptions, PushTarget } from './server/mock-wechat/push';

// Alipay (支付宝身份验证): the client over the app's own alipay-sdk 4.x (an optional peer, never imported here)
// and the local Alipay gateway stand-in.
export { createAlipayApi, parsePassed } from './server/alipay/api';
export type {
  AlipayApi,
  AlipayApiOptions,
  AlipayBizCode,
  AlipayCertType,
  AlipayCertifyResult,
  AlipayInitializeParams,
} from './server/alipay/api';
export type { AlipaySdkLike, AlipaySdkConfigLike, AlipayExecOptionsLike } from './server/alipay/sdk';
export { AlipayApiError, AlipaySignatureError, AlipayTransportError } from './server/alipay/errors';
export type { AlipaySignatureFailure, AlipayTransportFailure } from './server/alipay/errors';
export { createMockAlipay, startMockAlipay } from './server/mock-alipay';
export type { MockAlipay, MockAlipayServer } from './server/mock-alipay';
export { MOCK_ALIPAY_APP_ID, MOCK_ALIPAY_GATEWAY_SCENARIOS, MOCK_ALIPAY_SCENARIOS } from './server/mock-alipay/registry';
export type { MockAlipayGatewayScenario, MockAlipayOptions, MockAlipayScenario } from './server/mock-alipay/registry';
export { MOCK_ALIPAY_CAPTURE_REPORT_PATH, MOCK_ALIPAY_GATEWAY_PATH } from './server/mock-alipay/routes';
