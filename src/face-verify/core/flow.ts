/**
 * The verification flow as a zustand vanilla store: a thin wrapper with one `dispatch` over the pure
 * transition table (machine.ts) and the runner that performs its effects (runner.ts). Platform-free: the
 * device is the injected driver, HTTP the injected port, time the injected clock.
 *
 * The name and ID number never enter the observable state; the machine keeps them privately only while a
 * retry may still need them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { flowMessagesFor } from '../locales/flow';
import { describeFailure, flowError } from './errors';
import { FlowEvents } from './events';
import { initialMachine, resolveStart, transition, type FlowEvent, type FlowMachine } from './machine';
import type { FaceVerifyOptions } from './options';
import type { FaceDriver } from './ports';
import { FlowRunner } from './runner';

export type { FaceVerifyOptions } from './options';
import type { FaceVerifyError, FaceVerifyStatus, FlowStep, Identity, LivenessMode, SupportReport, VerifyVerdict } from './types';

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
  /**
   * Asks the driver once whether a capture that left the page is coming back on this load (Tencent's H5 route)
   * and, if so, submits it with its saved Idempotency-Key (or shows why it cannot). True when it submitted;
   * `useFaceVerify` and the page call it on mount; later calls join the first.
   */
  resume(): Promise<boolean>;
  /** Opens the app's settings (after a camera refusal) and re-reads the permission. */
  openSettings(): Promise<void>;
  /** Later steps use these options (the driver stays unless given); lets `useFaceVerify` take inline options. */
  setOptions(options: FaceVerifyConfigLater): void;
  /** Stops the flow: no further state changes; private data dropped. */
  dispose(): void;
  /** Marks the flow in use and returns its dispose; lets React's StrictMode remount reuse the flow. */
  attach(): () => void;
}

/** Options given after the flow was made: the driver may be left out (the flow keeps its own). */
export type FaceVerifyConfigLater = Omit<FaceVerifyOptions, 'driver'> & { driver?: FaceDriver };

/** How a flow is made, beyond its options. */
export interface FlowCreation {
  /** Turns options given later (`setOptions`) into the flow's options; the entry fills in its defaults here. */
  resolveLater?: (next: FaceVerifyConfigLater) => FaceVerifyOptions;
}

/** One flow: a zustand vanilla store of {@link FaceVerifyState} (`getState`, `subscribe`). */
export type FaceVerifyStore = StoreApi<FaceVerifyState>;

const BUSY: FaceVerifyStatus[] = ['probing', 'capturing', 'submitting'];
const PUBLISHED = ['status', 'support', 'error', 'result', 'step', 'mode', 'attempts'] as const;
type Published = Pick<FaceVerifyState, (typeof PUBLISHED)[number]>;
const published = (m: FlowMachine): Published => ({
  status: m.status,
  support: m.support,
  error: m.error,
  result: m.result,
  step: m.step,
  mode: m.mode,
  attempts: m.attempts,
});

/**
 * Creates one verification flow.
 * @example
 * const flow = createFaceVerify({ driver, endpoint: '/api/face/verify' });
 * await flow.getState().start({ name: '张三', idCardNumber: '11010519491231002X' });
 * flow.getState().status; // 'success' | 'failed' | 'cancelled' | …
 */
export function createFaceVerify(initialOptions: FaceVerifyOptions, how: FlowCreation = {}): FaceVerifyStore {
  let options = initialOptions;
  // A locale this build cannot word throws here, at creation, with the fix (not at the first message).
  flowMessagesFor(options.locale);
  // Fixed here, with the store: later options are resolved the same way (driver kept, the entry's defaults).
  const resolveLater = how.resolveLater ?? ((next: FaceVerifyConfigLater) => ({ ...next, driver: next.driver ?? options.driver }));
  let machine = initialMachine();
  const words = () => flowMessagesFor(options.locale).errors;

  // eslint-disable-next-line prefer-const -- assigned once the store exists; dispatch reads it lazily
  let store: FaceVerifyStore;
  /** The one way the flow changes: the table decides, the store publishes what users may see. */
  const dispatch = (event: FlowEvent): boolean => {
    const prev = machine;
    const next = transition(prev, event);
    if (next === prev) return false;
    machine = next;
    const state = store.getState();
    if (PUBLISHED.some((key) => state[key] !== next[key])) store.setState(published(next));
    events.observe(prev, next, event);
    return true;
  };
  const events = new FlowEvents(() => options);
  const runner = new FlowRunner({ options: () => options, machine: () => machine, dispatch });

  /** A start request: the table's guards decide (machine.ts `resolveStart`); the store performs only the probe it asks for. */
  const start = async (input?: Identity) => {
    const run = machine.run;
    const decide = () =>
      resolveStart(machine, {
        type: 'start-requested',
        input,
        setup: {
          endpoint: Boolean(options.endpoint),
          plan: options.driver.plan({ protocol: options.protocol, ticketEndpoint: options.ticketEndpoint !== undefined }),
          locale: options.locale,
        },
      });
    let branch = decide();
    if (branch?.type === 'probe-requested') {
      await runner.probe();
      branch = machine.run === run ? decide() : null;
    }
    if (branch && branch.type !== 'probe-requested' && dispatch(branch) && branch.type === 'identity-accepted')
      await runner.drive(machine.run);
  };

  let resuming: Promise<boolean> | null = null;
  const resume = async (): Promise<boolean> => {
    const { driver } = options;
    if (!driver.resume || machine.disposed) return false;
    const answer = await driver.resume().catch(() => null);
    if (!answer || machine.disposed) return false;
    const support = machine.support && machine.status !== 'probing' ? machine.support : await runner.probe();
    if (machine.disposed || !support?.supported) return false;
    if ('error' in answer) {
      dispatch({ type: 'resume-failed', error: describeFailure(answer.error, 'capture', options.locale) });
      return false;
    }
    if (!options.endpoint) {
      dispatch({ type: 'resume-failed', error: flowError('no-endpoint', 'fatal', words().developer, false, 'submit') });
      return false;
    }
    if (!dispatch({ type: 'resumed', payload: answer.payload, key: answer.key })) return false;
    await runner.drive(machine.run);
    return true;
  };

  store = createStore<FaceVerifyState>()(() => ({
    ...published(machine),
    preview: initialOptions.driver.mock,
    probe: () => runner.probe(),
    start,
    retry: async () => {
      if (dispatch({ type: 'retry' })) await runner.drive(machine.run);
    },
    // Only a browser leaves the page for a platform's own (Tencent's H5 route): a mini-program build folds this away.
    resume:
      process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay' ? () => Promise.resolve(false) : () => (resuming ??= resume()),
    cancel: () => void dispatch({ type: 'cancel', message: words().cancelled }),
    reset: () => void dispatch({ type: 'reset' }),
    openSettings: async () => {
      if (machine.disposed) return;
      const run = machine.run;
      const openedAt = events.now();
      const permission = await options.driver.openSettings().catch(() => 'unknown' as const);
      if (permission === 'granted') dispatch({ type: 'camera-granted', run });
      events.settings(permission, openedAt);
    },
    setOptions: (next) => {
      const resolved = resolveLater(next);
      flowMessagesFor(resolved.locale); // as at creation: a locale the build cannot word throws before it is used
      options = resolved;
    },
    dispose: () => void dispatch({ type: 'dispose' }),
    attach: () => {
      dispatch({ type: 'attach' });
      return store.getState().dispose;
    },
  }));
  return store;
}

/** True while the flow is working (probing, capturing or submitting). */
export const isBusy = (status: FaceVerifyStatus) => BUSY.includes(status);
