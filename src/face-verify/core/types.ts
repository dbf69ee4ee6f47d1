/** Public types of the kit's platform-free core. */

export type LivenessMode = 'read-number' | 'screen-flash';
/** The liveness mode to use: 'auto' picks screen flash where WeChat allows it, else read-number. */
export type ModePreference = 'auto' | LivenessMode;
/**
 * WeChat only (other drivers ignore it). 'v1': `startFacialRecognitionVerify` with name + ID number (or a
 * userIdKey); 'v2': `requestFacialVerify` with a backend-issued verifyId.
 */
export type Protocol = 'v1' | 'v2';
/** The language of messages for users, by name: one of the locales the kit ships (`LOCALES`). */
export type { LocaleName as Locale, LocaleOption } from '../locales';

/** What helps the user past a problem; a page renders it as a button or a hint. */
export type ProblemAction =
  | 'open-settings'
  | 'retry'
  | 'update-wechat'
  | 'other-channel'
  | 'open-in-wechat'
  | 'check-network'
  /** Alipay: update the Alipay client (its `startAPVerify` is missing). */
  | 'update-alipay'
  /** Alipay: open the mini-program in the Alipay client. */
  | 'open-in-alipay'
  /** Alipay: the phone's own settings must allow the Alipay app the camera (`my.openSetting` cannot). */
  | 'open-system-settings';

/** What the probe found wrong with the device or its settings. */
export type ProblemCode =
  | 'not-wechat'
  | 'devtools'
  | 'unsupported-platform'
  | 'wechat-too-old'
  | 'base-library-too-old'
  | 'api-unavailable'
  | 'no-front-camera'
  | 'model-missing'
  | 'disabled-by-wechat'
  | 'camera-denied'
  | 'no-network'
  | 'screen-flash-unavailable'
  | 'probe-failed'
  /** Alipay: not running in the Alipay client (no `my`). */
  | 'not-alipay'
  /** Alipay: the phone's settings deny the Alipay app the camera (`cameraAuthorized` false). */
  | 'camera-system-denied';

/** One problem the probe found, with its message for the user and what helps. */
export interface SupportProblem {
  code: ProblemCode;
  /** For the user, in the flow's locale: what is wrong and what to do. */
  message: string;
  action?: ProblemAction;
  /** True when it makes `supported` false: nothing the user can do on this device now. */
  blocking: boolean;
}

/** The probe's answer: can face verification run on this device, in which mode, and what stands in the way. */
export interface SupportReport {
  supported: boolean;
  /** The best liveness mode this device can run, or null when unsupported. */
  mode: LivenessMode | null;
  problems: SupportProblem[];
  /** What the probe read, for diagnostics (no personal data). */
  device: {
    platform: string;
    wechatVersion: string | null;
    sdkVersion: string | null;
    /** The client's version on platforms other than WeChat (Alipay's `getSystemInfo().version`). */
    clientVersion?: string | null;
    /** The driver is the mock: a preview, never a real verification. */
    mock: boolean;
  };
}

/** The flow's states (see {@link FaceVerifyState}'s `status`). */
export type FaceVerifyStatus =
  'idle' | 'probing' | 'unsupported' | 'ready' | 'capturing' | 'submitting' | 'success' | 'failed' | 'cancelled';

/** What kind of failure a {@link FaceVerifyError} is, so a page can pick its screen and button. */
export type ErrorKind = 'input' | 'cancel' | 'permission' | 'device' | 'retry' | 'fatal' | 'network' | 'backend';

/** A failure of the flow, written for the user, with whether and where `retry()` resumes. */
export interface FaceVerifyError {
  /** The platform's code (WeChat's 90100, 10004, …), a verdict code, or one of ours ('invalid-id-card', 'timeout', …). */
  code: number | string;
  kind: ErrorKind;
  /** For the user, in the flow's locale. */
  message: string;
  /** Whether `retry()` can make progress. */
  retryable: boolean;
  /** The step that failed; `retry()` resumes there. */
  step?: FlowStep;
  /** What helps, when there is a specific action (open settings for a permission, …). */
  action?: ProblemAction;
}

/** The flow's steps, in order: probe, input check, camera permission, ticket, capture, submit. */
export type FlowStep = 'probe' | 'input' | 'permission' | 'ticket' | 'capture' | 'submit';

/** The person to verify: the name and 18-character resident ID number as on the ID card. */
export interface Identity {
  name: string;
  idCardNumber: string;
}

export type {
  AlipayTicket,
  AlipayVerifyPayload,
  Ticket,
  TicketRequest,
  V1Ticket,
  V1VerifyPayload,
  V2Ticket,
  V2VerifyPayload,
  VerdictCode,
  VerifyPayload,
  VerifyVerdict,
} from '../contract';
import type { Ticket, TicketRequest, VerifyPayload, VerifyVerdict } from '../contract';

/** A backend endpoint: a URL the flow POSTs JSON to, or a function that answers in-process. */
export type Endpoint<Payload, Answer> = string | ((payload: Payload) => Answer | Promise<Answer>);
/** Where the credential goes; answers a {@link VerifyVerdict}. */
export type VerifyEndpoint = Endpoint<VerifyPayload, VerifyVerdict>;
/** Where the flow gets a ticket (WeChat v2, v1 with a userIdKey, Alipay); answers a {@link Ticket}. */
export type TicketEndpoint = Endpoint<TicketRequest, Ticket>;

/** Time, injected so tests and benchmarks control it. Defaults to the global timers, read at call time. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
