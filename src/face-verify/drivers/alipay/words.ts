/**
 * Alipay's own words (支付宝身份验证), in each shipped locale: the outcome table's messages and the page's words
 * where they name the platform. They live in the platform's folder, not in the locale tables, so a WeChat bundle
 * carries none of them (a custom locale reads the English ones, as with Tencent's).
 */
import type { PlatformWords } from '../../core/ports';

/** The failure messages of the outcome table (drivers/alipay/outcomes.ts). */
export const ALIPAY_ERROR_WORDS = {
  cancelled: {
    'zh-CN': '你已取消身份验证。准备好后可以重新开始。',
    en: 'You cancelled the verification. Start again when you are ready.',
  },
  network: {
    'zh-CN': '网络不稳定，身份验证没有完成。请检查网络后重试。',
    en: 'The network dropped and the verification did not finish. Check your connection and try again.',
  },
  systemError: {
    'zh-CN': '支付宝暂时出了点问题，请稍后重试。',
    en: 'Alipay had a problem. Please try again in a moment.',
  },
  unknownError: {
    'zh-CN': '身份验证没有完成，请重试。',
    en: 'The verification did not finish. Please try again.',
  },
  notCertified: {
    'zh-CN': '你的支付宝账号尚未完成实名认证，请先在支付宝完成实名认证，或改用其他方式办理。',
    en: 'Your Alipay account has no real-name verification. Complete it in Alipay first, or use another way to continue.',
  },
  verifyFailed: {
    'zh-CN': '无法打开身份验证，请重试。',
    en: 'The verification could not be opened. Please try again.',
  },
  notAlipay: {
    'zh-CN': '请在支付宝中打开本页面完成身份验证。',
    en: 'Open this page in Alipay to verify your identity.',
  },
  unavailable: {
    'zh-CN': '当前支付宝版本不支持身份验证，请升级支付宝后再试。',
    en: 'This version of Alipay cannot verify your identity. Update Alipay and try again.',
  },
  devtools: {
    'zh-CN': '开发者工具中无法进行身份验证，请在真机上预览。',
    en: 'Verification does not run in the developer tool. Preview on a real phone.',
  },
  cameraDenied: {
    'zh-CN': '需要使用摄像头。请在设置中允许本小程序使用摄像头。',
    en: 'The camera is needed. Allow this mini-program to use the camera in its settings.',
  },
  cameraSystemDenied: {
    'zh-CN': '支付宝没有摄像头权限。请在手机的系统设置中允许支付宝使用摄像头。',
    en: "Alipay may not use the camera. Allow it in your phone's system settings.",
  },
  noNetwork: {
    'zh-CN': '没有网络连接。请连接网络后重试。',
    en: 'There is no network connection. Connect and try again.',
  },
  serviceBusy: {
    'zh-CN': '支付宝服务繁忙，请稍后重试。',
    en: "Alipay's service is busy. Please try again in a moment.",
  },
  notConfigured: {
    'zh-CN': '身份验证服务暂不可用，请改用其他方式办理。',
    en: 'Verification is not available right now. Please use another way to continue.',
  },
  serviceFailed: {
    'zh-CN': '身份验证没有完成，请重新开始。',
    en: 'The verification could not be completed. Please start again.',
  },
} as const satisfies Record<string, PlatformWords>;

/** The page's words where they name the platform, as they read on Alipay. */
export interface AlipayPageWords {
  title: string;
  start: string;
  unsupportedTitle: string;
  result: { successTitle: string; failedTitle: string; cancelledTitle: string };
  probingDetail: string;
  consent: string;
  capture: string;
  privacy: string;
}

export const ALIPAY_PAGE_WORDS: { readonly 'zh-CN': AlipayPageWords; readonly en: AlipayPageWords } = {
  'zh-CN': {
    title: '身份验证',
    start: '开始身份验证',
    unsupportedTitle: '当前设备无法进行身份验证',
    result: { successTitle: '验证成功', failedTitle: '验证未完成', cancelledTitle: '已取消验证' },
    probingDetail: '检查支付宝版本、摄像头和网络，只需几秒钟。',
    consent: '点击“开始身份验证”即表示你同意由支付宝采集你的人脸信息，仅用于本次身份验证。',
    capture: '请按照支付宝的提示完成身份验证',
    privacy: '身份验证服务由支付宝提供。你的信息仅用于本次身份验证，本页面不会保存你的身份证号码。',
  },
  en: {
    title: 'Identity verification',
    start: 'Start identity verification',
    unsupportedTitle: 'Identity verification cannot run on this device',
    result: { successTitle: 'Verified', failedTitle: 'Verification not completed', cancelledTitle: 'Verification cancelled' },
    probingDetail: 'Checking Alipay, the camera and the network. This takes a few seconds.',
    consent: 'By tapping "Start identity verification" you agree that Alipay captures your face for this verification only.',
    capture: "Follow Alipay's instructions to verify your identity",
    privacy:
      'Identity verification is provided by Alipay. Your details are used only for this verification; this page does not keep your ID number.',
  },
};
