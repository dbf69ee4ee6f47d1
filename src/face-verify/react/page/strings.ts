/**
 * The page's own words (the flow's problem and error messages arrive already localized in its state).
 * Chinese is the default; English is complete.
 */
import type { Locale } from '../../core/types';

export interface PageStrings {
  title: string;
  description: string;
  steps: [string, string, string, string];
  stepLabel: (index: number, total: number, name: string) => string;
  probing: string;
  probingDetail: string;
  unsupportedTitle: string;
  noticeTitle: string;
  actions: {
    openSettings: string;
    retry: string;
    recheck: string;
    otherChannel: string;
    restart: string;
    start: string;
    cancel: string;
    done: string;
  };
  hints: {
    updateWeChat: string;
    otherChannel: string;
    openInWeChat: string;
    backFromSettings: string;
  };
  form: {
    nameLabel: string;
    namePlaceholder: string;
    idLabel: string;
    idPlaceholder: string;
    intro: string;
    ticketIntro: string;
    consent: string;
    modeHint: { 'read-number': string; 'screen-flash': string };
  };
  capture: {
    permission: string;
    ticket: string;
    wechat: string;
    wechatDetail: string;
  };
  submitting: string;
  submittingDetail: string;
  result: {
    successTitle: string;
    successDetail: string;
    failedTitle: string;
    cancelledTitle: string;
  };
  privacy: string;
}

const zhCN: PageStrings = {
  title: '人脸核身',
  description: '为确认是你本人在办理，需要进行人脸识别。请准备好本人身份证，在光线充足的地方进行。',
  steps: ['检测设备', '填写信息', '人脸识别', '核验结果'],
  stepLabel: (index, total, name) => `第 ${index} 步，共 ${total} 步：${name}`,
  probing: '正在检测设备环境',
  probingDetail: '检查微信版本、摄像头和网络，只需几秒钟。',
  unsupportedTitle: '当前设备暂时无法进行人脸核身',
  noticeTitle: '开始前请注意',
  actions: {
    openSettings: '去设置开启摄像头',
    retry: '重试',
    recheck: '重新检测',
    otherChannel: '通过其他方式办理',
    restart: '重新开始',
    start: '开始人脸核身',
    cancel: '取消',
    done: '完成',
  },
  hints: {
    updateWeChat: '升级方法：打开手机应用商店，搜索“微信”并更新到最新版本，然后重新打开本页面。',
    otherChannel: '你也可以前往服务网点或通过其他线上渠道办理。',
    openInWeChat: '请在微信中搜索并打开本小程序。',
    backFromSettings: '如已在设置中允许使用摄像头，请点击“重试”继续。',
  },
  form: {
    nameLabel: '姓名',
    namePlaceholder: '请输入身份证上的姓名',
    idLabel: '身份证号',
    idPlaceholder: '请输入 18 位身份证号码',
    intro: '请填写本人身份证上的信息，用于与人脸进行比对。',
    ticketIntro: '将使用你在本服务中登记的身份信息进行核验，无需再次填写。',
    consent: '点击“开始人脸核身”即表示你同意由微信采集你的人脸信息，仅用于本次身份核验。',
    modeHint: {
      'read-number': '识别时需要对着屏幕读出一组数字，请在安静的环境中进行。',
      'screen-flash': '识别时屏幕会闪烁几种颜色，请保持面部在框内。',
    },
  },
  capture: {
    permission: '正在请求使用摄像头',
    ticket: '正在准备核验',
    wechat: '请按照微信的提示完成人脸识别',
    wechatDetail: '正对手机，保持光线充足，不要遮挡面部。',
  },
  submitting: '正在确认核验结果',
  submittingDetail: '请勿关闭页面，通常只需几秒钟。',
  result: {
    successTitle: '核验成功',
    successDetail: '已确认是你本人操作。',
    failedTitle: '核验未完成',
    cancelledTitle: '已取消核验',
  },
  privacy: '人脸识别服务由微信提供。你的信息仅用于本次身份核验，本页面不会保存你的身份证号码。',
};

const en: PageStrings = {
  title: 'Face verification',
  description: 'To confirm that it is really you, we need a quick face check. Have your ID card ready and find good light.',
  steps: ['Device check', 'Your details', 'Face check', 'Result'],
  stepLabel: (index, total, name) => `Step ${index} of ${total}: ${name}`,
  probing: 'Checking your device',
  probingDetail: 'Checking WeChat, the camera and the network. This takes a few seconds.',
  unsupportedTitle: 'Face verification cannot run on this device right now',
  noticeTitle: 'Before you start',
  actions: {
    openSettings: 'Allow the camera in Settings',
    retry: 'Try again',
    recheck: 'Check again',
    otherChannel: 'Use another way',
    restart: 'Start over',
    start: 'Start face verification',
    cancel: 'Cancel',
    done: 'Done',
  },
  hints: {
    updateWeChat: 'To update: open your app store, search for "WeChat", install the latest version, then open this page again.',
    otherChannel: 'You can also visit a service counter or use another online channel.',
    openInWeChat: 'Search for this mini-program in WeChat and open it there.',
    backFromSettings: 'If you have allowed the camera in Settings, tap "Try again" to continue.',
  },
  form: {
    nameLabel: 'Name',
    namePlaceholder: 'Name as on your ID card',
    idLabel: 'ID card number',
    idPlaceholder: '18-character ID card number',
    intro: 'Enter the details on your own ID card; your face is compared with its photo.',
    ticketIntro: 'The identity you registered with this service will be used. There is nothing to fill in.',
    consent: 'By tapping "Start face verification" you agree that WeChat captures your face for this verification only.',
    modeHint: {
      'read-number': 'You will read a few digits aloud to the screen, so find a quiet place.',
      'screen-flash': 'The screen will flash a few colours; keep your face inside the frame.',
    },
  },
  capture: {
    permission: 'Asking for the camera',
    ticket: 'Getting ready',
    wechat: 'Follow WeChat’s prompts to finish the face check',
    wechatDetail: 'Face the phone in good light and keep your face uncovered.',
  },
  submitting: 'Confirming the result',
  submittingDetail: 'Please keep this page open; it usually takes a few seconds.',
  result: {
    successTitle: 'Verified',
    successDetail: 'We have confirmed that it is you.',
    failedTitle: 'Verification not completed',
    cancelledTitle: 'Verification cancelled',
  },
  privacy:
    'Face recognition is provided by WeChat. Your details are used for this verification only; this page does not store your ID number.',
};

const STRINGS: Record<Locale, PageStrings> = { 'zh-CN': zhCN, en };

/** The page's words for a locale; anything but 'en' gets Chinese. */
export function pageStrings(locale: Locale | undefined): PageStrings {
  return STRINGS[locale ?? 'zh-CN'] ?? zhCN;
}
