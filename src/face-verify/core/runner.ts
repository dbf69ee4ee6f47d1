/**
 * The runner: performs the effect the machine's `job` names (probe, camera, ticket, capture, submit) and
 * answers with an event for the transition table. Every answer carries the run it was started in, so an
 * answer arriving after a cancel, reset or dispose changes nothing.
 */
import { IDEMPOTENCY_KEY_HEADER, parseVerdict } from '../contract';
import { flowMessagesFor } from '../locales/flow';
import { systemClock } from './clock';
import { describeFailure, flowError } from './errors';
import type { FaceVerifyOptions } from './options';
import { newIdempotencyKey } from './idempotency';
import type { FlowEvent, FlowMachine, Job } from './machine';
import { DriverError, type CaptureOutcome, type HttpPort } from './ports';
import { probeSupport } from './probe';
import { callEndpoint, type CallResult, type TransportOptions } from './transport';
import type { Endpoint, FaceVerifyError, FlowStep, SupportReport } from './types';
import { classifyBackendVerdict } from './verdict';

/** A ticket is dropped this long before the backend says it expires, so a capture never starts on a dying one. */
const TICKET_MARGIN_MS = 60_000;
/** A ticket answer without `expiresIn` is kept for an hour, as WeChat's are. */
const DEFAULT_TICKET_SECONDS = 3600;

/** Without an HTTP port only function endpoints work; a URL endpoint fails as a network error saying why. */
const NO_HTTP: HttpPort = { request: () => Promise.reject(new DriverError('unsupported', 'request', 'no HTTP port: pass options.http')) };

/** A driver whose capture rejected (it should answer a classified failure): a transient failure. */
const CAPTURE_THREW: CaptureOutcome = {
  ok: false,
  failure: { code: 'capture-failed', kind: 'retry', retryable: true, message: 'transient', action: 'retry' },
};

export interface RunnerHost {
  options(): FaceVerifyOptions;
  machine(): FlowMachine;
  dispatch(event: FlowEvent): boolean;
}

type Spent = { credential?: boolean; ticket?: boolean };
const failed = (run: number, error: FaceVerifyError, spent?: Spent, http?: number): FlowEvent => {
  const event: FlowEvent = spent ? { type: 'failed', run, error, spent } : { type: 'failed', run, error };
  return http === undefined ? event : { ...event, http };
};
/** The HTTP status of the backend's last answer, when there was one (a function endpoint has none). */
const withHttp = <E extends FlowEvent>(event: E, http: number | undefined): E => (http === undefined ? event : { ...event, http });

/** A backend call's answer, with the HTTP status of its last response. */
type Answer<T> = { result: CallResult<T>; http: number | undefined };

/** One flow's runner. A class, so its effects are shared code rather than closures made per flow. */
export class FlowRunner {
  private probing: Promise<SupportReport> | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: RunnerHost) {}

  /** Probes (or joins the probe under way) unless a run is busy; applies the answer. */
  probe(): Promise<SupportReport> {
    const m = this.host.machine();
    if (m.disposed || (m.job !== null && m.job.kind !== 'probe')) return Promise.resolve(m.support as SupportReport);
    this.host.dispatch({ type: 'probe-requested' });
    const run = this.host.machine().run;
    return this.sharedProbe().then((support) => {
      this.host.dispatch({ type: 'probe-answered', run, support });
      return support;
    });
  }

  /** Performs the machine's jobs one after another until the run ends, is abandoned or waits for the user. */
  async drive(run: number): Promise<void> {
    for (;;) {
      const m = this.host.machine();
      if (m.run !== run || m.disposed || m.job === null) return;
      const job = m.job;
      const event = await this.perform(job, run);
      if (!event || !this.host.dispatch(event) || this.host.machine().job === job) return;
    }
  }

  private get options(): FaceVerifyOptions {
    return this.host.options();
  }

  private get clock() {
    return this.options.clock ?? systemClock;
  }

  private get words() {
    return flowMessagesFor(this.options.locale);
  }

  /** Only one native capture or submission at a time, even across a cancel and a new start. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.inFlight.then(work, work);
    this.inFlight = next.then(ignore, ignore);
    return next;
  }

  /** One device probe at a time; every caller gets its answer. */
  private sharedProbe(): Promise<SupportReport> {
    const { driver, mode, protocol, ticketEndpoint, locale } = this.options;
    this.probing ??= probeSupport(driver, {
      mode: mode ?? 'auto',
      protocol: protocol ?? 'v1',
      usesTicket: ticketEndpoint !== undefined,
      locale: locale ?? 'zh-CN',
    }).finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  /** Calls the backend through the transport, noting the HTTP status of the last response for the events. */
  private async call<P, A>(
    endpoint: Endpoint<P, A>,
    payload: P,
    parse: (raw: unknown) => A | null,
    step: FlowStep,
    run: number,
    headers?: Record<string, string>,
  ): Promise<Answer<A>> {
    const port = this.options.http ?? NO_HTTP;
    let http: number | undefined;
    const noted: HttpPort = {
      request: (request) =>
        port.request(request).then((response) => {
          http = response.status;
          return response;
        }),
    };
    const result = await callEndpoint(endpoint, payload, parse, step, this.transport(run, noted, headers));
    return { result, http };
  }

  private transport(run: number, http: HttpPort, headers?: Record<string, string>): TransportOptions {
    const { headers: configured, timeoutMs, retries, locale } = this.options;
    const host = this.host;
    return {
      http,
      clock: this.clock,
      headers: headers ? { ...configured, ...headers } : (configured ?? {}),
      timeoutMs: timeoutMs ?? 15_000,
      retries: retries ?? 2,
      locale: locale ?? 'zh-CN',
      isCancelled: () => host.machine().run !== run || host.machine().disposed,
    };
  }

  private perform(job: Job, run: number): Promise<FlowEvent | null> {
    switch (job.kind) {
      case 'probe':
        return this.sharedProbe().then((support) => ({ type: 'probe-answered', run, support }));
      case 'permission':
        return this.permission(run);
      case 'ticket':
        return this.ticket(run);
      case 'capture':
        return this.capture(run, job);
      case 'submit':
        return this.submit(run);
    }
  }

  private async permission(run: number): Promise<FlowEvent> {
    const answer = await this.options.driver.requestCameraPermission().catch(() => 'denied' as const);
    const message = this.words.problems['camera-denied'];
    const error = flowError('camera-denied', 'permission', message, true, 'permission', 'open-settings');
    return { type: 'permission-answered', run, granted: answer === 'granted', error };
  }

  private async ticket(run: number): Promise<FlowEvent | null> {
    const { secrets, plan } = this.host.machine();
    if (secrets.ticket && secrets.ticket.expiresAt > this.clock.now()) {
      return { type: 'ticket-issued', run, ticket: secrets.ticket.value, expiresAt: secrets.ticket.expiresAt };
    }
    const endpoint = this.options.ticketEndpoint;
    const spec = plan?.ticket;
    const unavailable = this.words.errors.ticketFailed;
    if (!endpoint || !spec) return failed(run, flowError('no-ticket-endpoint', 'fatal', unavailable, false, 'ticket'));
    const { result: answer, http } = await this.call(endpoint, spec.request(secrets.identity), spec.parse, 'ticket', run);
    if (!answer.ok) {
      return 'error' in answer
        ? failed(run, { ...answer.error, message: `${unavailable} ${answer.error.message}` }, undefined, http)
        : null;
    }
    const lifetimeMs = (answer.value.expiresIn ?? DEFAULT_TICKET_SECONDS) * 1000;
    const expiresAt = this.clock.now() + Math.max(lifetimeMs - TICKET_MARGIN_MS, 0);
    return withHttp({ type: 'ticket-issued', run, ticket: answer.value, expiresAt }, http);
  }

  private async capture(run: number, job: Job): Promise<FlowEvent | null> {
    const { driver, locale } = this.options;
    const host = this.host;
    const outcome = await this.exclusive(() => {
      const m = host.machine();
      if (m.run !== run || m.disposed) return Promise.resolve(null);
      const request = { mode: m.mode, identity: m.secrets.identity, ticket: job.ticket ?? null, attempt: m.attempts };
      try {
        return driver.capture(request).catch(() => CAPTURE_THREW);
      } catch {
        return Promise.resolve(CAPTURE_THREW);
      }
    });
    if (!outcome) return null;
    if (outcome.ok) return { type: 'captured', run, payload: outcome.payload, key: newIdempotencyKey() };
    const { failure } = outcome;
    const spentTicket = failure.freshTicket === true || failure.resumeAt === 'ticket';
    return failed(run, describeFailure(failure, 'capture', locale), spentTicket ? { ticket: true } : undefined);
  }

  private async submit(run: number): Promise<FlowEvent | null> {
    const credential = this.host.machine().secrets.credential;
    const { endpoint, driver, locale } = this.options;
    if (!credential || !endpoint) return failed(run, flowError('no-endpoint', 'fatal', this.words.errors.developer, false, 'submit'));
    const headers = { [IDEMPOTENCY_KEY_HEADER]: credential.key };
    const { result: answer, http } = await this.exclusive(() =>
      this.call(endpoint, credential.payload, parseVerdict, 'submit', run, headers),
    );
    if (!answer.ok) return 'error' in answer ? failed(run, answer.error, undefined, http) : null;
    const verdict = answer.value;
    if (verdict.ok) return withHttp({ type: 'verdict', run, result: verdict }, http);
    const context = { locale: locale ?? 'zh-CN', step: 'capture' as const, attempts: this.host.machine().attempts };
    const error = classifyBackendVerdict(verdict.code, verdict.errcode, context, driver);
    // Spent either way: the backend accepts a credential once. A ticket it no longer knows is dropped too.
    return failed(run, error, { credential: true, ticket: error.step === 'ticket' }, http);
  }
}

const ignore = () => undefined;
