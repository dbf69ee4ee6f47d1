export { validateIdCardNumber, validateName, validateIdentity, maskIdCardNumber, maskName, idCardCheckCharacter } from './core/identity';
export type { IdCardValidation, IdCardProblem, NameValidation, IdentityValidation, ValidateOptions } from './core/identity';
export { probeSupport } from './core/probe';
export type { ProbeOptions } from './core/probe';
export { classifyCode, classifyVerdict, KNOWN_CAPTURE_CODES, MAX_FACE_MISMATCH_ATTEMPTS } from './core/catalogue';
export { compareVersions, VERSION_GATES } from './core/version';
export type { FaceVerifyOptions, FaceVerifyState, FaceVerifyStore } from './core/flow';
export { createFaceVerify, createDefaultDriver } from './defaults';
export type { FaceVerifyConfig } from './defaults';
export { createWeChatDriver } from './drivers/wechat';
export type { NativeApi } from './drivers/wechat';
export { DriverError } from './drivers/driver';
export type {
  CameraPermission,
  CaptureAnswer,
  DriverErrorCode,
  FaceDriver,
  FaceSupportAnswer,
  HttpRequest,
  HttpResponse,
  NativeApiName,
  SystemInfo,
  V1CaptureParams,
} from './drivers/driver';
export { useFaceVerify } from './react/useFaceVerify';
export type { UseFaceVerifyOptions, UseFaceVerifyResult } from './react/useFaceVerify';
export { FaceVerifyPage } from './react/page/FaceVerifyPage';
export type {
  FaceVerifyCallbacks,
  FaceVerifyPageFlowOptions,
  FaceVerifyPageProps,
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
