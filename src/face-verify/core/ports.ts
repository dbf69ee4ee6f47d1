/**
 * The core's two ports. The device port ({@link FaceDriver}) is platform-neutral: each platform's driver
 * folder (drivers/wechat/, drivers/alipay/, the mock) implements it and keeps its own version gates, codes
 * and catalogue. The HTTP port ({@link HttpPort}) reaches the app's backend and is not part of the device.
 */
import type { LocaleMessages, Messages } from '../locales';
import type { Ticket, TicketRequest, VerifyPayload } from '../contract';
import type { ErrorKind, FlowStep, Identity, LivenessMode, ModePreference, ProblemAction, ProblemCode, Protocol } from './types';

/** The camera permission as the platform's settings report it ('unknown': never asked). */
export type CameraPermission = 'granted' | 'denied' | 'unknown';

/** A key of the flow's error messages whose value is plain text (what a driver names for a failure). */
export type ErrorMessageKey = {
  [K in keyof Messages['errors']]: Messages['errors'][K] extends string ? K : never;
}[keyof Messages['errors']];

/**
 * A message a platform brings in its own folder, in each shipped locale: a platform added to the kit needs no entry
 * in the locale tables (a custom locale reads the English text).
 */
export type PlatformWords = { readonly 'zh-CN': string; readonly en: string };

/** A message: a key of the flow's error table, or a platform's own words. */
export type FailureMessage = ErrorMessageKey | PlatformWords;

/** What the app configured, as far as it decides the platform's capture. */
export interface CaptureSetup {
  /** WeChat's v1 / v2 choice; other platforms ignore it. */
  protocol?: Protocol;
  /** The app gave a ticket endpoint. */
  ticketEndpoint: boolean;
}

/** The ticket a capture needs: how to ask for it and how to read the answer. */
export interface TicketSpec {
  /** The body POSTed to the ticket endpoint; `identity` is what the user typed, if anything. */
  request(identity: Identity | null): TicketRequest;
  /** The answer's shape check; null means nonsense (retried like a bad answer). */
  parse(raw: unknown): Ticket | null;
  /** One capture spends it (a retry after a failed capture asks for a fresh one). */
  singleUse: boolean;
  /** Still needed when the user typed an identity (WeChat v2, Alipay); false: a typed identity replaces it (WeChat v1). */
  withIdentity: boolean;
}

/** How this platform captures, for the app's setup: whether an identity must be typed, and which ticket. */
export interface CapturePlan {
  identity: 'required' | 'optional';
  ticket: TicketSpec | null;
}

/** One problem the driver found, before the core words it for the user. */
export interface DeviceProblem {
  code: ProblemCode;
  /** True when nothing the user can do on this device now helps. */
  blocking: boolean;
  action?: ProblemAction;
  /** A value the message quotes (the minimum version). */
  detail?: string;
  /**
   * The platform's own wording for a shared code (Alipay's `api-unavailable` says "update Alipay", not
   * WeChat); without it the problem's message in the locale's `problems` table is used.
   */
  message?: FailureMessage;
}

/** What the driver found out about the device: the core turns it into the public `SupportReport`. */
export interface DeviceReport {
  /** The best liveness mode the device can run (ignored when a problem blocks). */
  mode: LivenessMode | null;
  problems: DeviceProblem[];
  device: { platform: string; wechatVersion: string | null; sdkVersion: string | null; clientVersion?: string | null };
}

/** What the probe asks about: the liveness preference and the capture the flow will run. */
export interface ProbeRequest {
  mode: ModePreference;
  setup: CaptureSetup;
}

/** One capture: a ticket or a typed identity (or both, where the platform's ticket carries it). */
export interface CaptureRequest {
  mode: LivenessMode | null;
  identity: Identity | null;
  ticket: Ticket | null;
  /** Captures made in this flow, including this one. */
  attempt: number;
}

/** A failure the driver has already classified; the core only words it in the flow's locale. */
export interface ClassifiedFailure {
  /** The platform's code (WeChat's 90100, Alipay's 6001 / 'SYSTEM_ERROR', …) or a driver's own. */
  code: number | string;
  kind: ErrorKind;
  retryable: boolean;
  message: FailureMessage;
  action?: ProblemAction;
  /** Where `retry()` starts when not at the failed step: the form ('input') or a fresh ticket ('ticket'). */
  resumeAt?: Extract<FlowStep, 'input' | 'ticket'>;
  /** The ticket is spent or unknown: a retry fetches a fresh one. */
  freshTicket?: boolean;
}

/** A capture's outcome: the payload to POST to the verify endpoint, or a classified failure. */
export type CaptureOutcome = { ok: true; payload: VerifyPayload } | { ok: false; failure: ClassifiedFailure };

/**
 * A capture that comes back by itself: a platform that leaves the page for its own (Tencent's H5 route) reads,
 * on the way back, the payload to submit with the Idempotency-Key saved before leaving, or a failure to show.
 */
export type ResumeAnswer = { payload: VerifyPayload; key: string } | { error: ClassifiedFailure };

/**
 * The device port: everything the flow asks of the phone, in no platform's words. Implemented by
 * `createWeChatDriver`, `createMockDriver` (taro-face-verify/mock) and each platform's driver folder.
 * Methods never reject for a platform failure: they answer a classified one (a rejection counts as a
 * transient capture failure).
 */
export interface FaceDriver {
  /** 'wechat', 'mock', 'alipay', …: for diagnostics. */
  readonly name: string;
  /** True for a driver that simulates the device: a flow on it is a preview, never a verification. */
  readonly mock: boolean;
  /**
   * The page's words that name the platform, as they read on it (Alipay's 支付宝身份验证, Tencent's verification
   * page): the page applies this to its locale's table. Absent: the table's own (WeChat's) words.
   */
  wording?(table: LocaleMessages): LocaleMessages;
  /** How a capture runs on this platform for the app's setup. */
  plan(setup: CaptureSetup): CapturePlan;
  /** Asks every question about the device at once. */
  probe(request: ProbeRequest): Promise<DeviceReport>;
  /** Runs the platform's capture and builds the verify payload from the ticket and its answer. */
  capture(request: CaptureRequest): Promise<CaptureOutcome>;
  /** Asks the user for the camera; a user who refused before must go through openSettings. */
  requestCameraPermission(): Promise<CameraPermission>;
  /** Opens the settings page and reports the camera permission when the user comes back. */
  openSettings(): Promise<CameraPermission>;
  /** Classifies a platform code the backend passed on (WeChat's 10004, …); null when it is not one. */
  classify(code: number, context: { attempts: number }): ClassifiedFailure | null;
  /**
   * For a platform whose capture leaves the page: whether a capture is coming back on this load (null: it is
   * not). The flow asks once, when its page mounts; the driver forgets what it saved, so a reload cannot resubmit.
   */
  resume?(): Promise<ResumeAnswer | null>;
}

/** One POST to the app's backend. */
export interface HttpRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The backend's answer: HTTP status and body text. */
export interface HttpResponse {
  status: number;
  text: string;
}

/**
 * The HTTP port: one round trip to the app's backend. `createFetchHttp` (browsers, Node) and
 * `createMiniProgramHttp` (`wx.request`, `my.request` or Taro's `request`) implement it.
 */
export interface HttpPort {
  /** Rejects with DriverError('failed' | 'timeout' | 'unsupported') when no response arrives. */
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Why a platform call failed: the API is missing, threw, reported failure, or did not answer in time. */
export type DriverErrorCode = 'unsupported' | 'threw' | 'failed' | 'timeout';

/** A platform call that could not be made or gave no usable answer. Never carries personal data. */
export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly code: DriverErrorCode,
    readonly api: string,
    detail?: string,
  ) {
    super(`${api}: ${code}${detail ? ` (${detail})` : ''}`);
  }
}
