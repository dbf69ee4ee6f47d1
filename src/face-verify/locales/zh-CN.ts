/**
 * Chinese (简体中文), the kit's default locale. One table: the flow's words, the page's, the H5 preview's and the mock scenarios' labels.
 */
import type { FlowMessages, LocaleMessages } from './types';

/** The flow's words alone (what a flow resolves `locale` against; a bundle without the page carries only these). */
export const flow: FlowMessages = {
  idCard: {
    empty: '请输入身份证号码。',
    length: (length) => `身份证号码应为 18 位，现在是 ${length} 位，请检查是否漏输或多输。`,
    characters: '身份证号码只能包含数字，最后一位可以是 X。',
    region: '身份证号码前两位（省份代码）不正确，请对照证件检查。',
    birthDate: '身份证号码中的出生日期（第 7 到 14 位）不是有效日期，请对照证件检查。',
    birthFuture: '身份证号码中的出生日期晚于今天，请对照证件检查。',
    birthTooEarly: '身份证号码中的出生日期早于 1800 年，请对照证件检查。',
    checksum: '身份证号码校验位不正确，可能有一位输错了，请对照证件逐位检查。',
  },
  name: {
    empty: '请输入姓名。',
    tooLong: '姓名过长，请输入证件上的姓名。',
    characters: '姓名不能包含数字或特殊符号，请输入证件上的姓名。',
  },
  problems: {
    'not-wechat': '请在微信中打开本小程序完成人脸核身。',
    devtools: '开发者工具不支持人脸核身，请在真机上预览。',
    'unsupported-platform': '当前设备不支持人脸核身，请使用安卓或苹果手机上的微信。',
    'wechat-too-old': (minimum) => `微信版本过低，请将微信升级到 ${minimum} 或更高版本后重试。`,
    'base-library-too-old': (minimum) => `微信基础库版本过低（需要 ${minimum} 或更高），请升级微信后重试。`,
    'api-unavailable': '当前微信版本无法使用人脸核身，请升级微信后重试。',
    'no-front-camera': '此设备没有前置摄像头，无法进行人脸核身，请换一台手机或通过其他渠道办理。',
    'model-missing': '人脸识别组件未能下载，请连接稳定的网络，重启微信后重试。',
    'disabled-by-wechat': '微信暂时无法在此设备上进行人脸核身，请通过其他渠道办理。',
    'camera-denied': '需要使用摄像头进行人脸核身，请在设置中允许使用摄像头。',
    'no-network': '当前没有网络连接，请连接网络后重试。',
    'screen-flash-unavailable': '当前微信版本不支持炫光识别，将改用读数字的方式核验。',
    'probe-failed': '暂时无法检测设备是否支持人脸核身，请稍后重试。',
  },
  errors: {
    cancelled: '你已取消人脸核身。',
    permission: '需要摄像头和麦克风权限才能进行人脸核身，请在设置中开启后重试。',
    device: '此设备无法进行人脸采集，请换一台手机或通过其他渠道办理。',
    transient: '系统繁忙，请确认已允许使用摄像头，稍后重试；如仍失败，请重启或升级微信。',
    captureTimeout: '识别超时，请在光线充足的地方，正对手机重试。',
    shaking: '手机晃动幅度过大，请拿稳手机重试。',
    developer: '服务配置有误，请稍后再试或联系客服。',
    faceNotDetected: '没有检测到人脸，请正对屏幕，保持面部在框内后重试。',
    photoQuality: '照片质量不佳，请在光线充足、无遮挡的环境下重试。',
    speech: '没有识别到读出的数字，请在安静环境下大声读出数字后重试。',
    lipMovement: '没有检测到口型变化，请对着屏幕清楚地读出数字后重试。',
    idNameMismatch: '姓名与身份证号码不一致，请检查后重新填写。',
    faceMismatch: '人脸与证件照片不一致，请本人正对屏幕重试。',
    faceMismatchFinal: '多次核验未通过，请确认是本人操作，或通过其他渠道办理。',
    inProgress: '上一次核验仍在处理，请稍后重试。',
    notConfigured: '该服务暂未开通人脸核身，请通过其他渠道办理。',
    serviceBusy: '核验服务繁忙，请稍后重试。',
    noIdPhoto: '暂时无法核验你的证件照片，请通过其他渠道办理。',
    credentialInvalid: '核验凭证无效，请重新开始。',
    credentialExpired: '核验已过期，请重新开始。',
    duplicate: '请勿重复提交，请稍后查看结果。',
    quota: '今日核验次数已达上限，请明天再试或通过其他渠道办理。',
    notCompleted: '人脸核身没有完成，请重试。',
    unknown: '人脸核身失败，请重试。',
    timeout: '网络超时，请检查网络后重试。',
    network: '网络异常，请检查网络后重试。',
    badStatus: (status) => `服务暂时不可用（${status}），请稍后重试。`,
    badAnswer: '服务返回了无法识别的结果，请稍后重试。',
    rejected: '核验未通过。',
    notPassed: '支付宝身份验证未通过',
    replayed: '该核验结果已使用过，请重新核验。',
    identityMismatch: '核验的人与账户的实名信息不一致，请确认是本人操作，或通过其他渠道办理。',
    ticketFailed: '暂时无法开始核验，请稍后重试。',
    notSupported: '当前设备不支持人脸核身。',
    mockCapture: '模拟采集失败。',
  },
};

/** Chinese (简体中文), the kit's default locale. */
export const zhCN: LocaleMessages<'zh-CN'> = {
  locale: 'zh-CN',
  flow,
  page: {
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
  },
  // Written out in each getter (not behind a helper) so a mini-program build folds the check and drops the words.
  get preview() {
    return process.env.TARO_ENV === 'h5'
      ? {
          bar: { badge: '预览模式 · 模拟数据', scenario: '模拟场景', toolbar: '预览工具', languageName: '中文', switchTo: '切换到中文' },
          capture: {
            badge: '模拟采集 · 非真实核验',
            readNumber: '请用普通话读出以下数字',
            screenFlash: '屏幕将闪烁不同颜色，请保持面部在框内',
            position: '请正对屏幕，保持光线充足',
            remaining: (seconds: number) => `剩余 ${seconds} 秒`,
            pending: '正在打开摄像头',
            noCamera: '未使用摄像头，以示意图代替',
            cancel: '取消',
            digitsLabel: (digits: string) => `需要读出的数字：${digits.split('').join(' ')}`,
          },
        }
      : undefined;
  },
  get scenarios() {
    return process.env.TARO_ENV === 'h5'
      ? {
          success: '核验成功',
          'no-front-camera': '没有前置摄像头',
          'model-missing': '人脸模型未下载',
          'disabled-by-wechat': '微信后台关闭',
          'old-wechat': '微信版本过低',
          'no-screen-flash': '不支持炫光（读数字）',
          'camera-denied': '摄像头权限被拒绝',
          'user-cancel': '用户取消',
          'capture-error': '采集失败后重试成功',
          'face-mismatch': '人脸与证件不符',
          'id-name-mismatch': '姓名与身份证号不符',
          'no-network': '没有网络',
          ios: 'iPhone（探测无返回码）',
          'not-wechat': '不在微信中',
        }
      : undefined;
  },
};
