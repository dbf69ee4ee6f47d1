/** Public types of the kit's platform-free core. */

export type LivenessMode = 'read-number' | 'screen-flash';
export type ModePreference = 'auto' | LivenessMode;
export type Protocol = 'v1' | 'v2';
export type Locale = 'zh-CN' | 'en';

/** What helps the user past a problem; a page renders it as a button or a hint. */
export type ProblemAction = 'open-settings' | 'retry' | 'update-wechat' | 'other-channel' | 'open-in-wechat' | 'check-network';

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
  | 'probe-failed';

export interface SupportProblem {
  code: ProblemCode;
  /** For the user, in the flow's locale: what is wrong and what to do. */
  message: string;
  action?: ProblemAction;
  /** True when it makes `supported` false: nothing the user can do on this device now. */
  blocking: boolean;
}

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
    /** The driver is the mock: a preview, never a real verification. */
    mock: boolean;
  };
}

export type FaceVerifyStatus =
  | 'idle'
  | 'probing'
  | 'unsupported'
  | 'ready'
  | 'capturing'
  | 'submitting'
  | 'success'
  | 'failed'
  | 'cancelled';

export type ErrorKind = 'input' | 'cancel' | 'permission' | 'device' | 'retry' | 'fatal' | 'network' | 'backend';

export interface FaceVerifyError {
  /** A WeChat error code (90100, 10004, …) or one of ours ('invalid-id-card', 'timeout', …). */
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

export type FlowStep = 'probe' | 'input' | 'permission' | 'ticket' | 'capture' | 'submit';

export interface Identity {
  name: string;
  idCardNumber: string;
}

/** What the flow POSTs to `endpoint`. */
export type VerifyPayload = { verify_result: string } | { verify_id: string; out_seq_no: string };

/** The backend's answer. Only `ok: true` is success. */
export type VerifyVerdict =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; code?: number | string; message?: string };

export type V1Ticket = { userIdKey: string; expiresIn?: number };
export type V2Ticket = { verifyId: string; outSeqNo: string; expiresIn?: number };
export type Ticket = V1Ticket | V2Ticket;

export type Endpoint<Payload, Answer> = string | ((payload: Payload) => Answer | Promise<Answer>);
export type VerifyEndpoint = Endpoint<VerifyPayload, VerifyVerdict>;
export type TicketEndpoint = Endpoint<{ protocol: Protocol }, Ticket>;

/** Time, injected so tests and benchmarks control it. Defaults to the global timers, read at call time. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
