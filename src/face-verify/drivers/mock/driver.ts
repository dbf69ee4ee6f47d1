/**
 * The mock device driver: WeChat simulated in memory, for the browser preview (Taro H5) and tests.
 * A flow running on it reports `preview: true`; its credentials are ones the local WeChat stand-in and
 * the mock backend recognise, so the server-side checks run unchanged.
 */
import { systemClock } from '../../core/clock';
import { DriverError, type CameraPermission } from '../../core/ports';
import type { Clock } from '../../core/types';
import { withWeChatPort, type WeChatDriver } from '../wechat/driver';
import type { CaptureAnswer, NativeApiName, SystemInfo, V1CaptureParams, WeChatFaceApi } from '../wechat/native';
import { encodeMockCredential, identityDigests } from './credential';
import { isMockScenarioName, MOCK_SCENARIOS, type MockScenario, type MockScenarioName } from './scenarios';

/** What the preview shows while a simulated capture runs. */
export interface MockCaptureSession {
  mode: 'read-number' | 'screen-flash';
  /** The digits to read aloud (read-number). */
  digits: string;
  /** The colour sequence (screen-flash). */
  colors: string[];
  durationMs: number;
  startedAt: number;
  /** Ends the capture as the user pressing "cancel" in WeChat's UI would (90100). */
  cancel(): void;
}

/** Options of {@link createMockDriver}. */
export interface MockDriverOptions {
  /** A scenario name, or a scenario of your own. @default 'success' */
  scenario?: MockScenarioName | MockScenario;
  /** Delay of every simulated native call, in ms. @default 0 */
  latencyMs?: number;
  /** How long a simulated capture lasts, in ms. @default 0 */
  captureMs?: number;
  /** Time for the simulated latency, capture and identify_time; pass the flow's clock so fake timers drive both. @default the global timers */
  clock?: Clock;
  /**
   * Called when a simulated v2 capture ends, with the verify_ret WeChat would record for the verifyId: lets a
   * preview tell the local WeChat stand-in (through the demo backend) what it simulated.
   */
  onV2Capture?: (report: { verifyId: string; verifyRet: number }) => void | Promise<void>;
}

/**
 * A simulated WeChat: the WeChat driver's device port over simulated native APIs that play a scenario,
 * plus what previews and tests inspect. Its credentials are judged by `createMockBackend` (joined to it
 * in the entry's defaults) or by the local WeChat stand-in.
 */
export interface MockDriver extends WeChatDriver {
  readonly scenarioName: string;
  readonly scenario: MockScenario;
  /** The capture under way, for the preview's simulated capture screen. */
  readonly captures: {
    getSnapshot(): MockCaptureSession | null;
    subscribe(listener: () => void): () => void;
  };
  /** identify_ret / verify_ret the simulated WeChat decided for each v2 verifyId captured (for the mock backend). */
  readonly v2Outcomes: Map<string, number>;
  /** Native calls made, by name: for tests. */
  readonly calls: Record<string, number>;
}

const FLASH_COLORS = ['#ff3b30', '#34c759', '#007aff', '#ffcc00', '#af52de', '#ffffff'];
const randomDigits = () => String(Math.floor(Math.random() * 10000)).padStart(4, '0');
const randomNonce = () => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

/**
 * A simulated device for previews and tests: plays a scenario (device, permission, capture outcome) and
 * returns mock credentials that the mock backend and the WeChat stand-in judge like real ones.
 * @example
 * const driver = createMockDriver({ scenario: 'capture-error', latencyMs: 200 });
 * const flow = createFaceVerify({ driver, endpoint: createMockBackend({ driver }).endpoint });
 */
export function createMockDriver(options: MockDriverOptions = {}): MockDriver {
  const chosen = options.scenario ?? 'success';
  const scenarioName = typeof chosen === 'string' ? chosen : 'custom';
  if (typeof chosen === 'string' && !isMockScenarioName(chosen)) {
    throw new TypeError(`Unknown mock scenario "${chosen}". Known: ${Object.keys(MOCK_SCENARIOS).join(', ')}.`);
  }
  const scenario: MockScenario = typeof chosen === 'string' ? MOCK_SCENARIOS[chosen as MockScenarioName] : chosen;
  const clock = options.clock ?? systemClock;
  const latencyMs = options.latencyMs ?? 0;
  const captureMs = options.captureMs ?? 0;
  const inWeChat = scenario.wechatVersion !== null;
  let camera: CameraPermission = scenario.camera;
  let captureCount = 0;
  let session: MockCaptureSession | null = null;
  const listeners = new Set<() => void>();
  const calls: Record<string, number> = {};
  const v2Outcomes = new Map<string, number>();

  const wait = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? clock.setTimeout(resolve, ms) : resolve()));
  const native = async <T>(name: string, answer: () => T): Promise<T> => {
    calls[name] = (calls[name] ?? 0) + 1;
    if (!inWeChat) throw new DriverError('unsupported', name);
    await wait(latencyMs);
    return answer();
  };
  const publish = (next: MockCaptureSession | null) => {
    session = next;
    listeners.forEach((listener) => listener());
  };

  /** Runs the simulated capture screen; resolves with the errCode it ends with and the digits it showed. */
  const simulateCapture = (mode: MockCaptureSession['mode']): Promise<{ errCode: number; digits: string }> =>
    new Promise((resolve) => {
      const code = scenario.captureCodes[captureCount] ?? 0;
      captureCount++;
      let timer: unknown;
      const finish = (errCode: number) => {
        if (timer !== undefined) clock.clearTimeout(timer);
        if (session === current) publish(null);
        resolve({ errCode, digits: current.digits });
      };
      const current: MockCaptureSession = {
        mode,
        digits: randomDigits(),
        colors: FLASH_COLORS.slice()
          .sort(() => Math.random() - 0.5)
          .slice(0, 4),
        durationMs: captureMs,
        startedAt: clock.now(),
        cancel: () => finish(90100),
      };
      publish(current);
      if (captureMs > 0) timer = clock.setTimeout(() => finish(code), captureMs);
      else Promise.resolve().then(() => finish(code));
    });

  const has = (name: NativeApiName) => inWeChat || name === 'request';

  const simulated: WeChatFaceApi & Omit<MockDriver, keyof WeChatDriver> = {
    scenarioName,
    scenario,
    calls,
    v2Outcomes,
    captures: {
      getSnapshot: () => session,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    has,
    getSystemInfo: () =>
      native('getSystemInfo', (): SystemInfo => ({
        platform: scenario.platform,
        wechatVersion: scenario.wechatVersion,
        sdkVersion: scenario.sdkVersion,
      })),
    getCameraPermission: () => native('getSetting', () => camera),
    requestCameraPermission: () =>
      native('authorize', () => {
        // Only a first request asks; a refusal stands (WeChat answers it at once) and a grant stays.
        if (camera === 'unknown') camera = scenario.cameraOnRequest;
        return camera;
      }),
    // In the preview, "opening settings" stands for the user switching the camera on there.
    openSettings: () => native('openSetting', () => (camera = 'granted')),
    getNetworkType: () => native('getNetworkType', () => scenario.network),
    checkFaceSupport: () =>
      native('checkIsSupportFacialRecognition', () => ({
        errCode: scenario.faceSupportCode,
        errMsg: scenario.faceSupportCode ? 'checkIsSupportFacialRecognition:fail' : 'checkIsSupportFacialRecognition:ok',
      })),

    async startFacialRecognitionVerify(params: V1CaptureParams): Promise<CaptureAnswer> {
      await native('startFacialRecognitionVerify', () => undefined);
      if (!params.userIdKey && !(params.name && params.idCardNumber)) {
        return { errCode: 10001, errMsg: 'startFacialRecognitionVerify:fail invalid params' };
      }
      const mode = params.checkAliveType === 2 ? 'screen-flash' : 'read-number';
      const { errCode, digits } = await simulateCapture(mode);
      if (errCode !== 0) return { errCode, errMsg: `startFacialRecognitionVerify:fail ${errCode}` };
      const digests = params.userIdKey
        ? { userIdKey: params.userIdKey }
        : identityDigests({ name: params.name as string, idCardNumber: params.idCardNumber as string });
      const verifyResult = encodeMockCredential({
        ret: scenario.identifyRet,
        time: Math.floor(clock.now() / 1000),
        ...(mode === 'read-number' ? { digits } : {}),
        ...digests,
        nonce: randomNonce(),
      });
      return { errCode: 0, errMsg: 'startFacialRecognitionVerify:ok', verifyResult };
    },

    async requestFacialVerify({ verifyId }): Promise<CaptureAnswer> {
      await native('requestFacialVerify', () => undefined);
      const { errCode } = await simulateCapture('screen-flash');
      if (errCode !== 0) return { errCode, errMsg: `requestFacialVerify:fail ${errCode}` };
      const verifyRet = scenario.identifyRet === 0 ? 10000 : scenario.identifyRet;
      v2Outcomes.set(verifyId, verifyRet);
      // As on a phone, the capture's outcome is on WeChat's side before the page hears of it.
      if (options.onV2Capture) await options.onV2Capture({ verifyId, verifyRet });
      return { errCode: 0, errMsg: 'requestFacialVerify:ok' };
    },
  };
  // The real WeChat driver code (capture plan, probe gates, catalogue) runs over the simulated APIs.
  return withWeChatPort(simulated, { name: 'mock', mock: true });
}
