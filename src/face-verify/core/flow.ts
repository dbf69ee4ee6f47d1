/**
 * The verification flow: one explicit state machine per flow, from probe to the backend's verdict, as a
 * zustand vanilla store. Platform-free: the device is the injected driver, time the injected clock.
 *
 * The name and ID number never enter the observable state; the flow keeps them privately only while a
 * retry may still need them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DriverError, type FaceDriver } from '../drivers/driver';
import type { LocaleOption } from '../locales';
import { flowMessagesFor } from '../locales/flow';
import { parseVerdict, ticketParser } from './answers';
import { classifyCode, classifyVerdict, flowError } from './catalogue';
import { systemClock } from './clock';
import { validateIdentity } from './identity';
import { checkAliveTypeFor, probeSupport } from './probe';
import { callEndpoint, type TransportOptions } from './transport';
import type {
  Clock,
  FaceVerifyError,
  FaceVerifyStatus,
  FlowStep,
  Identity,
  LivenessMode,
  ModePreference,
  Protocol,
  SupportReport,
  Ticket,
  TicketEndpoint,
  V1Ticket,
  V2Ticket,
  VerifyEndpoint,
  VerifyPayload,
  VerifyVerdict,
} from './types';

/** Options of one verification flow (the core's; {@link FaceVerifyConfig} makes `driver` optional). */
export interface FaceVerifyOptions {
  /** Where the credential goes: a URL (POSTed as JSON) or a function returning the backend's verdict. */
  endpoint?: VerifyEndpoint;
  /** Issues a userIdKey (v1) or verifyId (v2) for the logged-in user; required for v2. */
  ticketEndpoint?: TicketEndpoint;
  /** @default 'v1' */
  protocol?: Protocol;
  /** @default 'auto' */
  mode?: ModePreference;
  /** The device. The entry point picks WeChat on weapp and the mock in H5 when this is omitted. */
  driver: FaceDriver;
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
}

/** The flow's observable state and its actions: what `useFaceVerify` returns and a store's `getState()`. */
export interface FaceVerifyState {
  /** Where the flow is: 'idle' → 'probing' → 'ready' → 'capturing' → 'submitting' → 'success' | 'failed' | …. */
  status: FaceVerifyStatus;
  /** The probe's report once it ran: supported or not, the liveness mode, the problems and what helps. */
  support: SupportReport | null;
  /** The last failure, written for the user, with whether `retry()` can help; null when none. */
  error: FaceVerifyError | null;
  /** The backend's `ok: true` answer once verified. */
  result: (VerifyVerdict & { ok: true }) | null;
  /** The step under way or that failed: 'ticket' | 'capture' | 'submit' | …, null when none. */
  step: FlowStep | null;
  /** The liveness mode the capture uses (from the probe). */
  mode: LivenessMode | null;
  /** Captures started in this flow. */
  attempts: number;
  /** True when the driver is the mock: a preview, never a real verification. */
  preview: boolean;
  /** Checks the device and keeps the report in `support`; `useFaceVerify` calls it on mount. */
  probe(): Promise<SupportReport>;
  /** Probes if needed, validates the identity when given (v1 without a ticket endpoint needs one), then ticket → capture → submit. */
  start(identity?: Identity): Promise<void>;
  /** Resumes at the step that failed when the error is retryable (a failed submit re-sends the same credential; after 'unsupported', probes again). */
  retry(): Promise<void>;
  /** Abandons the attempt under way: status 'cancelled', private data dropped, late answers ignored. */
  cancel(): void;
  /** Back to 'ready' ('unsupported' or 'idle' as the probe left it), forgetting the identity, ticket and credential. */
  reset(): void;
  /** Opens WeChat's settings (after a camera refusal) and re-reads the permission. */
  openSettings(): Promise<void>;
  /** Later steps use these options (the driver stays unless given); lets `useFaceVerify` take inline options. */
  setOptions(options: Omit<FaceVerifyOptions, 'driver'> & { driver?: FaceDriver }): void;
  /** Stops the flow: no further state changes; private data dropped. */
  dispose(): void;
  /** Marks the flow in use and returns its dispose; lets React's StrictMode remount reuse the flow. */
  attach(): () => void;
}

/** One flow: a zustand vanilla store of {@link FaceVerifyState} (`getState`, `subscribe`). */
export type FaceVerifyStore = StoreApi<FaceVerifyState>;

const BUSY: FaceVerifyStatus[] = ['probing', 'capturing', 'submitting'];
const TICKET_MARGIN_MS = 60_000;

/**
 * Creates one verification flow.
 * @example
 * const flow = createFaceVerify({ driver, endpoint: '/api/face/verify' });
 * await flow.getState().start({ name: '张三', idCardNumber: '11010519491231002X' });
 * flow.getState().status; // 'success' | 'failed' | 'cancelled' | …
 */
export function createFaceVerify(initialOptions: FaceVerifyOptions): FaceVerifyStore {
  let options = initialOptions;
  // Private: never in the observable state.
  let identity: Identity | null = null;
  /** The current run started from a backend-issued ticket, not a typed identity: a cancel can resume it. */
  let ticketRun = false;
  let ticket: { value: Ticket; expiresAt: number } | null = null;
  let credential: VerifyPayload | null = null;
  let generation = 0;
  let disposed = false;
  let running = false;
  let probing: Promise<SupportReport> | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  const clock = () => options.clock ?? systemClock;
  const protocol = () => options.protocol ?? 'v1';
  const words = () => flowMessagesFor(options.locale).errors;
  const usesTicket = () => protocol() === 'v2' || (options.ticketEndpoint !== undefined && identity === null);
  const forget = () => {
    identity = null;
    ticket = null;
    credential = null;
  };

  const store = createStore<FaceVerifyState>()((set, get) => {
    /** Applies a change only while the run that asks for it is still current. */
    const update = (run: number, partial: Partial<FaceVerifyState>) => {
      if (!disposed && run === generation) set(partial);
    };
    const current = (run: number) => !disposed && run === generation;
    const transport = (run: number): TransportOptions => ({
      driver: options.driver,
      clock: clock(),
      headers: options.headers ?? {},
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 2,
      locale: options.locale ?? 'zh-CN',
      isCancelled: () => !current(run),
    });
    /** Only one native capture or submission at a time, even across a cancel and a new start. */
    const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
      const next = inFlight.then(work, work);
      inFlight = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    };

    const fail = (run: number, error: FaceVerifyError) => {
      if (!current(run)) return;
      if (!error.retryable) forget();
      if (error.kind === 'cancel') {
        forget();
        set({ status: 'cancelled', error: { ...error, retryable: ticketRun }, step: null });
      } else set({ status: 'failed', error, step: error.step ?? null });
    };

    /** One device probe at a time; every caller applies its answer (idempotent) if still current. */
    const runProbe = (run: number): Promise<SupportReport> => {
      if (!probing) {
        probing = probeSupport(options.driver, {
          mode: options.mode ?? 'auto',
          protocol: protocol(),
          usesTicket: options.ticketEndpoint !== undefined,
          locale: options.locale ?? 'zh-CN',
        }).finally(() => {
          probing = null;
        });
      }
      if (get().status !== 'probing') set({ status: 'probing', error: null, step: 'probe' });
      return probing.then((support) => {
        // The device's answer stays true whatever the flow did meanwhile; the status only if still probing.
        if (!disposed) set({ support, mode: support.mode });
        if (current(run) && get().status === 'probing') set({ status: support.supported ? 'ready' : 'unsupported', step: null });
        return support;
      });
    };

    const fetchTicket = async (run: number): Promise<Ticket | null> => {
      if (ticket && ticket.expiresAt > clock().now()) return ticket.value;
      const endpoint = options.ticketEndpoint;
      if (!endpoint) {
        fail(run, flowError('no-ticket-endpoint', 'fatal', words().ticketFailed, false, 'ticket'));
        return null;
      }
      update(run, { status: 'capturing', step: 'ticket' });
      const payload = { protocol: protocol(), ...(protocol() === 'v2' && identity ? identity : {}) };
      const answer = await callEndpoint(endpoint, payload, ticketParser(protocol()), 'ticket', transport(run));
      if (!answer.ok) {
        if ('error' in answer) fail(run, { ...answer.error, message: `${words().ticketFailed} ${answer.error.message}` });
        return null;
      }
      const lifetimeMs = (answer.value.expiresIn ?? 3600) * 1000;
      ticket = { value: answer.value, expiresAt: clock().now() + Math.max(lifetimeMs - TICKET_MARGIN_MS, 0) };
      return answer.value;
    };

    const capture = async (run: number): Promise<boolean> => {
      const issued = usesTicket() ? await fetchTicket(run) : null;
      if (!current(run) || (usesTicket() && !issued)) return false;
      const attempts = get().attempts + 1;
      update(run, { status: 'capturing', step: 'capture', attempts });
      const checkAliveType = checkAliveTypeFor(get().mode);
      const v2 = protocol() === 'v2' ? (issued as V2Ticket) : null;
      if (v2) ticket = null; // a verifyId is single-use, whatever happens next
      let answer;
      try {
        answer = await exclusive(() => {
          if (!current(run)) return Promise.resolve(null);
          if (v2) return options.driver.requestFacialVerify({ verifyId: v2.verifyId });
          const params = issued ? { userIdKey: (issued as V1Ticket).userIdKey } : { ...identity };
          return options.driver.startFacialRecognitionVerify(checkAliveType ? { ...params, checkAliveType } : params);
        });
      } catch (error) {
        const unsupported = error instanceof DriverError && error.code === 'unsupported';
        fail(
          run,
          unsupported
            ? flowError('api-unavailable', 'device', words().notSupported, false, 'capture', 'update-wechat')
            : flowError('capture-failed', 'retry', words().transient, true, 'capture', 'retry'),
        );
        return false;
      }
      if (!answer || !current(run)) return false;
      const success = answer.errCode === 0 || (v2 !== null && answer.errCode === 10000);
      if (success && v2) credential = { verify_id: v2.verifyId, out_seq_no: v2.outSeqNo };
      else if (success && answer.verifyResult) credential = { verify_result: answer.verifyResult };
      else if (success) {
        // e.g. the H5 stub "resolves" with no credential: never a success.
        fail(run, flowError('no-credential', 'retry', words().transient, true, 'capture', 'retry'));
        return false;
      } else {
        const error = classifyCode(answer.errCode, { locale: options.locale ?? 'zh-CN', step: 'capture', attempts });
        if (answer.errCode === 10041 || answer.errCode === 84002) ticket = null;
        fail(run, error);
        return false;
      }
      return true;
    };

    const submit = async (run: number) => {
      const payload = credential;
      const endpoint = options.endpoint;
      if (!payload || !endpoint) {
        fail(run, flowError('no-endpoint', 'fatal', words().developer, false, 'submit'));
        return;
      }
      update(run, { status: 'submitting', step: 'submit' });
      const answer = await exclusive(() => callEndpoint(endpoint, payload, parseVerdict, 'submit', transport(run)));
      if (!answer.ok) {
        if ('error' in answer) fail(run, answer.error);
        return;
      }
      const verdict = answer.value;
      credential = null; // spent either way: the backend accepts a credential once
      if (verdict.ok) {
        if (!current(run)) return;
        forget();
        set({ status: 'success', result: verdict, error: null, step: null });
        return;
      }
      fail(run, backendError(verdict, get().attempts));
    };

    const backendError = (verdict: VerifyVerdict & { ok: false }, attempts: number): FaceVerifyError => {
      const error = classifyVerdict(verdict.code, verdict.errcode, { locale: options.locale ?? 'zh-CN', step: 'capture', attempts });
      if (error.step === 'ticket') ticket = null; // the backend no longer knows it: a retry asks for a new one
      return error;
    };

    /** Runs the flow from a step to the verdict. */
    const runFrom = async (run: number, step: FlowStep) => {
      if (step === 'permission' || step === 'capture' || step === 'ticket' || step === 'input') {
        if (get().support?.problems.some((p) => p.code === 'camera-denied')) {
          update(run, { status: 'capturing', step: 'permission' });
          const permission = await options.driver.requestCameraPermission().catch(() => 'denied' as const);
          if (!current(run)) return;
          if (permission !== 'granted') {
            const message = flowMessagesFor(options.locale).problems['camera-denied'];
            fail(run, flowError('camera-denied', 'permission', message, true, 'permission', 'open-settings'));
            return;
          }
          markCameraGranted(run);
        }
        if (!(await capture(run))) return;
      }
      if (current(run)) await submit(run);
    };

    const markCameraGranted = (run: number) => {
      const support = get().support;
      if (support) update(run, { support: { ...support, problems: support.problems.filter((p) => p.code !== 'camera-denied') } });
    };

    const guarded = async (work: (run: number) => Promise<void>) => {
      if (running || disposed) return;
      running = true;
      const run = generation;
      try {
        await work(run);
      } finally {
        if (run === generation) running = false;
      }
    };

    return {
      status: 'idle',
      support: null,
      error: null,
      result: null,
      step: null,
      mode: null,
      attempts: 0,
      preview: initialOptions.driver.mock,

      probe: () => {
        if (disposed) return Promise.resolve(get().support as SupportReport);
        if (running && !probing) return Promise.resolve(get().support as SupportReport);
        return runProbe(generation);
      },

      start: (input) =>
        guarded(async (run) => {
          const support = get().support && !probing ? get().support : await runProbe(run);
          if (!current(run) || !support?.supported) return;
          set({ error: null, result: null, step: null });
          if (!options.endpoint) {
            fail(run, flowError('no-endpoint', 'fatal', words().developer, false, 'submit'));
            return;
          }
          if (input !== undefined || (!options.ticketEndpoint && protocol() === 'v1')) {
            const checked = validateIdentity(input, { locale: options.locale ?? 'zh-CN' });
            if (!checked.ok) {
              forget();
              fail(run, flowError(`invalid-${checked.field === 'name' ? 'name' : 'id-card'}`, 'input', checked.reason, false, 'input'));
              return;
            }
            identity = checked.value;
          } else identity = null;
          ticketRun = identity === null;
          ticket = null;
          credential = null;
          set({ attempts: 0 });
          await runFrom(run, 'capture');
        }),

      retry: () =>
        guarded(async (run) => {
          const { status, error } = get();
          if (status === 'unsupported' || (status === 'failed' && error?.step === 'probe')) {
            await runProbe(run);
            return;
          }
          const resumable = (status === 'failed' && error?.retryable) || (status === 'cancelled' && error?.retryable);
          if (!resumable) return;
          const step = status === 'cancelled' ? 'capture' : (error?.step ?? 'capture');
          if (step === 'submit' && !credential) return;
          set({ error: null });
          await runFrom(run, step);
        }),

      cancel: () => {
        if (disposed || !['capturing', 'submitting', 'ready', 'probing', 'failed'].includes(get().status)) return;
        generation++;
        running = false;
        forget();
        set({
          status: 'cancelled',
          step: null,
          error: { code: 'cancelled', kind: 'cancel', message: words().cancelled, retryable: ticketRun },
        });
      },

      reset: () => {
        if (disposed) return;
        generation++;
        running = false;
        forget();
        const support = get().support;
        set({
          status: support ? (support.supported ? 'ready' : 'unsupported') : 'idle',
          error: null,
          result: null,
          step: null,
          attempts: 0,
        });
      },

      openSettings: async () => {
        if (disposed) return;
        const run = generation;
        const permission = await options.driver.openSettings().catch(() => 'unknown' as const);
        if (permission === 'granted') markCameraGranted(run);
      },

      setOptions: (next) => {
        options = { ...next, driver: next.driver ?? options.driver };
      },

      dispose: () => {
        disposed = true;
        generation++;
        running = false;
        forget();
      },

      attach: () => {
        disposed = false;
        return get().dispose;
      },
    };
  });
  return store;
}

export const isBusy = (status: FaceVerifyStatus) => BUSY.includes(status);
