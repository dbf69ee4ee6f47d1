/**
 * The mock driver's scenarios: each one a device and a capture outcome, so every failure the real flow
 * can meet is previewable in a desktop browser.
 */
import type { CameraPermission } from '../../core/ports';

/** A simulated device and capture outcome: what the mock driver answers to each native call. */
export interface MockScenario {
  /** Shown in the preview bar. */
  label: { 'zh-CN': string; en: string };
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
  label: { 'zh-CN': '核验成功', en: 'Success' },
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

const scenario = (label: MockScenario['label'], changes: Partial<MockScenario>): MockScenario => ({ ...base, ...changes, label });

/** The built-in scenarios, by name: one per failure the real flow can meet, plus `success`. */
export const MOCK_SCENARIOS = {
  success: base,
  'no-front-camera': scenario({ 'zh-CN': '没有前置摄像头', en: 'No front camera' }, { faceSupportCode: 10001 }),
  'model-missing': scenario({ 'zh-CN': '人脸模型未下载', en: 'Face model missing' }, { faceSupportCode: 10002 }),
  'disabled-by-wechat': scenario({ 'zh-CN': '微信后台关闭', en: 'Disabled by WeChat' }, { faceSupportCode: 10003 }),
  'old-wechat': scenario({ 'zh-CN': '微信版本过低', en: 'WeChat too old' }, { wechatVersion: '6.5.2', sdkVersion: '1.9.0' }),
  'no-screen-flash': scenario(
    { 'zh-CN': '不支持炫光（读数字）', en: 'No screen flash (read digits)' },
    { wechatVersion: '6.6.7', sdkVersion: '2.0.0' },
  ),
  'camera-denied': scenario({ 'zh-CN': '摄像头权限被拒绝', en: 'Camera denied' }, { camera: 'denied', cameraOnRequest: 'denied' }),
  'user-cancel': scenario({ 'zh-CN': '用户取消', en: 'User cancels' }, { captureCodes: [90100] }),
  'capture-error': scenario({ 'zh-CN': '采集失败后重试成功', en: 'Capture error, then retry works' }, { captureCodes: [90102] }),
  'face-mismatch': scenario({ 'zh-CN': '人脸与证件不符', en: 'Face does not match' }, { identifyRet: 10004 }),
  'id-name-mismatch': scenario({ 'zh-CN': '姓名与身份证号不符', en: 'Name and ID do not match' }, { captureCodes: [10003] }),
  'no-network': scenario({ 'zh-CN': '没有网络', en: 'No network' }, { network: 'none' }),
  ios: scenario({ 'zh-CN': 'iPhone（探测无返回码）', en: 'iPhone (probe gives no code)' }, { platform: 'ios', faceSupportCode: null }),
  'not-wechat': scenario({ 'zh-CN': '不在微信中', en: 'Not in WeChat' }, { wechatVersion: null, platform: 'h5' }),
} satisfies Record<string, MockScenario>;

/** The name of a built-in scenario. */
export type MockScenarioName = keyof typeof MOCK_SCENARIOS;

/** The built-in scenarios' names, in display order. */
export const MOCK_SCENARIO_NAMES = Object.keys(MOCK_SCENARIOS) as MockScenarioName[];

/** True when `value` names a built-in scenario (e.g. read from a URL query). */
export function isMockScenarioName(value: unknown): value is MockScenarioName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MOCK_SCENARIOS, value);
}
