/**
 * A recording fake of the `wx` APIs the kit calls. Each API answers through its callbacks as WeChat does
 * (success / fail / complete, asynchronously); a test scripts the answers per API and reads back every
 * call with its parameters. An answer may be a promise the test settles later (a native screen held open).
 */

/** How a native call ends: which callback WeChat invokes, with what result. */
export interface NativeOutcome {
  /** 'complete' alone: some runtimes skip success / fail and call only complete. */
  via: 'success' | 'fail' | 'complete';
  result: Record<string, unknown>;
}
export type Responder = (params: Record<string, unknown>) => NativeOutcome | Promise<NativeOutcome>;

export interface NativeCall {
  api: string;
  /** The parameters without the callbacks. */
  params: Record<string, unknown>;
}

export interface Device {
  platform: 'android' | 'ios' | 'devtools';
  /** WeChat's version. */
  version: string;
  /** The base library's version. */
  SDKVersion: string;
  /** 'scope.camera' in getSetting: true (allowed), false (refused), undefined (never asked). */
  camera?: boolean;
  networkType?: string;
  /** getAppBaseInfo's font setting: the scale factor (1 = standard) and the size in px. */
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
}

export const ANDROID: Device = { platform: 'android', version: '8.0.50', SDKVersion: '3.9.2', camera: true, networkType: 'wifi' };
export const IOS: Device = { ...ANDROID, platform: 'ios' };

export const ok = (api: string, extra: Record<string, unknown> = {}): NativeOutcome => ({
  via: 'success',
  result: { errMsg: `${api}:ok`, ...extra },
});
export const fail = (api: string, reason: string, extra: Record<string, unknown> = {}): NativeOutcome => ({
  via: 'fail',
  result: { errMsg: `${api}:fail ${reason}`, ...extra },
});

/** A backend answer to wx.request: status and JSON body, as WeChat hands it over with dataType 'text'. */
export const answer = (statusCode: number, body: unknown): NativeOutcome =>
  ok('request', { statusCode, data: typeof body === 'string' ? body : JSON.stringify(body), header: {} });

/** A promise with its resolve handle: a native answer the test gives when it has looked at the screen. */
export function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

export interface FakeWx {
  /** The object installed as the global `wx` (merged over miniprogram-simulate's broad mock). */
  api: Record<string, unknown>;
  calls: NativeCall[];
  /** The calls to the given APIs, in order. */
  callsTo: (...apis: string[]) => NativeCall[];
  /** Replaces an API's answers from now on. */
  respond: (api: string, responder: Responder) => void;
}

/** The APIs whose calls the tests assert: the device probe, permissions, capture and network. */
const ASYNC_APIS = [
  'getSystemInfo',
  'getSetting',
  'authorize',
  'openSetting',
  'getNetworkType',
  'checkIsSupportFacialRecognition',
  'startFacialRecognitionVerify',
  'requestFacialVerify',
  'request',
] as const;

/**
 * @param device the phone the page runs on
 * @param responders answers that differ from a capable phone and a backend that accepts
 * @param missing APIs this WeChat does not expose (not whitelisted, too old)
 */
export function createFakeWx(device: Device, responders: Partial<Record<string, Responder>> = {}, missing: string[] = []): FakeWx {
  const calls: NativeCall[] = [];
  const authSetting = () => (device.camera === undefined ? {} : { 'scope.camera': device.camera });
  const defaults: Record<(typeof ASYNC_APIS)[number], Responder> = {
    getSystemInfo: () => ok('getSystemInfo', { ...device, brand: 'test', model: 'test' }),
    getSetting: () => ok('getSetting', { authSetting: authSetting() }),
    authorize: () => (device.camera === false ? fail('authorize', 'auth deny') : ok('authorize')),
    openSetting: () => ok('openSetting', { authSetting: authSetting() }),
    getNetworkType: () => ok('getNetworkType', { networkType: device.networkType ?? 'wifi' }),
    // iOS answers without a code (and may fail on capable phones); Android answers 0 when it can.
    checkIsSupportFacialRecognition: () =>
      device.platform === 'ios'
        ? fail('checkIsSupportFacialRecognition', 'unknown')
        : ok('checkIsSupportFacialRecognition', { errCode: 0 }),
    startFacialRecognitionVerify: () => ok('startFacialRecognitionVerify', { errCode: 0, verifyResult: 'vr-simulated-credential' }),
    requestFacialVerify: () => ok('requestFacialVerify', { errCode: 0 }),
    request: () => answer(200, { ok: true }),
  };
  const script: Record<string, Responder> = { ...defaults, ...(responders as Record<string, Responder>) };

  const api: Record<string, unknown> = {
    getAppBaseInfo: () => ({
      SDKVersion: device.SDKVersion,
      version: device.version,
      language: 'zh_CN',
      theme: 'light',
      fontSizeScaleFactor: device.fontSizeScaleFactor ?? 1,
      fontSizeSetting: device.fontSizeSetting ?? 16,
    }),
    getDeviceInfo: () => ({ platform: device.platform, brand: 'test', model: 'test', system: `${device.platform} 14` }),
  };
  for (const name of ASYNC_APIS) {
    api[name] = (options: Record<string, unknown> = {}) => {
      const params = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function'));
      calls.push({ api: name, params });
      // WeChat answers on a later turn, never inside the call.
      void Promise.resolve()
        .then(() => script[name]!(params))
        .then(({ via, result }) => {
          const callback = options[via] as ((result: unknown) => void) | undefined;
          if (via !== 'complete') callback?.(result);
          (options.complete as ((result: unknown) => void) | undefined)?.(result);
        });
    };
  }
  for (const name of missing) api[name] = undefined;

  return {
    api,
    calls,
    callsTo: (...apis) => calls.filter((call) => apis.includes(call.api)),
    respond: (name, responder) => {
      script[name] = responder;
    },
  };
}
