/** Everything Tencent-Cloud-FaceID-specific on the front end: the H5 driver, its browser seam and the outcome table. */
export { createTencentFaceIdDriver, TENCENT_TICKET, toTencentFailure, withTencentPort, type TencentFaceIdDriverOptions } from './driver';
export { globalBrowser, type SessionStore, type TencentBrowser } from './browser';
export { classifyTencentErrCode, TENCENT_OUTCOMES, type TencentOutcomeClass, type TencentOutcomeCode } from './outcomes';
export { DEFAULT_PENDING_KEY, type PendingCapture } from './pending';
export { DEFAULT_TOKEN_PARAMS, readReturnToken, withoutParams, withParam } from './return-url';
export { TENCENT_ERROR_WORDS, TENCENT_PAGE_WORDS, TENCENT_SCENARIO_LABELS, type TencentPageWords } from './words';
