/**
 * The flow as data: one pure `transition(machine, event)` over named events. The machine's `job` says
 * which effect runs next (the runner performs it and answers with an event); `run` is the run counter that
 * makes answers of an abandoned run (after cancel, reset, dispose) change nothing. What `retry()` resumes
 * is decided here, in {@link resumeJob}.
 *
 * The identity, the ticket and the credential live in `secrets`, which the store never publishes.
 */
import type { Ticket, VerifyPayload } from '../contract';
import type { CapturePlan } from './ports';
import { decideStart, type StartSetup } from './start';
import type { FaceVerifyError, FaceVerifyStatus, FlowStep, Identity, LivenessMode, SupportReport, VerifyVerdict } from './types';

/**
 * The effects the runner performs: one at a time per run.
 * @internal
 */
export type JobKind = 'probe' | 'permission' | 'ticket' | 'capture' | 'submit';

/**
 * The effect to run next; a capture carries the ticket it spends.
 * @internal
 */
export interface Job {
  kind: JobKind;
  ticket?: Ticket;
}

/**
 * What the flow keeps privately while a retry may still need it.
 * @internal
 */
export interface Secrets {
  identity: Identity | null;
  ticket: { value: Ticket; expiresAt: number } | null;
  /** The credential to submit, with the Idempotency-Key every post of it carries. */
  credential: { payload: VerifyPayload; key: string } | null;
}

/**
 * The whole state of one flow: the published part and what only the runner sees.
 * @internal
 */
export interface FlowMachine {
  status: FaceVerifyStatus;
  support: SupportReport | null;
  error: FaceVerifyError | null;
  result: (VerifyVerdict & { ok: true }) | null;
  step: FlowStep | null;
  mode: LivenessMode | null;
  attempts: number;
  /** The run counter: effects of an older run are ignored. */
  run: number;
  job: Job | null;
  /** How this platform captures for the app's setup, fixed when a run starts. */
  plan: CapturePlan | null;
  /** The run started without a typed identity (from a backend-issued ticket): a cancel can resume it. */
  ticketRun: boolean;
  secrets: Secrets;
  disposed: boolean;
}

/**
 * Everything that can happen to a flow. Effect answers carry the run they belong to; `http` is the HTTP status of
 * the backend's last answer, for the event stream only (the table ignores it).
 * @internal
 */
export type FlowEvent =
  | { type: 'probe-requested' }
  | { type: 'probe-answered'; run: number; support: SupportReport }
  | { type: 'start-requested'; input: Identity | undefined; setup: StartSetup }
  | { type: 'identity-accepted'; identity: Identity | null; plan: CapturePlan }
  | { type: 'start-refused'; error: FaceVerifyError }
  | { type: 'permission-answered'; run: number; granted: boolean; error: FaceVerifyError }
  | { type: 'ticket-issued'; run: number; ticket: Ticket; expiresAt: number; http?: number }
  | { type: 'captured'; run: number; payload: VerifyPayload; key: string }
  /** A capture that left the page came back on this load (Tencent's H5 route): submit it with its saved key. */
  | { type: 'resumed'; payload: VerifyPayload; key: string }
  /** It came back unusable (no token, a stale link): the failure to show. */
  | { type: 'resume-failed'; error: FaceVerifyError }
  | { type: 'verdict'; run: number; result: VerifyVerdict & { ok: true }; http?: number }
  | { type: 'failed'; run: number; error: FaceVerifyError; spent?: { credential?: boolean; ticket?: boolean }; http?: number }
  | { type: 'camera-granted'; run: number }
  | { type: 'retry' }
  | { type: 'cancel'; message: string }
  | { type: 'reset' }
  | { type: 'dispose' }
  | { type: 'attach' };

const NO_SECRETS: Secrets = { identity: null, ticket: null, credential: null };

/**
 * A new flow: idle, nothing probed.
 * @internal
 */
export function initialMachine(): FlowMachine {
  return {
    status: 'idle',
    support: null,
    error: null,
    result: null,
    step: null,
    mode: null,
    attempts: 0,
    run: 0,
    job: null,
    plan: null,
    ticketRun: false,
    secrets: NO_SECRETS,
    disposed: false,
  };
}

/** Statuses a new run may start from (nothing under way). */
const STARTABLE: readonly FaceVerifyStatus[] = ['ready', 'failed', 'cancelled', 'success'];
/** Statuses a cancel applies to. */
const CANCELLABLE: readonly FaceVerifyStatus[] = ['capturing', 'submitting', 'ready', 'probing', 'failed'];

const cameraDenied = (m: FlowMachine) => m.support?.problems.some((p) => p.code === 'camera-denied') ?? false;
const withoutCameraDenied = (support: SupportReport | null): SupportReport | null =>
  support && { ...support, problems: support.problems.filter((p) => p.code !== 'camera-denied') };

/** Enters a job: the published status and step that go with it. */
function enter(m: FlowMachine, job: Job): FlowMachine {
  switch (job.kind) {
    case 'probe':
      return { ...m, job, status: 'probing', step: 'probe', error: null };
    case 'permission':
    case 'ticket':
      return { ...m, job, status: 'capturing', step: job.kind };
    case 'capture':
      return { ...m, job, status: 'capturing', step: 'capture', attempts: m.attempts + 1 };
    case 'submit':
      return { ...m, job, status: 'submitting', step: 'submit' };
  }
}

/** After the camera is settled: a ticket first when the platform's plan needs one, else the capture. */
function ticketOrCapture(m: FlowMachine): Job {
  const spec = m.plan?.ticket;
  return spec && (m.ticketRun || spec.withIdentity) ? { kind: 'ticket' } : { kind: 'capture' };
}

/** The camera first when the probe found it denied, then ticket or capture. */
const captureJob = (m: FlowMachine): Job => (cameraDenied(m) ? { kind: 'permission' } : ticketOrCapture(m));

/**
 * What `retry()` resumes, or null when it cannot help: a new probe after 'unsupported'; a resubmission of
 * the same credential after a failed submit; the capture (with the camera and ticket before it) after a
 * failed capture, ticket or permission, or after a cancelled ticket run.
 * @internal
 */
export function resumeJob(m: FlowMachine): Job | null {
  const { status, error } = m;
  if (status === 'unsupported' || (status === 'failed' && error?.step === 'probe')) return { kind: 'probe' };
  if (status === 'cancelled') return error?.retryable ? captureJob(m) : null;
  if (status !== 'failed' || !error?.retryable) return null;
  const step = error.step ?? 'capture';
  if (step === 'submit') return m.secrets.credential ? { kind: 'submit' } : null;
  return captureJob(m);
}

const current = (m: FlowMachine, run: number) => run === m.run;

/**
 * A start request's guarded branches, first match wins (xstate's guarded transitions):
 * 1. a run under way (not the probe), or disposed → ignored (null);
 * 2. the device not probed yet (or the probe under way) → `probe-requested`: the probe first, then ask again;
 * 3. unsupported, or not in a startable status → ignored;
 * 4. no endpoint, or an invalid identity (start.ts) → `start-refused` with its error;
 * 5. otherwise → `identity-accepted` with the checked identity and the plan.
 * The store dispatches the branch's event, so the event stream reports a start as before.
 * @internal
 */
export function resolveStart(m: FlowMachine, request: Extract<FlowEvent, { type: 'start-requested' }>): FlowEvent | null {
  if (m.disposed || (m.job !== null && m.job.kind !== 'probe')) return null;
  if (!m.support || m.status === 'probing') return { type: 'probe-requested' };
  if (!m.support.supported || m.job !== null || !STARTABLE.includes(m.status)) return null;
  const decision = decideStart(request.input, request.setup);
  return decision.ok
    ? { type: 'identity-accepted', identity: decision.identity, plan: request.setup.plan }
    : { type: 'start-refused', error: decision.error };
}

/**
 * The flow's transition table: the next machine for an event, or the same object when the event is not
 * allowed in this state (a forbidden event changes nothing).
 * @internal
 */
export function transition(m: FlowMachine, event: FlowEvent): FlowMachine {
  if (m.disposed) return event.type === 'attach' ? { ...m, disposed: false } : m;
  switch (event.type) {
    case 'probe-requested':
      return m.job === null && m.status !== 'probing' && m.status !== 'capturing' && m.status !== 'submitting'
        ? enter(m, { kind: 'probe' })
        : m;

    case 'probe-answered': {
      // The device's answer stays true whatever the flow did meanwhile; the status only if still probing.
      const known = { ...m, support: event.support, mode: event.support.mode };
      if (!current(m, event.run) || m.status !== 'probing') return known;
      return { ...known, status: event.support.supported ? 'ready' : 'unsupported', step: null, job: null };
    }

    case 'start-requested': {
      const branch = resolveStart(m, event);
      return branch ? transition(m, branch) : m;
    }

    case 'identity-accepted': {
      if (m.job !== null || !STARTABLE.includes(m.status) || !m.support?.supported) return m;
      const started: FlowMachine = {
        ...m,
        error: null,
        result: null,
        attempts: 0,
        plan: event.plan,
        ticketRun: event.identity === null,
        secrets: { ...NO_SECRETS, identity: event.identity },
      };
      return enter(started, captureJob(started));
    }

    case 'start-refused':
      if (m.job !== null || !STARTABLE.includes(m.status)) return m;
      return { ...m, status: 'failed', error: event.error, result: null, step: event.error.step ?? null, secrets: NO_SECRETS };

    case 'permission-answered':
      if (!current(m, event.run) || m.job?.kind !== 'permission') return m;
      if (!event.granted) return fail(m, event.error);
      return enter({ ...m, support: withoutCameraDenied(m.support) }, ticketOrCapture(m));

    case 'ticket-issued': {
      if (!current(m, event.run) || m.job?.kind !== 'ticket') return m;
      const singleUse = m.plan?.ticket?.singleUse ?? false;
      const kept = singleUse ? null : { value: event.ticket, expiresAt: event.expiresAt };
      return enter({ ...m, secrets: { ...m.secrets, ticket: kept } }, { kind: 'capture', ticket: event.ticket });
    }

    case 'captured':
      if (!current(m, event.run) || m.job?.kind !== 'capture') return m;
      return enter({ ...m, secrets: { ...m.secrets, credential: { payload: event.payload, key: event.key } } }, { kind: 'submit' });

    case 'resumed': {
      if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') return m; // no resume there (flow.ts)
      // No plan, identity or ticket on this load: only a resubmission of this credential can be retried (see fail()).
      if (m.job !== null || !STARTABLE.includes(m.status)) return m;
      const credential = { payload: event.payload, key: event.key };
      const resumed: FlowMachine = { ...m, error: null, result: null, attempts: 1, plan: null, ticketRun: false };
      return enter({ ...resumed, secrets: { ...NO_SECRETS, credential } }, { kind: 'submit' });
    }

    case 'resume-failed': {
      if (process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay') return m;
      if (m.job !== null || !STARTABLE.includes(m.status)) return m;
      // Nothing on this load to retry with: the page offers to start over.
      const error = { ...event.error, retryable: false };
      const status = error.kind === 'cancel' ? 'cancelled' : 'failed';
      return {
        ...m,
        status,
        error,
        result: null,
        step: status === 'failed' ? (error.step ?? null) : null,
        plan: null,
        secrets: NO_SECRETS,
      };
    }

    case 'verdict':
      if (!current(m, event.run) || m.job?.kind !== 'submit') return m;
      return { ...m, status: 'success', result: event.result, error: null, step: null, job: null, secrets: NO_SECRETS };

    case 'failed': {
      if (!current(m, event.run) || m.job === null || m.job.kind === 'probe') return m;
      const { credential, ticket } = event.spent ?? {};
      const secrets = {
        ...m.secrets,
        ...(credential ? { credential: null } : {}),
        ...(ticket ? { ticket: null } : {}),
      };
      return fail({ ...m, secrets }, event.error);
    }

    case 'camera-granted':
      return current(m, event.run) ? { ...m, support: withoutCameraDenied(m.support) } : m;

    case 'retry': {
      if (m.job !== null) return m;
      const job = resumeJob(m);
      return job ? enter({ ...m, error: null }, job) : m;
    }

    case 'cancel':
      if (!CANCELLABLE.includes(m.status)) return m;
      return {
        ...m,
        run: m.run + 1,
        job: null,
        status: 'cancelled',
        step: null,
        error: { code: 'cancelled', kind: 'cancel', message: event.message, retryable: m.ticketRun },
        secrets: NO_SECRETS,
      };

    case 'reset':
      return {
        ...m,
        run: m.run + 1,
        job: null,
        status: m.support ? (m.support.supported ? 'ready' : 'unsupported') : 'idle',
        error: null,
        result: null,
        step: null,
        attempts: 0,
        secrets: NO_SECRETS,
      };

    case 'dispose':
      return { ...m, disposed: true, run: m.run + 1, job: null, secrets: NO_SECRETS };

    case 'attach':
      return m;
  }
}

/** A failure ends the job: a cancel is 'cancelled' (resumable only on a ticket run); what cannot be retried forgets the secrets. */
function fail(m: FlowMachine, error: FaceVerifyError): FlowMachine {
  const ended = { ...m, job: null };
  if (error.kind === 'cancel') {
    return { ...ended, status: 'cancelled', error: { ...error, retryable: m.ticketRun }, step: null, secrets: NO_SECRETS };
  }
  // A resumed run (no plan) has nothing to capture with: only a failed submission stays retryable; the rest starts over.
  const retryable = error.retryable && (m.plan !== null || error.step === 'submit');
  const shown = retryable === error.retryable ? error : { ...error, retryable };
  return { ...ended, status: 'failed', error: shown, step: error.step ?? null, secrets: retryable ? m.secrets : NO_SECRETS };
}
