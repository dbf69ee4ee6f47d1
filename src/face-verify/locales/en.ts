/**
 * English. One table: the flow's words, the page's, the H5 preview's and the mock scenarios' labels.
 */
import type { FlowMessages, LocaleMessages } from './types';

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
    'disabled-by-wechat': 'WeChat cannot run face verification on this device right now. Use another service channel.',
    'camera-denied': 'Face verification needs the camera. Allow camera access in Settings.',
    'no-network': 'You are offline. Connect to a network and try again.',
    'screen-flash-unavailable': 'This WeChat version cannot run the colour-flash check; you will read digits aloud instead.',
    'probe-failed': 'Could not check whether this device supports face verification. Try again shortly.',
  },
  errors: {
    cancelled: 'You cancelled face verification.',
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
    badAnswer: 'The service gave an answer we could not read. Try again shortly.',
    rejected: 'Verification was not passed.',
    notPassed: 'Alipay identity verification did not pass',
    replayed: 'This verification result has already been used. Verify again.',
    identityMismatch:
      'The person verified does not match the real-name details of this account. Make sure the account holder is verifying, or use another service channel.',
    ticketFailed: 'Verification could not be started. Try again shortly.',
    notSupported: 'This device does not support face verification.',
    mockCapture: 'The simulated capture failed.',
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
  },
  // Written out in each getter (not behind a helper) so a mini-program build folds the check and drops the words.
  get preview() {
    return process.env.TARO_ENV === 'h5'
      ? {
          bar: {
            badge: 'Preview — simulated',
            scenario: 'Scenario',
            toolbar: 'Preview tools',
            languageName: 'English',
            switchTo: 'Switch to English',
          },
          capture: {
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
        }
      : undefined;
  },
};
