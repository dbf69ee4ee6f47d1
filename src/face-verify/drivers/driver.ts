/**
 * Where the device types used to live. The device port now belongs to the core (core/ports.ts) and
 * WeChat's native types to drivers/wechat/; these names stay importable from here for the page.
 */
export { DriverError } from '../core/ports';
export type { CameraPermission, DriverErrorCode, FaceDriver, HttpPort, HttpRequest, HttpResponse } from '../core/ports';
export type { CaptureAnswer, FaceSupportAnswer, NativeApiName, SystemInfo, V1CaptureParams } from './wechat';
