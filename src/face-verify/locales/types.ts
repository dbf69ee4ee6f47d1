/**
 * The shape every locale's table fills: user-facing words only, keyed by what happened. One table per
 * locale (`zh-CN.ts`, `en.ts`), in namespaces by who reads them: the flow, the page, the H5 preview and
 * the mock scenarios' labels.
 */

/** The flow's words: identity checks, device problems and failures (what `error.message` and `problem.message` say). */
export interface FlowMessages {
  idCard: {
    empty: string;
    length: (length: number) => string;
    characters: string;
    region: string;
    birthDate: string;
    birthFuture: string;
    birthTooEarly: string;
    checksum: string;
  };
  name: { empty: string; tooLong: string; characters: string };
  problems: {
    'not-wechat': string;
    devtools: string;
    'unsupported-platform': string;
    'wechat-too-old': (minimum: string) => string;
    'base-library-too-old': (minimum: string) => string;
    'api-unavailable': string;
    'no-front-camera': string;
    'model-missing': string;
    'disabled-by-wechat': string;
    'camera-denied': string;
    'no-network': string;
    'screen-flash-unavailable': string;
    'probe-failed': string;
    'not-alipay': string;
    'camera-system-denied': string;
  };
  errors: {
    cancelled: string;
    permission: string;
    device: string;
    transient: string;
    captureTimeout: string;
    shaking: string;
    developer: string;
    faceNotDetected: string;
    photoQuality: string;
    speech: string;
    lipMovement: string;
    idNameMismatch: string;
    faceMismatch: string;
    faceMismatchFinal: string;
    inProgress: string;
    notConfigured: string;
    serviceBusy: string;
    noIdPhoto: string;
    credentialInvalid: string;
    credentialExpired: string;
    duplicate: string;
    quota: string;
    notCompleted: string;
    unknown: string;
    timeout: string;
    network: string;
    badStatus: (status: number) => string;
    badAnswer: string;
    /** The backend's limit was reached (429): when to try again, in whole minutes. */
    rateLimited: (minutes: number) => string;
    rejected: string;
    replayed: string;
    identityMismatch: string;
    ticketFailed: string;
    notSupported: string;
    mockCapture: string;
    /** Alipay's server verdicts (core/verdict.ts); its device and capture messages are its own (drivers/alipay/words.ts). */
    'alipay.certifyExpired': string;
    'alipay.notPassed': string;
    'alipay.unreachable': string;
    'alipay.untrusted': string;
  };
}

/** The prebuilt page's own words (the flow's messages arrive already localized in its state). */
export interface PageMessages {
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
    /** Leaves the page (back to the previous page): the way out that needs no app code. */
    back: string;
    /** Elder mode, where the device can speak: reads the screen's instruction again. */
    speakAgain: string;
  };
  hints: {
    updateWeChat: string;
    otherChannel: string;
    openInWeChat: string;
    backFromSettings: string;
    updateAlipay: string;
    openInAlipay: string;
    systemSettings: string;
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

/** The H5 preview's words: the preview bar and the simulated capture screen. */
export interface PreviewMessages {
  bar: {
    badge: string;
    scenario: string;
    /** The platform switch's accessible name. */
    platform: string;
    toolbar: string;
    /** The language switch: how this locale names itself, for the switch in another locale's bar. */
    languageName: string;
    /** The switch's accessible name, in this locale: "switch to <this language>". */
    switchTo: string;
    /** The event panel's heading, with how many events it holds. */
    events: (count: number) => string;
    noEvents: string;
    clearEvents: string;
    /** The elder-mode switch (适老化). */
    elderly: string;
  };
  capture: {
    /** The simulated capture dialog's accessible name. */
    dialog: string;
    badge: string;
    readNumber: string;
    screenFlash: string;
    position: string;
    remaining: (seconds: number) => string;
    pending: string;
    noCamera: string;
    cancel: string;
    digitsLabel: (digits: string) => string;
  };
}

/**
 * The mock scenarios' labels, by scenario name (the preview bar's list, the demo app's home page). Keyed by
 * plain strings so locales never import the mock driver; a test checks that every built-in scenario has one.
 */
export type ScenarioLabels = Readonly<Record<string, string>>;

/** One locale's whole table. Adding a locale is one file that exports one of these, plus one line in `LOCALES`. */
export interface LocaleMessages<Name extends string = string> {
  /** The BCP 47 name (`data-locale`, `lang`, the `locale` query parameter). */
  readonly locale: Name;
  readonly flow: FlowMessages;
  readonly page: PageMessages;
  /**
   * H5 builds only (the preview never runs on a mini-program): read at `process.env.TARO_ENV === 'h5'`, so a
   * mini-program build, where Taro replaces that with false, drops these words; there it is undefined.
   */
  readonly preview: PreviewMessages | undefined;
  /** H5 builds only, like `preview`. */
  readonly scenarios: ScenarioLabels | undefined;
}
