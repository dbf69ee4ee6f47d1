/**
 * The one interface between the flow and the device. The WeChat driver implements it over `wx` (or Taro's
 * object); the mock driver implements it for the browser preview and tests. The core never touches globals.
 */

export interface SystemInfo {
  /** 'android' | 'ios' | 'devtools' | 'windows' | 'mac' | 'ohos' | 'h5' | … as WeChat reports it. */
  platform: string;
  /** WeChat's own version, e.g. '8.0.50'; null when not running in WeChat. */
  wechatVersion: string | null;
  /** The base library (SDKVersion), e.g. '3.8.12'. */
  sdkVersion: string | null;
}

/** The camera permission as WeChat's settings report it ('unknown': never asked). */
export type CameraPermission = 'granted' | 'denied' | 'unknown';

/** The answer of checkIsSupportFacialRecognition; errCode is null when WeChat gives none (iOS). */
export interface FaceSupportAnswer {
  errCode: number | null;
  errMsg: string;
}

/** What a capture call reported. errCode 0 with a credential (v1) is the only success. */
export interface CaptureAnswer {
  errCode: number;
  errMsg: string;
  verifyResult?: string;
}

/** Parameters of a v1 capture (`startFacialRecognitionVerify`): name + ID number, or a backend-issued userIdKey. */
export interface V1CaptureParams {
  name?: string;
  idCardNumber?: string;
  userIdKey?: string;
  /** Omitted for read-number; 2 = screen flash where the device can, else read-number. */
  checkAliveType?: number;
}

/** One POST to the app's backend, as the flow hands it to the driver. */
export interface HttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The backend's answer: HTTP status and body text. */
export interface HttpResponse {
  status: number;
  text: string;
}

/** Native APIs the flow may call; drivers answer whether each exists on this device. */
export type NativeApiName =
  | 'checkIsSupportFacialRecognition'
  | 'startFacialRecognitionVerify'
  | 'requestFacialVerify'
  | 'getSetting'
  | 'authorize'
  | 'openSetting'
  | 'getNetworkType'
  | 'request';

/**
 * The one interface between the flow and the device. {@link createWeChatDriver} implements it over `wx`
 * (or Taro's object); `createMockDriver` (taro-face-verify/mock) simulates it. Calls reject with a
 * {@link DriverError}; a missing API is `unsupported`, never a crash.
 */
export interface FaceDriver {
  /** 'wechat', 'mock', …: for diagnostics. */
  readonly name: string;
  /** True for a driver that simulates the device: a flow on it is a preview, never a verification. */
  readonly mock: boolean;
  has(api: NativeApiName): boolean;
  /** Rejects with a DriverError('unsupported') outside WeChat. */
  getSystemInfo(): Promise<SystemInfo>;
  getCameraPermission(): Promise<CameraPermission>;
  /** Asks the user (wx.authorize); a user who refused before must go through openSettings. */
  requestCameraPermission(): Promise<CameraPermission>;
  /** Opens the settings page and reports the camera permission when the user comes back. */
  openSettings(): Promise<CameraPermission>;
  /** 'wifi' | '4g' | 'none' | 'unknown' | … */
  getNetworkType(): Promise<string>;
  checkFaceSupport(params: { checkAliveType?: number }): Promise<FaceSupportAnswer>;
  startFacialRecognitionVerify(params: V1CaptureParams): Promise<CaptureAnswer>;
  requestFacialVerify(params: { verifyId: string }): Promise<CaptureAnswer>;
  /** One HTTP round trip; rejects with DriverError('failed' | 'timeout') when no response arrives. */
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Why a device call failed: the API is missing, threw, reported failure, or did not answer in time. */
export type DriverErrorCode = 'unsupported' | 'threw' | 'failed' | 'timeout';

/** A device call that could not be made or gave no usable answer. Never carries personal data. */
export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly code: DriverErrorCode,
    readonly api: string,
    detail?: string,
  ) {
    super(`${api}: ${code}${detail ? ` (${detail})` : ''}`);
  }
}
