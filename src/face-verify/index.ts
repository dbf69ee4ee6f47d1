export { validateIdCardNumber, validateName, validateIdentity, maskIdCardNumber, maskName, idCardCheckCharacter } from './core/identity';
export type { IdCardValidation, IdCardProblem, NameValidation, IdentityValidation, ValidateOptions } from './core/identity';
export { probeSupport } from './core/probe';
export type { ProbeOptions } from './core/probe';
export { VERDICT_CLASSES } from './core/verdict';
export type { FaceVerifyOptions, FaceVerifyState, FaceVerifyStore } from './core/flow';
export { FACE_VERIFY_EVENT_NAMES } from './core/events';
export type { FaceVerifyEvent, FaceVerifyEventAttributes, FaceVerifyEventListener, FaceVerifyEventName } from './core/events';
// The flow's machinery (the transition table, its machine and events), the client's verdict classes, WeChat's
// version gates and code list: exported for tests and tools, marked @internal (not in the API reference; they may
// change in any release). Apps use createFaceVerify, useFaceVerify and FaceVerifyPage.
export { transition, initialMachine, resumeJob } from './core/machine';
export type { FlowEvent, FlowMachine, Job, JobKind, Secrets } from './core/machine';
export { createFaceVerify, createDefaultDriver } from './defaults';
export type { FaceVerifyConfig } from './defaults';
export { DriverError } from './core/ports';
export type {
  CameraPermission,
  CaptureOutcome,
  CapturePlan,
  CaptureRequest,
  CaptureSetup,
  ClassifiedFailure,
  DeviceProblem,
  DeviceReport,
  DriverErrorCode,
  ErrorMessageKey,
  FailureMessage,
  FaceDriver,
  HttpPort,
  HttpRequest,
  HttpResponse,
  PlatformWords,
  ProbeRequest,
  ResumeAnswer,
  TicketSpec,
} from './core/ports';
export { createFetchHttp } from './drivers/http/fetch';
export { createMiniProgramHttp } from './drivers/http/mini-program';
export type { MiniProgramHttpOptions } from './drivers/http/mini-program';
export type { NativeApi } from './drivers/callback';
export {
  classifyCode,
  classifyVerdict,
  compareVersions,
  createWeChatDriver,
  KNOWN_CAPTURE_CODES,
  MAX_FACE_MISMATCH_ATTEMPTS,
  VERSION_GATES,
  withWeChatPort,
} from './drivers/wechat';
export type {
  CaptureAnswer,
  ClassifyContext,
  FaceSupportAnswer,
  NativeApiName,
  SystemInfo,
  V1CaptureParams,
  WeChatDriver,
  WeChatFaceApi,
} from './drivers/wechat';
export { createAlipayDriver, createAlipayNative, withAlipayPort } from './drivers/alipay';
export type {
  AlipayDriver,
  AlipayNative,
  AlipayNativeObject,
  AlipayCameraSetting,
  AlipaySystemInfo,
  AlipayVerifyAnswer,
} from './drivers/alipay';
export { createTencentFaceIdDriver, TENCENT_ERROR_WORDS, TENCENT_OUTCOMES, withTencentPort } from './drivers/tencent';
export type { SessionStore, TencentBrowser, TencentFaceIdDriverOptions, TencentOutcomeClass, TencentOutcomeCode } from './drivers/tencent';
export { IDEMPOTENCY_KEY_HEADER, isVerdictCode, normalizeIdCardNumber, VERDICT_CODES } from './contract';
export { useFaceVerify } from './react/useFaceVerify';
export type { UseFaceVerifyOptions, UseFaceVerifyResult } from './react/useFaceVerify';
export { FaceVerifyPage } from './react/page/FaceVerifyPage';
export type {
  FaceVerifyCallbacks,
  FaceVerifyPageFlatProps,
  FaceVerifyPageFlowOptions,
  FaceVerifyPageProps,
  FaceVerifyPageUi,
  FaceVerifyPreview,
  FaceVerifyTheme,
} from './react/page/FaceVerifyPage';
export { selectScreen } from './core/screen';
export type { CapturePhase, FaceVerifyScreen, ScreenInput, ScreenProgress } from './core/screen';
export { en, LOCALES, messagesFor, zhCN } from './locales';
export type {
  FlowMessages,
  LocaleMessages,
  LocaleName,
  LocaleOption,
  Messages,
  PageMessages,
  PreviewMessages,
  ScenarioLabels,
} from './locales';
export type * from './core/types';
export { createMockTencentDriver } from './drivers/mock/tencent';
export type { MockTencentDriver, MockTencentDriverOptions } from './drivers/mock/tencent';
export { isMockTencentScenarioName, MOCK_TENCENT_SCENARIO_NAMES, MOCK_TENCENT_SCENARIOS } from './drivers/mock/tencent-scenarios';
export type { MockTencentScenario, MockTencentScenarioName } from './drivers/mock/tencent-scenarios';
