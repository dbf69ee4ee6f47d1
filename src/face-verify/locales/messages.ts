/** The shape every locale fills: user-facing words only, keyed by what happened. */
export interface Messages {
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
    rejected: string;
    replayed: string;
    identityMismatch: string;
    ticketFailed: string;
    notSupported: string;
    mockCapture: string;
  };
}
