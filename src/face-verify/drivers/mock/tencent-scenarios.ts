/**
 * The Tencent Cloud FaceID preview's scenarios: what the simulated Tencent page does (send the person back with
 * the token, or not) and what `GetDetectInfoEnhanced` would say (its `ErrCode`). Labels: the locale tables'
 * `scenarios`, beside the other platforms' (same name, same meaning: `success`).
 */

/** One simulated verification on Tencent's page. */
export interface MockTencentScenario {
  /** Tencent's page sends the person back to the RedirectUrl with the token (false: they came back another way). */
  returnsToken: boolean;
  /** The ErrCode the verify answer carries (0: passed). */
  errCode: number;
}

/** The built-in Tencent scenarios, by name, in display order. */
export const MOCK_TENCENT_SCENARIOS = {
  success: { returnsToken: true, errCode: 0 },
  mismatch: { returnsToken: true, errCode: 2006 },
  'low-similarity': { returnsToken: true, errCode: 2016 },
  'liveness-failed': { returnsToken: true, errCode: 1001 },
  'user-left': { returnsToken: false, errCode: 17 },
  'token-expired': { returnsToken: true, errCode: 15 },
} satisfies Record<string, MockTencentScenario>;

/** The name of a built-in Tencent scenario. */
export type MockTencentScenarioName = keyof typeof MOCK_TENCENT_SCENARIOS;

/** The built-in Tencent scenarios' names, in display order. */
export const MOCK_TENCENT_SCENARIO_NAMES = /* @__PURE__ */ (() => Object.keys(MOCK_TENCENT_SCENARIOS) as MockTencentScenarioName[])();

/** True when `value` names a built-in Tencent scenario (e.g. read from a URL query). */
export function isMockTencentScenarioName(value: unknown): value is MockTencentScenarioName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MOCK_TENCENT_SCENARIOS, value);
}
