/**
 * The mock driver's scenarios: each one a device and a capture outcome, so every failure the real flow
 * can meet is previewable in a desktop browser. Their labels live in the locale tables (`scenarios`).
 */
import type { CameraPermission } from '../../core/ports';

/** A simulated device and capture outcome: what the mock driver answers to each native call. */
export interface MockScenario {
  platform: string;
  /** null: not running in WeChat (getSystemInfo is unsupported). */
  wechatVersion: string | null;
  sdkVersion: string;
  camera: CameraPermission;
  /** What wx.authorize for the camera answers. */
  cameraOnRequest: CameraPermission;
  network: string;
  /** errCode of checkIsSupportFacialRecognition (null: none, as on iOS). */
  faceSupportCode: number | null;
  /** errCodes the capture reports, one per capture in order, before captures succeed. */
  captureCodes: number[];
  /** identify_ret the credential carries (what WeChat's getinfo will report). */
  identifyRet: number;
}

const base: MockScenario = {
  platform: 'android',
  wechatVersion: '8.0.54',
  sdkVersion: '3.9.2',
  camera: 'granted',
  cameraOnRequest: 'granted',
  network: 'wifi',
  faceSupportCode: 0,
  captureCodes: [],
  identifyRet: 0,
};

const scenario = (changes: Partial<MockScenario>): MockScenario => ({ ...base, ...changes });

/** The built-in scenarios, by name: one per failure the real flow can meet, plus `success`. */
// Pure, as every table of calls here: a bundle that never reads it (a mini-program's) drops it whole.
export const MOCK_SCENARIOS = /* @__PURE__ */ (() =>
  ({
    success: base,
    'no-front-camera': scenario({ faceSupportCode: 10001 }),
    'model-missing': scenario({ faceSupportCode: 10002 }),
    'disabled-by-wechat': scenario({ faceSupportCode: 10003 }),
    'old-wechat': scenario({ wechatVersion: '6.5.2', sdkVersion: '1.9.0' }),
    'no-screen-flash': scenario({ wechatVersion: '6.6.7', sdkVersion: '2.0.0' }),
    'camera-denied': scenario({ camera: 'denied', cameraOnRequest: 'denied' }),
    'user-cancel': scenario({ captureCodes: [90100] }),
    'capture-error': scenario({ captureCodes: [90102] }),
    'face-mismatch': scenario({ identifyRet: 10004 }),
    'id-name-mismatch': scenario({ captureCodes: [10003] }),
    'no-network': scenario({ network: 'none' }),
    ios: scenario({ platform: 'ios', faceSupportCode: null }),
    'not-wechat': scenario({ wechatVersion: null, platform: 'h5' }),
  }) satisfies Record<string, MockScenario>)();

/** The name of a built-in scenario. */
export type MockScenarioName = keyof typeof MOCK_SCENARIOS;

/** The built-in scenarios' names, in display order. */
export const MOCK_SCENARIO_NAMES = /* @__PURE__ */ (() => Object.keys(MOCK_SCENARIOS) as MockScenarioName[])();

/** True when `value` names a built-in scenario (e.g. read from a URL query). */
export function isMockScenarioName(value: unknown): value is MockScenarioName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MOCK_SCENARIOS, value);
}
