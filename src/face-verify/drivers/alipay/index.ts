/** Everything Alipay-specific on the front end: the driver, its native layer and the outcome table. */
export { ALIPAY_TICKET, createAlipayDriver, toClassifiedFailure, withAlipayPort, type AlipayDriver } from './driver';
export type { AlipayNativeObject } from './call';
export { createAlipayNative, type AlipayCameraSetting, type AlipayNative, type AlipaySystemInfo, type AlipayVerifyAnswer } from './native';
export { probeAlipay } from './probe';
