/**
 * taro-face-verify/server: the backend half (Node 18+). Web-standard `Request -> Response` handlers with
 * `fetch` injectable, the WeChat API client, the result checks, push crypto and a local WeChat stand-in.
 * Nothing but re-exports; never imports React or Taro.
 */
export { createWeChatApi, WECHAT_API_BASE_URL } from './server/wechat/api';
export type { WeChatApi, WeChatApiOptions, VerifyInfo, VerifyIdInfo } from './server/wechat/api';
export type { TokenMode } from './server/wechat/access-token';
export type { RetryPolicy } from './server/wechat/request';
export { WeChatApiError, WeChatTransportError } from './server/wechat/errors';
export type { WeChatTransportFailure } from './server/wechat/errors';
export { createMemoryTokenStore } from './server/wechat/token-store';
export type { TokenStore, StoredAccessToken } from './server/wechat/token-store';

export { checkVerifyInfo, checkVerifyIdInfo } from './server/wechat/check-verify-info';
export type { CheckResult, ExpectedVerifyInfo, VerifyProblem } from './server/wechat/check-verify-info';
export { certHash } from './server/wechat/cert-hash';

export { createVerifyHandler } from './server/verify-handler';
export type { VerifyExpectation, VerifyHandlerOptions } from './server/verify-handler';
export type { FetchHandler } from './server/http/io';
export type { VerifyPayload } from './server/verify-payload';
export type { RejectionCode } from './server/verdict';
export { createTicketHandler } from './server/ticket-handler';
export type { TicketHandler, TicketHandlerOptions, TicketIdentity, TicketSession } from './server/ticket-handler';
export { createMemoryOnceStore, createMemoryTicketStore } from './server/stores';
export type { IssuedTicket, MemoryStoreOptions, OnceStore, TicketKind, TicketStore } from './server/stores';
export { createRedisStores } from './server/redis-stores';
export type { RedisClientLike, RedisStores, RedisStoresOptions } from './server/redis-stores';
export { HttpError, StoreUnavailableError } from './server/http/errors';
export { DEFAULT_LIMITS, createMemoryLimiter } from './server/limits';
export type { Limits, LimitRule, LimiterBackend, LimitCounter } from './server/limits';
export type { Keyring } from './server/keyring';
export type { TrustOptions } from './server/trust';
export type { AuditContext, AuditEventName, AuditOptions, AuditOutcome, AuditRecord, AuditSink } from './server/audit';
export type { ServerTelemetry, TelemetryAttributes, TelemetrySpan } from './server/telemetry';
export type { SubjectMacs } from './server/subject';

export { createPushHandler } from './server/wechat/push/handler';
export type { PushHandlerOptions } from './server/wechat/push/handler';
export type { FaceIdentifyEvent, PushMessage } from './server/wechat/push/message';
export {
  decodeEncodingAESKey,
  decryptPushMessage,
  encryptPushMessage,
  pushSignature,
  verifyPushSignature,
  PushDecryptError,
} from './server/wechat/push/crypto';
export { buildFlatXml, parseFlatXml } from './server/wechat/push/flat-xml';
export type { XmlFields } from './server/wechat/push/flat-xml';

export { toNodeListener, toWebRequest, writeWebResponse } from './server/http/node-listener';

export { createMockCredential, createMockWeChat, startMockWeChat } from './server/wechat/mock';
export type { MockCredentialOptions, MockWeChat, MockWeChatServer } from './server/wechat/mock';
export { MOCK_WECHAT_SCENARIOS, MOCK_WECHAT_DEFAULTS } from './server/wechat/mock/registry';
export { MOCK_CAPTURE_REPORT_PATH } from './server/wechat/mock/routes';
export type { MockWeChatScenario, MockWeChatOptions } from './server/wechat/mock/registry';
export type { PushOptions, PushTarget } from './server/wechat/mock/push';

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
export { createMockAlipay, startMockAlipay } from './server/alipay/mock';
export type { MockAlipay, MockAlipayServer } from './server/alipay/mock';
export { MOCK_ALIPAY_APP_ID, MOCK_ALIPAY_GATEWAY_SCENARIOS, MOCK_ALIPAY_SCENARIOS } from './server/alipay/mock/registry';
export type { MockAlipayGatewayScenario, MockAlipayOptions, MockAlipayScenario } from './server/alipay/mock/registry';
export { MOCK_ALIPAY_CAPTURE_REPORT_PATH, MOCK_ALIPAY_GATEWAY_PATH } from './server/alipay/mock/routes';

// Tencent Cloud FaceID (腾讯云人脸核身, H5 route): the client over the app's own tencentcloud-sdk-nodejs faceid
// client (an optional peer, never imported here) and the local FaceID stand-in.
export * from './server/tencent';
export {
  MOCK_TENCENT_RULE_ID,
  MOCK_TENCENT_SCENARIOS,
  MOCK_TENCENT_SECRET_ID,
  MOCK_TENCENT_VERIFY_PATH,
  startMockTencentFaceId,
} from './server/tencent/mock';
export type { MockTencentFaceIdOptions, MockTencentFaceIdServer, MockTencentScenario } from './server/tencent/mock';
