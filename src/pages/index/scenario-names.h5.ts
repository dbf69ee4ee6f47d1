/** The preview's simulated platforms and their scenarios, for the home page's lists: H5 only (Taro picks this file for `--type h5`). */
export { PREVIEW_PLATFORMS, previewScenarioLabel } from '../../face-verify/mock';
