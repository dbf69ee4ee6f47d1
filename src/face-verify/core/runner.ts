/**
 * The runner: performs the effect the machine's `job` names (probe, camera, ticket, capture, submit) and
 * answers with an event for the transition table. Every answer carries the run it was started in, so an
 * answer arriving after a cancel, reset or dispose changes nothing.
 */
import { IDEMPOTENCY_KEY_HEADER, parseVerdict } from '../contract';
import { messagesFor } from '../locales';
import { systemClock } from './clock';
import { describeFailure, flowError } from './errors';
import type { FaceVerifyOptions } from './options';
import { newIdempotencyKey } from './idempotency';
import type { FlowEvent, FlowMachine, Job } from './machine';
import { DriverError, type CaptureOutcome, type HttpPort } from './ports';
import { probeSupport } from './probe';
import { callEndpoint, type TransportOptions } from './transport';
import type { FaceVerifyError, SupportReport } from './types';
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

export function createRunner({ options, machine, dispatch }: RunnerHost) {
  let probing: Promise<SupportReport> | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();
  const clock = () => options().clock ?? systemClock;
  const locale = () => options().locale ?? 'zh-CN';
  const words = () => messagesFor(options().locale).flow;

  /** Only one native capture or submission at a time, even across a cancel and a new start. */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = inFlight.then(work, work);
    inFlight = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  /** One device probe at a time; every caller gets its answer. */
  const sharedProbe = (): Promise<SupportReport> => {
    const { driver, mode, protocol, ticketEndpoint, locale: language } = options();
    probing ??= probeSupport(driver, {
      mode: mode ?? 'auto',
      protocol: protocol ?? 'v1',
      usesTicket: ticketEndpoint !== undefined,
      locale: language ?? 'zh-CN',
    }).finally(() => {
      probing = null;
    });
    return probing;
  };

  const transport = (run: number, headers: Record<string, string> = {}): TransportOptions => ({
    http: options().http ?? NO_HTTP,
    clock: clock(),
    headers: { ...options().headers, ...headers },
    timeoutMs: options().timeoutMs ?? 15_000,
    retries: options().retries ?? 2,
    locale: locale(),
    isCancelled: () => machine().run !== run || machine().disposed,
  });

  const failed = (run: number, error: FaceVerifyError, spent?: { credential?: boolean; ticket?: boolean }) =>
    ({ type: 'failed', run, error, ...(spent ? { spent } : {}) }) as const;

  async function permission(run: number): Promise<FlowEvent> {
    const answer = await options()
      .driver.requestCameraPermission()
      .catch(() => 'denied' as const);
    const error = flowError('camera-denied', 'permission', words().problems['camera-denied'], true, 'permission', 'open-settings');
    return { type: 'permission-answered', run, granted: answer === 'granted', error };
  }

  async function ticket(run: number): Promise<FlowEvent | null> {
    const { secrets, plan } = machine();
    if (secrets.ticket && secrets.ticket.expiresAt > clock().now()) {
      return { type: 'ticket-issued', run, ticket: secrets.ticket.value, expiresAt: secrets.ticket.expiresAt };
    }
    const endpoint = options().ticketEndpoint;
    const spec = plan?.ticket;
    if (!endpoint || !spec) return failed(run, flowError('no-ticket-endpoint', 'fatal', words().errors.ticketFailed, false, 'ticket'));
    const answer = await callEndpoint(endpoint, spec.request(secrets.identity), spec.parse, 'ticket', transport(run));
    if (!answer.ok) {
      return 'error' in answer ? failed(run, { ...answer.error, message: `${words().errors.ticketFailed} ${answer.error.message}` }) : null;
    }
    const lifetimeMs = (answer.value.expiresIn ?? DEFAULT_TICKET_SECONDS) * 1000;
    return { type: 'ticket-issued', run, ticket: answer.value, expiresAt: clock().now() + Math.max(lifetimeMs - TICKET_MARGIN_MS, 0) };
  }

  async function capture(run: number, job: Job): Promise<FlowEvent | null> {
    const { driver } = options();
    const outcome = await exclusive(() => {
      const m = machine();
      if (m.run !== run || m.disposed) return Promise.resolve(null);
      const request = { mode: m.mode, identity: m.secrets.identity, ticket: job.ticket ?? null, attempt: m.attempts };
      return Promise.resolve()
        .then(() => driver.capture(request))
        .catch(() => CAPTURE_THREW);
    });
    if (!outcome) return null;
    if (outcome.ok) return { type: 'captured', run, payload: outcome.payload, key: newIdempotencyKey() };
    const { failure } = outcome;
    const spentTicket = failure.freshTicket === true || failure.resumeAt === 'ticket';
    return failed(run, describeFailure(failure, 'capture', locale()), spentTicket ? { ticket: true } : undefined);
  }

  async function submit(run: number): Promise<FlowEvent | null> {
    const credential = machine().secrets.credential;
    const endpoint = options().endpoint;
    if (!credential || !endpoint) return failed(run, flowError('no-endpoint', 'fatal', words().errors.developer, false, 'submit'));
    const headers = { [IDEMPOTENCY_KEY_HEADER]: credential.key };
    const answer = await exclusive(() => callEndpoint(endpoint, credential.payload, parseVerdict, 'submit', transport(run, headers)));
    if (!answer.ok) return 'error' in answer ? failed(run, answer.error) : null;
    const verdict = answer.value;
    if (verdict.ok) return { type: 'verdict', run, result: verdict };
    const context = { locale: locale(), step: 'capture' as const, attempts: machine().attempts };
    const error = classifyBackendVerdict(verdict.code, verdict.errcode, context, options().driver);
    // Spent either way: the backend accepts a credential once. A ticket it no longer knows is dropped too.
    return failed(run, error, { credential: true, ticket: error.step === 'ticket' });
  }

  async function perform(job: Job, run: number): Promise<FlowEvent | null> {
    switch (job.kind) {
      case 'probe':
        return { type: 'probe-answered', run, support: await sharedProbe() };
      case 'permission':
        return permission(run);
      case 'ticket':
        return ticket(run);
      case 'capture':
        return capture(run, job);
      case 'submit':
        return submit(run);
    }
  }

  return {
    /** Probes (or joins the probe under way) unless a run is busy; applies the answer. */
    probe(): Promise<SupportReport> {
      const m = machine();
      if (m.disposed || (m.job !== null && m.job.kind !== 'probe')) return Promise.resolve(m.support as SupportReport);
      dispatch({ type: 'probe-requested' });
      const run = machine().run;
      return sharedProbe().then((support) => {
        dispatch({ type: 'probe-answered', run, support });
        return support;
      });
    },

    /** Performs the machine's jobs one after another until the run ends, is abandoned or waits for the user. */
    async drive(run: number): Promise<void> {
      for (;;) {
        const m = machine();
        if (m.run !== run || m.disposed || m.job === null) return;
        const job = m.job;
        const event = await perform(job, run);
        if (!event || !dispatch(event) || machine().job === job) return;
      }
    },
  };
}
