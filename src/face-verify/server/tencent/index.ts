/** Tencent Cloud FaceID (腾讯云人脸核身, H5 route): the server client, its errors and the result rule. */
export { createTencentFaceIdApi, isLoopbackHost } from './api';
export type { TencentDetectAuthParams, TencentDetectAuthResult, TencentFaceIdApi, TencentFaceIdApiOptions } from './api';
export { describeDetectCode, judgeDetectInfo, parseDetectInfoText, TENCENT_DETECT_CODES, TENCENT_MIN_SIMILARITY } from './detect-info';
export type { TencentDetectCode, TencentDetectInfo, TencentExpectedPerson, TencentJudgement, TencentProblem } from './detect-info';
export {
  adviceForTencentCode,
  isTencentApiError,
  isTencentTransportError,
  mapTencentFailure,
  TencentApiError,
  TencentTransportError,
} from './errors';
export type { TencentAction, TencentApiFailure, TencentHttpAnswer, TencentTransportFailure } from './errors';
export type {
  TencentDetectAuthRequest,
  TencentDetectAuthResponse,
  TencentDetectInfoTextLike,
  TencentFaceIdClientLike,
  TencentGetDetectInfoEnhancedRequest,
  TencentGetDetectInfoEnhancedResponse,
} from './sdk';
