/**
 * Whether the platform says its user reads large text: WeChat's font setting (设置 → 通用 → 字体大小, or
 * 关怀模式), which turns elder mode on by itself. Other platforms report nothing here: false.
 */
import Taro from '@tarojs/taro';

/** iOS WeChat's standard text is 17 px and Android's 16 px × the factor; the 关怀模式 size is 23.8 px. */
const LARGE_FACTOR = 1.25;
const LARGE_SETTING_PX = 20;

export function platformPrefersLargeText(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false;
  try {
    const read = (Taro as unknown as { getAppBaseInfo?: () => Record<string, unknown> }).getAppBaseInfo;
    const info = read?.() ?? {};
    const factor = typeof info.fontSizeScaleFactor === 'number' ? info.fontSizeScaleFactor : 1;
    const setting = typeof info.fontSizeSetting === 'number' ? info.fontSizeSetting : 0;
    return factor >= LARGE_FACTOR || setting >= LARGE_SETTING_PX;
  } catch {
    return false; // an old base library without getAppBaseInfo: the app can still pass `elderly`
  }
}
