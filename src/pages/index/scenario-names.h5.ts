/** The preview's scenario names, for the home page's lists: H5 only (Taro picks this file for `--type h5`). */
export { MOCK_ALIPAY_SCENARIO_NAMES, MOCK_SCENARIO_NAMES } from '../../face-verify/mock';
