/** Everything WeChat-specific: the driver, its native layer, version gates and code catalogue. */
export { createWeChatDriver, withWeChatPort, type WeChatDriver } from './driver';
export type { CaptureAnswer, FaceSupportAnswer, NativeApiName, SystemInfo, V1CaptureParams, WeChatFaceApi } from './native';
export { checkAliveTypeFor } from './probe';
export { classifyCode, classifyVerdict, classifyWeChatCode, KNOWN_CAPTURE_CODES, MAX_FACE_MISMATCH_ATTEMPTS } from './catalogue';
export type { ClassifyContext } from './catalogue';
export { compareVersions, isAtLeast, VERSION_GATES } from './version';
