/** The options of one flow (the core's; `FaceVerifyConfig` in defaults.ts makes `driver` optional). */
import type { FaceVerifyEventListener } from './events';
import type { FaceDriver, HttpPort } from './ports';
import type { Clock, LocaleOption, ModePreference, Protocol, TicketEndpoint, VerifyEndpoint } from './types';

/** Options of one verification flow: the device, the backend's endpoints, and how patient to be with them. */
export interface FaceVerifyOptions {
  /** Where the credential goes: a URL (POSTed as JSON) or a function returning the backend's verdict. */
  endpoint?: VerifyEndpoint;
  /** Issues a ticket for the logged-in user (WeChat: userIdKey for v1, verifyId for v2, required for v2). */
  ticketEndpoint?: TicketEndpoint;
  /** WeChat only: v1 or v2 capture. @default 'v1' */
  protocol?: Protocol;
  /** @default 'auto' */
  mode?: ModePreference;
  /** The device. The entry point picks WeChat on weapp and the mock in H5 when this is omitted. */
  driver: FaceDriver;
  /** How URL endpoints are reached. The entry point picks the mini-program's request or `fetch`. */
  http?: HttpPort;
  /** Extra headers for URL endpoints (an auth token, …). */
  headers?: Record<string, string>;
  /** Per backend attempt. @default 15000 */
  timeoutMs?: number;
  /** Extra backend attempts after a transient failure. @default 2 */
  retries?: number;
  /** @default 'zh-CN' */
  locale?: LocaleOption;
  /** @default the global timers */
  clock?: Clock;
  /**
   * Receives the flow's events (`face_verify.probe.finished`, `face_verify.flow.finished`, …) for a funnel or an
   * audit trail: codes, enums, numbers and booleans only, never the identity, a ticket or a credential. Lossy by
   * design (a listener that throws changes nothing): the server's verdict stays the authority.
   * @example
   * createFaceVerify({ onEvent: (event) => analytics.track(event.name, { ...event.attributes }) });
   */
  onEvent?: FaceVerifyEventListener;
}
