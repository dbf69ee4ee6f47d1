/**
 * The real device driver: WeChat's native APIs, called callback-style on the object it is given (`wx`, or
 * Taro's object, whose promisified wrappers also honour callbacks). Every callback result becomes a promise
 * or a DriverError at this edge; a missing API is reported as unsupported, never a crash.
 */
import type {
  CameraPermission,
  CaptureAnswer,
  FaceDriver,
  FaceSupportAnswer,
  HttpRequest,
  HttpResponse,
  NativeApiName,
  SystemInfo,
  V1CaptureParams,
} from './driver';
import { DriverError } from './driver';

type Callback = (result: Record<string, unknown>) => void;
type NativeFunction = (params: Record<string, unknown> & { success?: Callback; fail?: Callback; complete?: Callback }) => unknown;
/** The subset of `wx` the driver reads; any object with these methods works. */
export type NativeApi = Partial<Record<string, unknown>>;

interface Settled {
  ok: boolean;
  result: Record<string, unknown>;
}

function nativeFunction(api: NativeApi | undefined, name: string): NativeFunction | null {
  const fn = api?.[name];
  return typeof fn === 'function' ? (fn as NativeFunction).bind(api) : null;
}

/** Calls a callback-style API once and settles on the first of success / fail / complete. */
function callNative(api: NativeApi | undefined, name: string, params: Record<string, unknown> = {}): Promise<Settled> {
  const fn = nativeFunction(api, name);
  if (!fn) return Promise.reject(new DriverError('unsupported', name));
  return new Promise<Settled>((resolve, reject) => {
    let settled = false;
    const settle = (ok: boolean) => (result: unknown) => {
      if (settled) return;
      settled = true;
      resolve({ ok, result: result && typeof result === 'object' ? (result as Record<string, unknown>) : {} });
    };
    try {
      const returned = fn({
        ...params,
        success: settle(true),
        fail: settle(false),
        // complete alone means the runtime skipped success/fail; it carries errMsg ending in ':ok' or ':fail …'.
        complete: (result: Record<string, unknown>) => settle(/:ok$/.test(String(result?.errMsg ?? '')))(result),
      });
      // Taro's promisified wrappers also return a promise that rejects on fail; the callbacks above already
      // carry that outcome, so the duplicate rejection is observed here only to keep it from going unhandled.
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(undefined, () => undefined);
      }
    } catch (error) {
      if (!settled) {
        settled = true;
        reject(new DriverError('threw', name, error instanceof Error ? error.message : undefined));
      }
    }
  });
}

const errMsgOf = (result: Record<string, unknown>) => String(result.errMsg ?? '');

function numberOr(value: unknown, fallback: number | null): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return fallback;
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

declare const wx: NativeApi | undefined;

function defaultNativeApi(): NativeApi | undefined {
  return typeof wx === 'object' && wx !== null ? wx : undefined;
}

/**
 * The WeChat device driver.
 * @param api the native API object. @default the `wx` global (Taro's `Taro` object works too)
 * @example
 * const driver = createWeChatDriver(); // or createWeChatDriver(Taro)
 */
export function createWeChatDriver(api: NativeApi | undefined = defaultNativeApi()): FaceDriver {
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
    name: 'wechat',
    mock: false,
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

    async request({ url, method, headers, body, timeoutMs }: HttpRequest): Promise<HttpResponse> {
      const { ok, result } = await callNative(api, 'request', {
        url,
        method,
        header: headers,
        data: body,
        timeout: timeoutMs,
        dataType: 'text',
        responseType: 'text',
      });
      if (!ok) {
        const message = errMsgOf(result);
        throw new DriverError(/timeout/i.test(message) ? 'timeout' : 'failed', 'request', message);
      }
      const data = result.data;
      return { status: numberOr(result.statusCode, 0) ?? 0, text: typeof data === 'string' ? data : JSON.stringify(data ?? null) };
    },
  };
}
