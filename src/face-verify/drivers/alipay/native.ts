/**
 * The Alipay native layer: the few `my` APIs face verification needs (支付宝身份验证), called callback-style on
 * the object it is given (`my`, or Taro's object on an alipay build), each answer turned into plain data.
 * A missing API is `DriverError('unsupported')`, a synchronous throw `DriverError('threw')`, never a crash.
 */
import { DriverError } from '../../core/ports';
import { callAlipay, failureText, nativeFunction, type AlipayNativeObject } from './call';

/** What `my.getSystemInfo` reports that the probe reads. */
export interface AlipaySystemInfo {
  /** 'alipay' in the Alipay client; other hosts of Alipay mini-programs (e.g. Taobao) report their own name. */
  app: string | null;
  /** The client's version, e.g. '10.2.28.1769'. */
  version: string | null;
  /** Lower-cased: 'android', 'ios' ('iPhone OS' is reported as 'ios'), … */
  platform: string;
  /** The OS-level camera switch for the Alipay app; null when the client does not say. */
  cameraAuthorized: boolean | null;
}

/** The mini-program's camera setting (`my.getSetting` key `camera`); 'unknown': never asked. */
export type AlipayCameraSetting = 'granted' | 'denied' | 'unknown';

/**
 * How `my.startAPVerify` ended. `completed`: it called success with a `resultStatus` ('9000' passed on the
 * phone, which is never proof: the server's query decides; '6001' cancelled; '6002' network; '4000' with an
 * `errorCode`). `failed`: it called fail (`{ error, errorMessage }`). The certify id it echoes is not kept.
 */
export type AlipayVerifyAnswer =
  | { settled: 'completed'; resultStatus: string; errorCode: string | null }
  | { settled: 'failed'; error: number | null; errorMessage: string };

/** The Alipay native layer (see {@link createAlipayNative}). */
export interface AlipayNative {
  /** `my.canIUse(name)`; false when this client has no canIUse or it throws. */
  canIUse(name: string): boolean;
  /** True when `my.startAPVerify` exists and `my.canIUse('startAPVerify')` agrees. */
  canStartVerify(): boolean;
  /** `my.isIDE`: the developer tool, where verification cannot run (it needs a real device). */
  isIDE(): boolean;
  getSystemInfo(): Promise<AlipaySystemInfo>;
  getCameraSetting(): Promise<AlipayCameraSetting>;
  /** Opens the mini-program's settings page; the camera setting when the user comes back. */
  openSetting(): Promise<AlipayCameraSetting>;
  /** 'wifi' | '4g' | '3g' | '2g' | 'wwan' | 'unknown' | 'none' (no network: NOTREACHABLE or networkAvailable false). */
  getNetworkType(): Promise<string>;
  /** `my.startAPVerify({ url, certifyId })`: opens Alipay's face capture for a certify id the server initialised. */
  startAPVerify(params: { url: string; certifyId: string }): Promise<AlipayVerifyAnswer>;
}

declare const my: AlipayNativeObject | undefined;

function defaultNativeObject(): AlipayNativeObject | undefined {
  return typeof my === 'object' && my !== null ? my : undefined;
}

function flag(value: unknown): boolean | null {
  if (value === true || value === 'true' || value === 'authorized') return true;
  if (value === false || value === 'false' || value === 'denied') return false;
  return null;
}

function cameraFrom(result: Record<string, unknown>): AlipayCameraSetting {
  const auth = result.authSetting as Record<string, unknown> | undefined;
  // Alipay's keys are bare (`camera`), not WeChat's `scope.camera`.
  const camera = auth?.camera;
  return camera === true ? 'granted' : camera === false ? 'denied' : 'unknown';
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The Alipay native layer over `my` (or Taro's object).
 * @param api the native object. @default the `my` global
 * @example
 * const native = createAlipayNative(); // or createAlipayNative(Taro) on an alipay build
 * if (native.canStartVerify() && !native.isIDE()) {
 *   const answer = await native.startAPVerify({ url, certifyId }); // then ask the server: only its query decides
 * }
 */
export function createAlipayNative(api: AlipayNativeObject | undefined = defaultNativeObject()): AlipayNative {
  const canIUse = (name: string): boolean => {
    const fn = nativeFunction(api, 'canIUse');
    if (!fn) return false;
    try {
      return (fn as unknown as (api: string) => unknown)(name) === true;
    } catch {
      return false; // a client whose canIUse throws cannot promise the API either
    }
  };

  const settingCall = async (name: 'getSetting' | 'openSetting'): Promise<AlipayCameraSetting> => {
    const { ok, result } = await callAlipay(api, name);
    if (!ok) throw new DriverError('failed', name, failureText(result));
    return cameraFrom(result);
  };

  return {
    canIUse,
    canStartVerify: () => nativeFunction(api, 'startAPVerify') !== null && canIUse('startAPVerify'),
    isIDE: () => api?.isIDE === true,

    async getSystemInfo() {
      const { ok, result } = await callAlipay(api, 'getSystemInfo');
      if (!ok) throw new DriverError('failed', 'getSystemInfo', failureText(result));
      if (typeof result.platform !== 'string' && typeof result.version !== 'string') {
        throw new DriverError('failed', 'getSystemInfo', 'no platform or version');
      }
      const platform = String(result.platform ?? 'unknown').toLowerCase();
      return {
        app: text(result.app),
        version: text(result.version),
        platform: platform === 'iphone os' ? 'ios' : platform,
        cameraAuthorized: flag(result.cameraAuthorized),
      };
    },

    getCameraSetting: () => settingCall('getSetting'),
    openSetting: () => settingCall('openSetting'),

    async getNetworkType() {
      const { ok, result } = await callAlipay(api, 'getNetworkType');
      if (!ok) throw new DriverError('failed', 'getNetworkType', failureText(result));
      const type = String(result.networkType ?? 'unknown').toLowerCase();
      return result.networkAvailable === false || type === 'notreachable' ? 'none' : type;
    },

    async startAPVerify({ url, certifyId }) {
      const { ok, result } = await callAlipay(api, 'startAPVerify', { url, certifyId });
      const status = result.resultStatus;
      if (ok && (typeof status === 'string' || typeof status === 'number')) {
        const inner = result.result as Record<string, unknown> | null | undefined;
        return { settled: 'completed', resultStatus: String(status), errorCode: text(inner?.errorCode) };
      }
      const error =
        typeof result.error === 'number'
          ? result.error
          : typeof result.error === 'string' && /^\d+$/.test(result.error)
            ? Number(result.error)
            : null;
      return { settled: 'failed', error, errorMessage: typeof result.errorMessage === 'string' ? result.errorMessage : '' };
    },
  };
}
