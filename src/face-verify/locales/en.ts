/**
 * English. One table: the flow's words, the page's, the H5 preview's and the mock scenarios' labels.
 */
import type { FlowMessages, LocaleMessages, PageMessages, TencentErrorKey } from './types';

/** The flow's words alone (what a flow resolves `locale` against; a bundle without the page carries only these). */
export const flow: FlowMessages = {
  idCard: {
    empty: 'Enter your ID card number.',
    length: (length) => `An ID card number has 18 characters; this one has ${length}. Check for a missing or extra character.`,
    characters: 'An ID card number has only digits; the last one may be X.',
    region: 'The first two digits (the province code) are not valid. Check them against your card.',
    birthDate: 'The date of birth in the number (characters 7 to 14) is not a real date. Check it against your card.',
    birthFuture: 'The date of birth in the number is after today. Check it against your card.',
    birthTooEarly: 'The date of birth in the number is before 1800. Check it against your card.',
    checksum: 'The last character (the check digit) does not match; one character is probably mistyped. Check each one against your card.',
  },
  name: {
    empty: 'Enter your name.',
    tooLong: 'That name is too long. Enter the name on your ID card.',
    characters: 'A name cannot contain digits or symbols. Enter the name on your ID card.',
  },
  problems: {
    'not-wechat': 'Open this mini-program in WeChat to verify your face.',
    devtools: 'WeChat DevTools cannot run face verification. Preview on a real phone.',
    'unsupported-platform': 'This device cannot run face verification. Use WeChat on an Android phone or iPhone.',
    'wechat-too-old': (minimum) => `Your WeChat is too old. Update WeChat to ${minimum} or later and try again.`,
    'base-library-too-old': (minimum) => `Your WeChat base library is too old (${minimum} or later needed). Update WeChat and try again.`,
    'api-unavailable': 'This version of WeChat cannot run face verification. Update WeChat and try again.',
    'no-front-camera': 'This device has no front camera. Use another phone or another service channel.',
    'model-missing': 'The face recognition component could not be downloaded. Connect to a stable network, restart WeChat and try again.',
    'disabled-by-wechat': 'WeChat does not run face verification on this device. Use another phone or another service channel.',
    'camera-denied': 'Face verification needs the camera. Allow camera access in Settings.',
    'no-network': 'You are offline. Connect to a network and try again.',
    'screen-flash-unavailable': 'This WeChat version cannot run the colour-flash check; you will read digits aloud instead.',
    'probe-failed': 'Could not check whether this device supports face verification. Try again shortly.',
    'not-alipay': 'Open this mini-program in Alipay to verify your identity.',
    'camera-system-denied': "Alipay may not use the camera. Allow it in your phone's system settings.",
  },
  errors: {
    cancelled: 'You cancelled face verification. Start again when you are ready.',
    permission: 'Face verification needs camera and microphone access. Allow them in Settings and try again.',
    device: 'This device cannot capture faces. Use another phone or another service channel.',
    transient: 'The system is busy. Make sure the camera is allowed and try again; if it keeps failing, restart or update WeChat.',
    captureTimeout: 'Recognition timed out. Face the phone in good light and try again.',
    shaking: 'The phone moved too much. Hold it steady and try again.',
    developer: 'This service is misconfigured. Try again later or contact support.',
    faceNotDetected: 'No face was detected. Face the screen, keep your face inside the frame and try again.',
    photoQuality: 'The picture quality was too low. Find good, even light and try again.',
    speech: 'The digits could not be heard. Read them aloud in a quiet place and try again.',
    lipMovement: 'No lip movement was detected. Read the digits clearly facing the screen and try again.',
    idNameMismatch: 'The name and ID card number do not match. Check them and enter them again.',
    faceMismatch: 'Your face does not match the ID photo. The card holder should face the screen and try again.',
    faceMismatchFinal: 'Verification failed several times. Make sure the card holder is verifying, or use another service channel.',
    inProgress: 'The previous verification is still being processed. Try again shortly.',
    notConfigured: 'Face verification is not enabled for this service. Use another service channel.',
    serviceBusy: 'The verification service is busy. Try again shortly.',
    noIdPhoto: 'Your ID photo cannot be checked right now. Use another service channel.',
    credentialInvalid: 'The verification credential is not valid. Start again.',
    credentialExpired: 'The verification has expired. Start again.',
    duplicate: 'Already submitted. Please wait for the result.',
    quota: 'The daily verification limit has been reached. Try again tomorrow or use another service channel.',
    notCompleted: 'Face verification was not completed. Try again.',
    unknown: 'Face verification failed. Try again.',
    timeout: 'The network timed out. Check your connection and try again.',
    network: 'Network error. Check your connection and try again.',
    badStatus: (status) => `The service is unavailable right now (${status}). Try again shortly.`,
    rateLimited: (minutes) => `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    badAnswer: 'The service gave an answer we could not read. Try again shortly.',
    rejected: 'Verification was not passed.',
    replayed: 'This verification result has already been used. Verify again.',
    identityMismatch:
      'The person verified does not match the real-name details of this account. Make sure the account holder is verifying, or use another service channel.',
    ticketFailed: 'Verification could not be started. Try again shortly.',
    notSupported: 'This device does not support face verification.',
    mockCapture: 'The simulated capture failed.',
    'alipay.cancelled': 'You cancelled the verification. Start again when you are ready.',
    'alipay.network': 'The network dropped and the verification did not finish. Check your connection and try again.',
    'alipay.systemError': 'Alipay had a problem. Please try again in a moment.',
    'alipay.unknownError': 'The verification did not finish. Please try again.',
    'alipay.notCertified':
      'Your Alipay account has no real-name verification. Complete it in Alipay first, or use another way to continue.',
    'alipay.verifyFailed': 'The verification could not be opened. Please try again.',
    'alipay.notAlipay': 'Open this page in Alipay to verify your identity.',
    'alipay.unavailable': 'This version of Alipay cannot verify your identity. Update Alipay and try again.',
    'alipay.devtools': 'Verification does not run in the developer tool. Preview on a real phone.',
    'alipay.cameraDenied': 'The camera is needed. Allow this mini-program to use the camera in its settings.',
    'alipay.cameraSystemDenied': "Alipay may not use the camera. Allow it in your phone's system settings.",
    'alipay.noNetwork': 'There is no network connection. Connect and try again.',
    'alipay.serviceBusy': "Alipay's service is busy. Please try again in a moment.",
    'alipay.notConfigured': 'Verification is not available right now. Please use another way to continue.',
    'alipay.certifyExpired': 'This verification has expired. Please start again.',
    'alipay.serviceFailed': 'The verification could not be completed. Please start again.',
    'alipay.notPassed': 'Alipay identity verification did not pass. Make sure it is you and try again.',
    'alipay.unreachable': 'The verification service cannot be reached. Please try again in a moment.',
    'alipay.untrusted': 'The result could not be confirmed. Please use another way to continue.',
    // Tencent Cloud FaceID runs in H5 only: written out so a mini-program build folds the check and drops the words.
    ...(process.env.TARO_ENV === 'h5' || !process.env.TARO_ENV
      ? {
          'tencent.alreadyCompleted':
            'This verification has already been completed and cannot be submitted again. To verify again, start over.',
          'tencent.expired': 'This verification has expired. Please start again.',
          'tencent.tooManyAttempts':
            'The number of attempts for this verification has reached its limit. Please use another way to continue.',
          'tencent.notFinished': 'Face verification was not finished. Start again when you are ready.',
          'tencent.identityMismatch':
            'The name and ID number do not match. Check them against your ID card and start again; use your own ID card.',
          'tencent.faceMismatch':
            'Your face does not match the ID photo. Face the screen yourself, without glasses or a mask, and start again.',
          'tencent.liveness':
            'The liveness check did not pass. Face the screen in good light, hold the phone steady, follow the prompts and start again.',
          'tencent.rateLimited': 'Too many attempts. Try again in a few minutes; if you have tried many times today, try again tomorrow.',
          'tencent.failed': 'Face verification did not pass. Please start again.',
          'tencent.notBrowser':
            "Tencent Cloud FaceID's web route runs in a browser. In a WeChat mini-program, use WeChat face verification instead.",
          'tencent.storageBlocked':
            'The browser does not let this page keep temporary data, so face verification cannot run. Turn off private mode or use another browser, then try again.',
          'tencent.leaveFailed': 'The face verification page could not be opened. Please try again.',
          'tencent.staleLink': 'This verification link is no longer valid. Please start again.',
        }
      : ({} as Record<TencentErrorKey, string>)),
  },
};

/** English. */
export const en: LocaleMessages<'en'> = {
  locale: 'en',
  flow,
  page: {
    title: 'Face verification',
    description: 'To confirm that it is really you, we need a quick face check. Have your ID card ready and find good light.',
    steps: ['Device check', 'Your details', 'Face check', 'Result'],
    stepLabel: (index, total, name) => `Step ${index} of ${total}: ${name}`,
    probing: 'Checking your device',
    probingDetail: 'Checking WeChat, the camera and the network. This takes a few seconds.',
    unsupportedTitle: 'Face verification cannot run on this device',
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
      back: 'Go back',
      speakAgain: 'Read it again',
    },
    hints: {
      updateWeChat: 'To update: open your app store, search for "WeChat", install the latest version, then open this page again.',
      otherChannel: 'You can also take your ID card to a service counter in person.',
      openInWeChat: 'Search for this mini-program in WeChat and open it there.',
      backFromSettings: 'If you have allowed the camera in Settings, tap "Try again" to continue.',
      updateAlipay: 'To update: open your app store, search for "Alipay", install the latest version, then open this page again.',
      openInAlipay: 'Search for this mini-program in Alipay and open it there.',
      systemSettings: "Open your phone's Settings, find Alipay, allow it the camera, then come back and try again.",
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
    alipay: {
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
    // H5 only, as the errors above.
    get tencent() {
      return process.env.TARO_ENV === 'h5' || !process.env.TARO_ENV
        ? {
            capture: 'Opening Tencent Cloud face verification',
            captureDetail: 'Follow the prompts on the next page; you will come back here when it is done.',
            consent: 'By tapping "Start face verification" you agree that Tencent Cloud captures your face for this verification only.',
            privacy:
              'Face verification is provided by Tencent Cloud. Your details are used for this verification only; this page does not store your ID number.',
          }
        : ({} as PageMessages['tencent']);
    },
  },
  // Written out in each getter (not behind a helper) so a mini-program build folds the check and drops the words.
  get preview() {
    return process.env.TARO_ENV === 'h5'
      ? {
          bar: {
            badge: 'Preview — simulated',
            scenario: 'Scenario',
            platform: 'Simulated platform',
            toolbar: 'Preview tools',
            languageName: 'English',
            switchTo: 'Switch to English',
            events: (count: number) => `Events (onEvent) · ${count}`,
            noEvents: 'No events yet: they appear as the flow runs.',
            clearEvents: 'Clear',
            elderly: 'Elder mode (large text)',
          },
          capture: {
            dialog: 'Simulated face capture',
            badge: 'Simulated capture · not a real check',
            readNumber: 'Read these digits aloud',
            screenFlash: 'The screen will flash colours; keep your face in the circle',
            position: 'Face the screen in good light',
            remaining: (seconds: number) => `${seconds} s left`,
            pending: 'Opening the camera',
            noCamera: 'No camera in use: showing a placeholder',
            cancel: 'Cancel',
            digitsLabel: (digits: string) => `Digits to read: ${digits.split('').join(' ')}`,
          },
        }
      : undefined;
  },
  get scenarios() {
    return process.env.TARO_ENV === 'h5'
      ? {
          success: 'Success',
          'no-front-camera': 'No front camera',
          'model-missing': 'Face model missing',
          'disabled-by-wechat': 'Disabled by WeChat',
          'old-wechat': 'WeChat too old',
          'no-screen-flash': 'No screen flash (read digits)',
          'camera-denied': 'Camera denied',
          'user-cancel': 'User cancels',
          'capture-error': 'Capture error, then retry works',
          'face-mismatch': 'Face does not match',
          'id-name-mismatch': 'Name and ID do not match',
          'no-network': 'No network',
          ios: 'iPhone (probe gives no code)',
          'not-wechat': 'Not in WeChat',
          'network-error': 'Network error (6002)',
          'not-passed': 'Not passed',
          'unsupported-client': 'Alipay too old (no startAPVerify)',
          ide: 'Developer tool (IDE)',
          mismatch: 'Name and ID number do not match',
          'low-similarity': 'Face does not match the ID photo',
          'liveness-failed': 'Liveness check fails',
          'user-left': 'Comes back without finishing',
          'token-expired': 'Verification expired',
        }
      : undefined;
  },
};
