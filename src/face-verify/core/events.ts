/**
 * The flow's event stream (`onEvent`): plain `{ name, time, attributes }` objects derived in one place from the
 * transitions the store applies. Attributes are built only from enums, neutral codes, numbers and booleans the
 * core already has, never from the identity, a ticket, a credential or a backend's payload. The stream is
 * lossy by design (a listener added late, a throwing listener): the server's verdict stays the authority.
 */
import { systemClock } from './clock';
import type { FlowEvent, FlowMachine, JobKind } from './machine';
import type { CameraPermission, FaceDriver } from './ports';
import type { Clock, FaceVerifyError, Protocol } from './types';
import { isKnownVerdictCode } from './verdict';

/** Every event the flow emits, in the order a verification meets them. */
export const FACE_VERIFY_EVENT_NAMES = [
  'face_verify.probe.finished',
  'face_verify.flow.started',
  'face_verify.permission.finished',
  'face_verify.ticket.finished',
  'face_verify.capture.finished',
  'face_verify.submit.finished',
  'face_verify.flow.finished',
  'face_verify.flow.retried',
  'face_verify.settings.finished',
] as const;

/** The name of a flow event: `face_verify.<step>.finished`, `face_verify.flow.started`, …. */
export type FaceVerifyEventName = (typeof FACE_VERIFY_EVENT_NAMES)[number];

/** An event's attributes, OpenTelemetry style (`error.type`, `http.status`, `duration_ms`): scalars only. */
export type FaceVerifyEventAttributes = Record<string, string | number | boolean>;

/** One event of the flow: nothing personal (codes, enums, numbers and booleans). */
export interface FaceVerifyEvent {
  name: FaceVerifyEventName;
  /** The flow's clock (`options.clock`, else `Date.now()`) when it happened, in ms. */
  time: number;
  attributes: FaceVerifyEventAttributes;
}

/** Receives the flow's events. A listener that throws changes nothing (the kit warns once per flow). */
export type FaceVerifyEventListener = (event: FaceVerifyEvent) => void;

type Pending = [FaceVerifyEventName, FaceVerifyEventAttributes];

/** What the events read of the flow's options (at each transition: a later `onEvent` applies). */
export interface EventOptions {
  onEvent?: FaceVerifyEventListener | undefined;
  clock?: Clock | undefined;
  driver: Pick<FaceDriver, 'name' | 'mock'>;
  protocol?: Protocol | undefined;
}

const STEP_EVENTS: Record<Exclude<JobKind, 'probe'>, FaceVerifyEventName> = {
  permission: 'face_verify.permission.finished',
  ticket: 'face_verify.ticket.finished',
  capture: 'face_verify.capture.finished',
  submit: 'face_verify.submit.finished',
};

/** A neutral code: letters, digits and `_:.-`, with no run of digits long enough to be an ID number. */
const CODE = /^[A-Za-z0-9_:.-]{1,48}$/;
const LONG_DIGITS = /\d{7}/;
const NAME = /^[a-z0-9_-]{1,24}$/;

/** A code fit for an event: the platform's numbers, the kit's codes and known verdict codes; anything else 'other'. */
export function eventCode(error: Pick<FaceVerifyError, 'code' | 'kind'>): string | number {
  const { code, kind } = error;
  if (typeof code === 'number') return Number.isSafeInteger(code) && Math.abs(code) < 1e7 ? code : 'other';
  // A backend's string code is the kit's only when the contract knows it.
  if (kind === 'backend' && !isKnownVerdictCode(code)) return 'other';
  return CODE.test(code) && !LONG_DIGITS.test(code) ? code : 'other';
}

/** A name the driver or device reports ('wechat', 'android', …), lowercased, or 'other'. */
const nameOf = (value: string): string => {
  const lower = value.toLowerCase();
  return NAME.test(lower) ? lower : 'other';
};

const failure = (error: FaceVerifyError): FaceVerifyEventAttributes => ({
  outcome: error.kind === 'cancel' ? 'cancelled' : 'failure',
  'error.type': error.kind,
  code: eventCode(error),
});

const withHttp = (attributes: FaceVerifyEventAttributes, status: number | undefined) =>
  status === undefined ? attributes : { ...attributes, 'http.status': status };

/**
 * One flow's event source: the store calls {@link observe} after every transition it applies. Does nothing
 * (not even read the clock) while no listener is set.
 */
export class FlowEvents {
  private probeStartedAt = 0;
  private jobStartedAt = 0;
  private flowStartedAt = 0;
  /** A run started and has not come to rest yet. */
  private active = false;
  private retries = 0;
  private warned = false;

  constructor(private readonly options: () => EventOptions) {}

  private get clock() {
    return this.options().clock ?? systemClock;
  }

  /** The clock's time, for an effect the store times itself (the settings). */
  now(): number {
    return this.clock.now();
  }

  /** Derives the events of one applied transition (`next !== prev`) and delivers them. */
  observe(prev: FlowMachine, next: FlowMachine, event: FlowEvent): void {
    const listener = this.options().onEvent;
    if (!listener) return;
    const now = this.clock.now();
    const out: Pending[] = [];
    const ended = prev.job && prev.job !== next.job ? prev.job.kind : null;
    const step = ended && ended !== 'probe' ? STEP_EVENTS[ended] : null;
    const took = now - this.jobStartedAt;
    const attempt = prev.attempts;

    switch (event.type) {
      case 'probe-answered':
        // Two callers joining one probe answer with the same report: one event.
        if (event.support !== prev.support) out.push(['face_verify.probe.finished', this.probed(next, now)]);
        break;
      case 'identity-accepted':
      case 'start-refused':
      case 'resumed':
      case 'resume-failed':
        out.push(['face_verify.flow.started', this.started(next, event)]);
        this.flowStartedAt = now;
        this.active = true;
        this.retries = 0;
        break;
      case 'retry':
        if (!next.job) break;
        out.push(['face_verify.flow.retried', { from: prev.status, step: next.job.kind, attempt }]);
        if (next.job.kind !== 'probe') {
          this.active = true;
          this.retries++;
        }
        break;
      case 'permission-answered':
        if (step) out.push([step, { outcome: event.granted ? 'granted' : 'denied', duration_ms: took }]);
        break;
      case 'ticket-issued':
        if (step) {
          const reused = prev.secrets.ticket?.value === event.ticket;
          out.push([step, withHttp({ outcome: 'success', reused, duration_ms: took }, event.http)]);
        }
        break;
      case 'captured':
        if (step) out.push([step, { outcome: 'success', mode: prev.mode ?? 'none', attempt, duration_ms: took }]);
        break;
      case 'verdict':
        if (step) out.push([step, withHttp({ outcome: 'success', attempt, duration_ms: took }, event.http)]);
        break;
      case 'failed':
        if (step) out.push([step, withHttp({ ...failure(event.error), attempt, duration_ms: took }, event.http)]);
        break;
      case 'cancel':
      case 'reset':
      case 'dispose':
        // The job's answer will be ignored: it ends here (a probe's answer still arrives and is reported).
        if (step) out.push([step, { outcome: 'abandoned', attempt, duration_ms: took }]);
        break;
      default:
        break;
    }

    if (next.status === 'probing' && prev.status !== 'probing') this.probeStartedAt = now;
    if (next.job && next.job !== prev.job) this.jobStartedAt = now;
    if (this.active && next.job === null) {
      const status =
        event.type === 'reset'
          ? 'reset'
          : event.type === 'dispose'
            ? 'disposed'
            : next.status === 'success' || next.status === 'failed' || next.status === 'cancelled'
              ? next.status
              : null;
      if (status) {
        this.active = false;
        out.push(['face_verify.flow.finished', this.finished(status, next, now)]);
      }
    }
    this.deliver(listener, out, now);
  }

  /** After `openSettings()`: the camera permission the user came back with. */
  settings(permission: CameraPermission, openedAt: number): void {
    const listener = this.options().onEvent;
    if (!listener) return;
    const now = this.clock.now();
    this.deliver(listener, [['face_verify.settings.finished', { permission, duration_ms: now - openedAt }]], now);
  }

  private probed(next: FlowMachine, now: number): FaceVerifyEventAttributes {
    const support = next.support;
    const { driver } = this.options();
    return {
      ok: support?.supported ?? false,
      problems: support?.problems.map((problem) => problem.code).join(',') ?? '',
      mode: support?.mode ?? 'none',
      platform: nameOf(driver.name),
      os: nameOf(support?.device.platform ?? 'unknown'),
      mock: driver.mock,
      duration_ms: now - this.probeStartedAt,
    };
  }

  private started(
    next: FlowMachine,
    event: Extract<FlowEvent, { type: 'identity-accepted' | 'start-refused' | 'resumed' | 'resume-failed' }>,
  ): FaceVerifyEventAttributes {
    const { driver, protocol } = this.options();
    const attributes: FaceVerifyEventAttributes = { platform: nameOf(driver.name), mock: driver.mock, mode: next.mode ?? 'none' };
    if (protocol) attributes.protocol = protocol;
    // Back from a platform's own page (Tencent's H5 route): the run started before this load.
    if (event.type === 'resumed' || event.type === 'resume-failed') attributes.resumed = true;
    if (event.type === 'identity-accepted') {
      attributes.identity = event.identity ? 'typed' : 'none';
      // A ticket is fetched when the plan needs one beside a typed identity, or no identity was typed.
      const spec = event.plan.ticket;
      attributes.ticket = spec !== null && (event.identity === null || spec.withIdentity);
    }
    return attributes;
  }

  private finished(status: string, next: FlowMachine, now: number): FaceVerifyEventAttributes {
    const attributes: FaceVerifyEventAttributes = { status, attempts: next.attempts, retries: this.retries };
    const { error } = next;
    if (error && (status === 'failed' || status === 'cancelled')) {
      attributes['error.type'] = error.kind;
      attributes.code = eventCode(error);
      if (error.step) attributes.step = error.step;
    }
    attributes.duration_ms = now - this.flowStartedAt;
    return attributes;
  }

  private deliver(listener: FaceVerifyEventListener, out: Pending[], time: number): void {
    for (const [name, attributes] of out) {
      try {
        listener({ name, time, attributes });
      } catch (error) {
        // Events are lossy by design; a broken listener must still be seen by the developer. Its error is the app's
        // own and may quote anything the app holds (a name, a token): only its name is printed.
        const kind = error instanceof Error ? error.name : typeof error;
        if (!this.warned) console.warn(`[taro-face-verify] an onEvent listener threw (${kind}); the flow went on without it.`);
        this.warned = true;
      }
    }
  }
}
