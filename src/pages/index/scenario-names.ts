/**
 * On a mini-program the home page lists no preview scenarios (they need the H5 preview), and its bundle carries
 * none of the mock drivers: Taro picks `scenario-names.h5.ts` for H5 builds, this file everywhere else.
 */
export const MOCK_SCENARIO_NAMES: readonly string[] = [];
export const MOCK_ALIPAY_SCENARIO_NAMES: readonly string[] = [];
