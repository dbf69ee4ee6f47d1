/**
 * The Alipay preview's scenarios: a simulated Alipay client and what its `startAPVerify` and the server's query
 * would say. Their labels live in the locale tables (`scenarios`), beside the WeChat scenarios' (same name, same
 * meaning: `success`, `user-cancel`, `camera-denied`).
 */

/** A simulated Alipay client and capture outcome. */
export interface MockAlipayScenario {
  /** `my.getSystemInfo().platform`. */
  platform: string;
  version: string;
  /** `my.canIUse('startAPVerify')`. */
  canStartVerify: boolean;
  /** `my.isIDE`. */
  isIDE: boolean;
  /** The mini-program's camera setting (`my.getSetting` → `authSetting.camera`); undefined: never asked. */
  camera: boolean | undefined;
  /** The resultStatus of each capture in order ('6001', '6002', '4000:SYSTEM_ERROR', …); later captures answer 9000. */
  captureStatuses: string[];
  /** What the server's query says for a 9000 capture (`passed`). */
  passed: boolean;
}

const base: MockAlipayScenario = {
  platform: 'iOS',
  version: '10.6.80',
  canStartVerify: true,
  isIDE: false,
  camera: true,
  captureStatuses: [],
  passed: true,
};
const scenario = (changes: Partial<MockAlipayScenario>): MockAlipayScenario => ({ ...base, ...changes });

/** The built-in Alipay scenarios, by name, in display order. */
export const MOCK_ALIPAY_SCENARIOS = /* @__PURE__ */ (() =>
  ({
    success: base,
    'user-cancel': scenario({ captureStatuses: ['6001'] }),
    'network-error': scenario({ captureStatuses: ['6002'] }),
    'not-passed': scenario({ passed: false }),
    'unsupported-client': scenario({ canStartVerify: false, version: '10.1.0' }),
    'camera-denied': scenario({ camera: false }),
    ide: scenario({ isIDE: true, platform: 'devtools' }),
  }) satisfies Record<string, MockAlipayScenario>)();

/** The name of a built-in Alipay scenario. */
export type MockAlipayScenarioName = keyof typeof MOCK_ALIPAY_SCENARIOS;

/** The built-in Alipay scenarios' names, in display order. */
export const MOCK_ALIPAY_SCENARIO_NAMES = /* @__PURE__ */ (() => Object.keys(MOCK_ALIPAY_SCENARIOS) as MockAlipayScenarioName[])();

/** True when `value` names a built-in Alipay scenario (e.g. read from a URL query). */
export function isMockAlipayScenarioName(value: unknown): value is MockAlipayScenarioName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MOCK_ALIPAY_SCENARIOS, value);
}
