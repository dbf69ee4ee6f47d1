/**
 * The flow's transition table, driven directly: every status × event pair the table allows leads where it
 * says, every other pair returns the machine unchanged (the same object), and answers of an abandoned run
 * change nothing.
 */
import {
  createWeChatDriver,
  initialMachine,
  resumeJob,
  transition,
  type FaceVerifyError,
  type FaceVerifyStatus,
  type FlowEvent,
  type FlowMachine,
  type SupportReport,
} from 'taro-face-verify';
import { resolveStart } from '../../src/face-verify/core/machine';
import type { StartSetup } from '../../src/face-verify/core/start';
import { capablePhone } from './fake-wx';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };
const driver = createWeChatDriver(capablePhone().wx);
const V1_TICKETS = driver.plan({ protocol: 'v1', ticketEndpoint: true });
const V2 = driver.plan({ protocol: 'v2', ticketEndpoint: true });
const device = { platform: 'android', wechatVersion: '8.0.50', sdkVersion: '3.9.0', mock: false };
const SUPPORTED: SupportReport = { supported: true, mode: 'screen-flash', problems: [], device };
const UNSUPPORTED: SupportReport = {
  supported: false,
  mode: null,
  problems: [{ code: 'no-front-camera', message: 'x', blocking: true }],
  device,
};
const RETRYABLE: FaceVerifyError = { code: 90102, kind: 'retry', message: 'busy', retryable: true, step: 'capture' };
const FINAL: FaceVerifyError = { code: 10001, kind: 'fatal', message: 'no', retryable: false, step: 'capture' };
const CREDENTIAL = { payload: { verify_result: 'VR' }, key: 'k1' };

const ready = (): FlowMachine => ({ ...initialMachine(), status: 'ready', support: SUPPORTED, mode: 'screen-flash', plan: V1_TICKETS });
const STATES = {
  idle: () => initialMachine(),
  probing: () => ({ ...initialMachine(), status: 'probing', step: 'probe', job: { kind: 'probe' } }),
  unsupported: () => ({ ...initialMachine(), status: 'unsupported', support: UNSUPPORTED }),
  ready,
  'capturing (camera)': () => ({ ...ready(), status: 'capturing', step: 'permission', job: { kind: 'permission' } }),
  'capturing (ticket)': () => ({ ...ready(), status: 'capturing', step: 'ticket', job: { kind: 'ticket' }, ticketRun: true }),
  'capturing (capture)': () => ({
    ...ready(),
    status: 'capturing',
    step: 'capture',
    job: { kind: 'capture' },
    attempts: 1,
    secrets: { identity: PERSON, ticket: null, credential: null },
  }),
  submitting: () => ({
    ...ready(),
    status: 'submitting',
    step: 'submit',
    job: { kind: 'submit' },
    attempts: 1,
    secrets: { identity: PERSON, ticket: null, credential: CREDENTIAL },
  }),
  success: () => ({ ...ready(), status: 'success', result: { ok: true }, attempts: 1 }),
  failed: () => ({
    ...ready(),
    status: 'failed',
    step: 'capture',
    error: RETRYABLE,
    attempts: 1,
    secrets: { identity: PERSON, ticket: null, credential: null },
  }),
  cancelled: () => ({
    ...ready(),
    status: 'cancelled',
    ticketRun: true,
    error: { code: 'cancelled', kind: 'cancel', message: 'cancelled', retryable: true },
  }),
} satisfies Record<string, () => FlowMachine>;
type StateName = keyof typeof STATES;
const STATE_NAMES = Object.keys(STATES) as StateName[];

const START: StartSetup = { endpoint: true, plan: V1_TICKETS, locale: 'en' };
const EVENTS = {
  'probe-requested': () => ({ type: 'probe-requested' }),
  'start-requested': () => ({ type: 'start-requested', input: PERSON, setup: START }),
  'identity-accepted': () => ({ type: 'identity-accepted', identity: PERSON, plan: V1_TICKETS }),
  'start-refused': () => ({
    type: 'start-refused',
    error: { code: 'invalid-id-card', kind: 'input', message: 'x', retryable: false, step: 'input' },
  }),
  'permission-answered': (m) => ({ type: 'permission-answered', run: m.run, granted: true, error: FINAL }),
  'ticket-issued': (m) => ({ type: 'ticket-issued', run: m.run, ticket: { userIdKey: 'key' }, expiresAt: 1 }),
  captured: (m) => ({ type: 'captured', run: m.run, payload: { verify_result: 'VR' }, key: 'k2' }),
  verdict: (m) => ({ type: 'verdict', run: m.run, result: { ok: true } }),
  failed: (m) => ({ type: 'failed', run: m.run, error: RETRYABLE }),
  retry: () => ({ type: 'retry' }),
  cancel: () => ({ type: 'cancel', message: 'cancelled' }),
  reset: () => ({ type: 'reset' }),
  dispose: () => ({ type: 'dispose' }),
  attach: () => ({ type: 'attach' }),
} satisfies Record<string, (m: FlowMachine) => FlowEvent>;
type EventName = keyof typeof EVENTS;

/** The table: for each event, the statuses it is allowed in and the status it leads to. Everything else is ignored. */
const ALLOWED: Record<EventName, Partial<Record<StateName, FaceVerifyStatus>>> = {
  'probe-requested': {
    idle: 'probing',
    unsupported: 'probing',
    ready: 'probing',
    success: 'probing',
    failed: 'probing',
    cancelled: 'probing',
  },
  // Not probed yet: the probe first; probed: the guards, then the capture.
  'start-requested': { idle: 'probing', ready: 'capturing', success: 'capturing', failed: 'capturing', cancelled: 'capturing' },
  'identity-accepted': { ready: 'capturing', success: 'capturing', failed: 'capturing', cancelled: 'capturing' },
  'start-refused': { ready: 'failed', success: 'failed', failed: 'failed', cancelled: 'failed' },
  'permission-answered': { 'capturing (camera)': 'capturing' },
  'ticket-issued': { 'capturing (ticket)': 'capturing' },
  captured: { 'capturing (capture)': 'submitting' },
  verdict: { submitting: 'success' },
  failed: { 'capturing (camera)': 'failed', 'capturing (ticket)': 'failed', 'capturing (capture)': 'failed', submitting: 'failed' },
  retry: { unsupported: 'probing', failed: 'capturing', cancelled: 'capturing' },
  cancel: {
    probing: 'cancelled',
    ready: 'cancelled',
    'capturing (camera)': 'cancelled',
    'capturing (ticket)': 'cancelled',
    'capturing (capture)': 'cancelled',
    submitting: 'cancelled',
    failed: 'cancelled',
  },
  reset: Object.fromEntries(
    STATE_NAMES.map((name) => [name, name === 'idle' || name === 'probing' ? 'idle' : name === 'unsupported' ? 'unsupported' : 'ready']),
  ),
  dispose: Object.fromEntries(STATE_NAMES.map((name) => [name, STATES[name]().status])),
  attach: {},
};

const PAIRS = (Object.keys(EVENTS) as EventName[]).flatMap((event) => STATE_NAMES.map((state) => [event, state] as const));

describe('transition(machine, event): the whole table', () => {
  it.each(PAIRS.filter(([event, state]) => ALLOWED[event][state] !== undefined))('%s in %s is allowed', (event, state) => {
    const before = STATES[state]();
    const after = transition(before, EVENTS[event](before));
    expect(after).not.toBe(before);
    expect(after.status).toBe(ALLOWED[event][state]);
  });

  it.each(PAIRS.filter(([event, state]) => ALLOWED[event][state] === undefined))('%s in %s is ignored', (event, state) => {
    const before = STATES[state]();
    expect(transition(before, EVENTS[event](before))).toBe(before);
  });

  it.each(['permission-answered', 'ticket-issued', 'captured', 'verdict', 'failed'] as const)(
    '%s from an abandoned run changes nothing',
    (event) => {
      const name = (
        {
          'permission-answered': 'capturing (camera)',
          'ticket-issued': 'capturing (ticket)',
          captured: 'capturing (capture)',
          verdict: 'submitting',
          failed: 'submitting',
        } as const
      )[event];
      const before = { ...STATES[name](), run: 3 };
      expect(transition(before, EVENTS[event]({ ...before, run: 2 }))).toBe(before);
    },
  );

  it('a disposed flow ignores everything but attach', () => {
    const disposed = transition(STATES['capturing (capture)'](), { type: 'dispose' });
    for (const event of Object.keys(EVENTS) as EventName[]) {
      if (event !== 'attach') expect(transition(disposed, EVENTS[event](disposed))).toBe(disposed);
    }
    expect(transition(disposed, { type: 'attach' }).disposed).toBe(false);
  });
});

describe('what each event does beyond the status', () => {
  it('probe-answered: the report always lands; the status moves only while that run is probing', () => {
    const probing = STATES.probing();
    expect(transition(probing, { type: 'probe-answered', run: probing.run, support: UNSUPPORTED })).toMatchObject({
      status: 'unsupported',
      support: UNSUPPORTED,
      job: null,
      step: null,
    });
    const cancelled = transition(probing, { type: 'cancel', message: 'c' });
    expect(transition(cancelled, { type: 'probe-answered', run: probing.run, support: SUPPORTED })).toMatchObject({
      status: 'cancelled',
      support: SUPPORTED,
      mode: 'screen-flash',
    });
  });

  it('start-requested: the guards in order (probe first, endpoint, identity), each branch the event the store dispatches', () => {
    const request = (input: typeof PERSON | undefined, setup: Partial<StartSetup> = {}) =>
      ({ type: 'start-requested', input, setup: { ...START, ...setup } }) as const;
    expect(resolveStart(initialMachine(), request(PERSON))).toEqual({ type: 'probe-requested' });
    expect(resolveStart(STATES.probing(), request(PERSON))).toEqual({ type: 'probe-requested' });
    expect(resolveStart(STATES.unsupported(), request(PERSON))).toBeNull();
    expect(resolveStart(STATES.submitting(), request(PERSON))).toBeNull();

    const noEndpoint = transition(ready(), request(PERSON, { endpoint: false }));
    expect(noEndpoint).toMatchObject({ status: 'failed', step: 'submit', error: { code: 'no-endpoint', kind: 'fatal', retryable: false } });
    const badId = transition(ready(), request({ ...PERSON, idCardNumber: '110105194912310021' }));
    expect(badId).toMatchObject({ status: 'failed', step: 'input', error: { code: 'invalid-id-card', kind: 'input' } });
    expect(badId.secrets.identity).toBeNull();

    // Without a typed identity: a ticket run where the plan allows one, refused where the plan requires an identity.
    expect(transition(ready(), request(undefined))).toMatchObject({ status: 'capturing', job: { kind: 'ticket' }, ticketRun: true });
    const v1WithoutTickets = driver.plan({ protocol: 'v1', ticketEndpoint: false });
    expect(transition(ready(), request(undefined, { plan: v1WithoutTickets }))).toMatchObject({
      status: 'failed',
      error: { kind: 'input' },
    });

    const started = transition(ready(), request({ name: ' 张三 ', idCardNumber: '11010519491231002x' }));
    expect(started).toMatchObject({ status: 'capturing', job: { kind: 'capture' }, secrets: { identity: PERSON } });
  });

  it('identity-accepted: a typed identity captures at once; no identity fetches a ticket first; a denied camera asks first', () => {
    expect(transition(ready(), EVENTS['identity-accepted']())).toMatchObject({ job: { kind: 'capture' }, attempts: 1, ticketRun: false });
    expect(transition(ready(), { type: 'identity-accepted', identity: null, plan: V1_TICKETS })).toMatchObject({
      job: { kind: 'ticket' },
      step: 'ticket',
      attempts: 0,
      ticketRun: true,
    });
    expect(transition(ready(), { type: 'identity-accepted', identity: PERSON, plan: V2 })).toMatchObject({ job: { kind: 'ticket' } });
    const denied = { ...ready(), support: { ...SUPPORTED, problems: [{ code: 'camera-denied' as const, message: 'x', blocking: false }] } };
    expect(transition(denied, EVENTS['identity-accepted']())).toMatchObject({ job: { kind: 'permission' }, step: 'permission' });
    expect(transition({ ...ready(), support: UNSUPPORTED }, EVENTS['identity-accepted']()).status).toBe('ready');
  });

  it('permission-answered: granted clears the problem and goes on; refused fails with its error', () => {
    const asking = {
      ...STATES['capturing (camera)'](),
      support: { ...SUPPORTED, problems: [{ code: 'camera-denied' as const, message: 'x', blocking: false }] },
    };
    const granted = transition(asking, { type: 'permission-answered', run: 0, granted: true, error: FINAL });
    expect(granted).toMatchObject({ job: { kind: 'capture' }, support: { problems: [] } });
    const refused = transition(asking, {
      type: 'permission-answered',
      run: 0,
      granted: false,
      error: { ...RETRYABLE, kind: 'permission', step: 'permission' },
    });
    expect(refused).toMatchObject({ status: 'failed', step: 'permission', error: { kind: 'permission' } });
  });

  it('ticket-issued: a reusable ticket is kept, a single-use one (v2) goes with the capture only', () => {
    const fetching = STATES['capturing (ticket)']();
    const v1 = transition(fetching, { type: 'ticket-issued', run: 0, ticket: { userIdKey: 'k' }, expiresAt: 99 });
    expect(v1.secrets.ticket).toEqual({ value: { userIdKey: 'k' }, expiresAt: 99 });
    expect(v1.job).toEqual({ kind: 'capture', ticket: { userIdKey: 'k' } });
    const v2 = transition(
      { ...fetching, plan: V2 },
      { type: 'ticket-issued', run: 0, ticket: { verifyId: 'v', outSeqNo: 's' }, expiresAt: 99 },
    );
    expect(v2.secrets.ticket).toBeNull();
    expect(v2.job).toEqual({ kind: 'capture', ticket: { verifyId: 'v', outSeqNo: 's' } });
  });

  it('captured keeps the credential and its key privately; verdict forgets everything', () => {
    const submitted = transition(STATES['capturing (capture)'](), EVENTS.captured(initialMachine()));
    expect(submitted.secrets.credential).toEqual({ payload: { verify_result: 'VR' }, key: 'k2' });
    const done = transition(submitted, { type: 'verdict', run: 0, result: { ok: true } });
    expect(done).toMatchObject({ status: 'success', result: { ok: true }, secrets: { identity: null, ticket: null, credential: null } });
  });

  it('failed: a retryable failure keeps what a retry needs, a final one forgets it, a cancel is "cancelled"', () => {
    const submitting = STATES.submitting();
    const transient = transition(submitting, { type: 'failed', run: 0, error: { ...RETRYABLE, step: 'submit' } });
    expect(transient.secrets).toEqual(submitting.secrets);
    const spent = transition(submitting, { type: 'failed', run: 0, error: RETRYABLE, spent: { credential: true } });
    expect(spent.secrets).toMatchObject({ identity: PERSON, credential: null });
    expect(transition(submitting, { type: 'failed', run: 0, error: FINAL }).secrets).toEqual({
      identity: null,
      ticket: null,
      credential: null,
    });
    const cancel = transition(STATES['capturing (capture)'](), {
      type: 'failed',
      run: 0,
      error: { code: 90100, kind: 'cancel', message: 'c', retryable: true },
    });
    expect(cancel).toMatchObject({ status: 'cancelled', step: null, error: { retryable: false } });
  });

  it('retry resumes where the table says (resumeJob)', () => {
    const failedAt = (step: 'submit' | 'ticket' | 'capture', credential = false): FlowMachine => ({
      ...STATES.failed(),
      ticketRun: true,
      error: { ...RETRYABLE, step },
      step,
      secrets: { identity: null, ticket: null, credential: credential ? CREDENTIAL : null },
    });
    expect(resumeJob(failedAt('submit', true))).toEqual({ kind: 'submit' });
    expect(resumeJob(failedAt('submit'))).toBeNull();
    expect(resumeJob(failedAt('ticket'))).toEqual({ kind: 'ticket' });
    expect(resumeJob(failedAt('capture'))).toEqual({ kind: 'ticket' }); // a ticket run captures with a ticket
    expect(resumeJob({ ...failedAt('capture'), ticketRun: false })).toEqual({ kind: 'capture' });
    expect(resumeJob({ ...STATES.failed(), error: FINAL })).toBeNull();
    expect(resumeJob({ ...STATES.cancelled(), error: { code: 'cancelled', kind: 'cancel', message: 'c', retryable: false } })).toBeNull();
    expect(resumeJob(STATES.unsupported())).toEqual({ kind: 'probe' });
    expect(transition(failedAt('submit', true), { type: 'retry' })).toMatchObject({ status: 'submitting', error: null });
  });

  it('cancel and reset start a new run and drop the secrets; camera-granted only applies to the current run', () => {
    const submitting = STATES.submitting();
    const cancelled = transition(submitting, { type: 'cancel', message: 'c' });
    expect(cancelled).toMatchObject({
      run: 1,
      job: null,
      error: { kind: 'cancel', retryable: false },
      secrets: { identity: null, credential: null },
    });
    expect(transition(STATES.failed(), { type: 'reset' })).toMatchObject({ run: 1, status: 'ready', error: null, attempts: 0 });
    const denied = {
      ...ready(),
      run: 2,
      support: { ...SUPPORTED, problems: [{ code: 'camera-denied' as const, message: 'x', blocking: false }] },
    };
    expect(transition(denied, { type: 'camera-granted', run: 1 })).toBe(denied);
    expect(transition(denied, { type: 'camera-granted', run: 2 }).support?.problems).toEqual([]);
  });
});
