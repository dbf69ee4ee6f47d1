/**
 * WeChat's native face APIs as promises: the callback-style `wx` (or Taro's object) turned into typed
 * answers at this edge. A missing API is reported as unsupported, never a crash.
 */
import { DriverError, type CameraPermission } from '../../core/ports';
import { callNative, errMsgOf, nativeFunction, numberOr, type NativeApi, type Settled } from '../callback';

/** What WeChat reports about itself and the phone. */
export interface SystemInfo {
  /** 'android' | 'ios' | 'devtools' | 'windows' | 'mac' | 'ohos' | 'h5' | … as WeChat reports it. */
  platform: string;
  /** WeChat's own version, e.g. '8.0.50'; null when not running in WeChat. */
  wechatVersion: string | null;
  /** The base library (SDKVersion), e.g. '3.8.12'. */
  sdkVersion: string | null;
}

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

/** WeChat's native APIs the driver may call; `has` answers whether each exists on this device. */
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
 * WeChat's face APIs as promises: what the WeChat driver builds the device port on, and what the mock
 * driver simulates. Calls reject with a {@link DriverError}; a missing API is `unsupported`.
 */
export interface WeChatFaceApi {
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
}

function captureAnswer({ ok, result }: Settled): CaptureAnswer {
  const errCode = numberOr(result.errCode, null) ?? numberOr(result.errno, null) ?? (ok ? 0 : -1);
  const answer: CaptureAnswer = { errCode, errMsg: errMsgOf(result) };
  if (typeof result.verifyResult === 'string' && result.verifyResult) answer.verifyResult = result.verifyResult;
  return answer;
}

function cameraFrom(result: Record<string, unknown>): CameraPermission {
  const auth = result.authSetting as Record<string, unknown> | undefined;
  const camera = auth?.['scope.camera'];
  return camera === true ? 'granted' : camera === false ? 'denied' : 'unknown';
}

/** WeChat's face APIs over the object given (`wx` or Taro's). */
export function wechatFaceApi(api: NativeApi | undefined): WeChatFaceApi {
  const syncCall = (name: string): Record<string, unknown> | null => {
    const fn = api?.[name];
    if (typeof fn !== 'function') return null;
    try {
      const value = (fn as () => unknown).call(api);
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
    } catch {
      return null; // a failing sync getter falls back to getSystemInfo below
    }
  };

  return {
    has: (name: NativeApiName) => nativeFunction(api, name) !== null,

    async getSystemInfo(): Promise<SystemInfo> {
      const base = syncCall('getAppBaseInfo');
      const device = syncCall('getDeviceInfo');
      const info = base && device ? { ...device, ...base } : (await callNative(api, 'getSystemInfo')).result;
      if (typeof info.platform !== 'string' && typeof info.version !== 'string') {
        throw new DriverError('failed', 'getSystemInfo', 'no platform or version');
      }
      return {
        platform: String(info.platform ?? 'unknown').toLowerCase(),
        wechatVersion: typeof info.version === 'string' ? info.version : null,
        sdkVersion: typeof info.SDKVersion === 'string' ? info.SDKVersion : null,
      };
    },

    async getCameraPermission() {
      const { ok, result } = await callNative(api, 'getSetting');
      if (!ok) throw new DriverError('failed', 'getSetting', errMsgOf(result));
      return cameraFrom(result);
    },

    async requestCameraPermission() {
      const { ok } = await callNative(api, 'authorize', { scope: 'scope.camera' });
      return ok ? 'granted' : 'denied';
    },

    async openSettings() {
      const { ok, result } = await callNative(api, 'openSetting');
      if (!ok) throw new DriverError('failed', 'openSetting', errMsgOf(result));
      return cameraFrom(result);
    },

    async getNetworkType() {
      const { ok, result } = await callNative(api, 'getNetworkType');
      if (!ok) throw new DriverError('failed', 'getNetworkType', errMsgOf(result));
      return String(result.networkType ?? 'unknown');
    },

    async checkFaceSupport({ checkAliveType }): Promise<FaceSupportAnswer> {
      const { ok, result } = await callNative(api, 'checkIsSupportFacialRecognition', checkAliveType ? { checkAliveType } : {});
      return { errCode: numberOr(result.errCode, ok ? 0 : null), errMsg: errMsgOf(result) };
    },

    async startFacialRecognitionVerify(params: V1CaptureParams) {
      const request: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(params)) if (value !== undefined) request[key] = value;
      return captureAnswer(await callNative(api, 'startFacialRecognitionVerify', request));
    },

    async requestFacialVerify({ verifyId }) {
      return captureAnswer(await callNative(api, 'requestFacialVerify', { verifyId }));
    },
  };
}
