/**
 * Tencent Cloud FaceID's own words, in each shipped locale: its failure messages, the page's words where they
 * name the platform, and its preview scenarios' labels. They live in the platform's folder, not in the locale
 * tables: a platform brings its words (a custom locale reads the English ones).
 */
import type { PlatformWords } from '../../core/ports';

/** The failure messages of the outcome table. */
export const TENCENT_ERROR_WORDS = {
  alreadyCompleted: {
    'zh-CN': '这次核身已经完成过了，不能重复提交。如需再次验证，请重新开始。',
    en: 'This verification has already been completed and cannot be submitted again. To verify again, start over.',
  },
  expired: {
    'zh-CN': '本次核身已超时失效，请重新开始。',
    en: 'This verification has expired. Please start again.',
  },
  tooManyAttempts: {
    'zh-CN': '本次核身尝试次数已达上限，请改用其他方式办理。',
    en: 'The number of attempts for this verification has reached its limit. Please use another way to continue.',
  },
  notFinished: {
    'zh-CN': '人脸核身没有完成。准备好后请重新开始。',
    en: 'Face verification was not finished. Start again when you are ready.',
  },
  identityMismatch: {
    'zh-CN': '姓名和身份证号不一致。请对照身份证核对后重新开始；请使用本人的身份证。',
    en: 'The name and ID number do not match. Check them against your ID card and start again; use your own ID card.',
  },
  faceMismatch: {
    'zh-CN': '人脸与身份证照片不一致。请本人正对屏幕，摘下眼镜和口罩后重新开始。',
    en: 'Your face does not match the ID photo. Face the screen yourself, without glasses or a mask, and start again.',
  },
  liveness: {
    'zh-CN': '没有通过活体检测。请在光线充足处正对屏幕、保持手机稳定，按提示完成动作后重新开始。',
    en: 'The liveness check did not pass. Face the screen in good light, hold the phone steady, follow the prompts and start again.',
  },
  rateLimited: {
    'zh-CN': '尝试次数过多，请过几分钟再试；如果今天已多次尝试，请明天再试。',
    en: 'Too many attempts. Try again in a few minutes; if you have tried many times today, try again tomorrow.',
  },
  failed: {
    'zh-CN': '人脸核身没有通过，请重新开始。',
    en: 'Face verification did not pass. Please start again.',
  },
  notBrowser: {
    'zh-CN': '腾讯云人脸核身的网页方式只能在浏览器中使用；在微信小程序中请使用微信人脸核身。',
    en: "Tencent Cloud FaceID's web route runs in a browser. In a WeChat mini-program, use WeChat face verification instead.",
  },
  storageBlocked: {
    'zh-CN': '浏览器禁止了本页面保存临时信息，无法进行人脸核身。请关闭无痕（隐私）模式或换一个浏览器后重试。',
    en: 'The browser does not let this page keep temporary data, so face verification cannot run. Turn off private mode or use another browser, then try again.',
  },
  leaveFailed: {
    'zh-CN': '无法打开人脸核身页面，请重试。',
    en: 'The face verification page could not be opened. Please try again.',
  },
  staleLink: {
    'zh-CN': '这个核身链接已失效，请重新开始。',
    en: 'This verification link is no longer valid. Please start again.',
  },
} as const satisfies Record<string, PlatformWords>;

/** The page's words where they name the platform (the capture leaves the page for Tencent's). */
export interface TencentPageWords {
  capture: string;
  captureDetail: string;
  consent: string;
  privacy: string;
}

export const TENCENT_PAGE_WORDS: { readonly 'zh-CN': TencentPageWords; readonly en: TencentPageWords } = {
  'zh-CN': {
    capture: '正在打开腾讯云人脸核身页面',
    captureDetail: '请在新页面按提示完成人脸核身，完成后会自动回到这里。',
    consent: '点击“开始人脸核身”即表示你同意由腾讯云采集你的人脸信息，仅用于本次身份核验。',
    privacy: '人脸核身服务由腾讯云提供。你的信息仅用于本次身份核验，本页面不会保存你的身份证号码。',
  },
  en: {
    capture: 'Opening Tencent Cloud face verification',
    captureDetail: 'Follow the prompts on the next page; you will come back here when it is done.',
    consent: 'By tapping "Start face verification" you agree that Tencent Cloud captures your face for this verification only.',
    privacy:
      'Face verification is provided by Tencent Cloud. Your details are used for this verification only; this page does not store your ID number.',
  },
};

/** The preview's Tencent scenarios' labels. */
export const TENCENT_SCENARIO_LABELS: {
  readonly 'zh-CN': Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
} = {
  'zh-CN': {
    mismatch: '姓名与身份证号不匹配',
    'low-similarity': '人脸与证件照不一致',
    'liveness-failed': '活体检测未通过',
    'user-left': '中途离开（未完成就返回）',
    'token-expired': '核身已过期',
  },
  en: {
    mismatch: 'Name and ID number do not match',
    'low-similarity': 'Face does not match the ID photo',
    'liveness-failed': 'Liveness check fails',
    'user-left': 'Comes back without finishing',
    'token-expired': 'Verification expired',
  },
};
