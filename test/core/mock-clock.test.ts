/**
 * The mock driver and the fake backend run on the injected clock: under Jest's fake timers (or any clock
 * the flow is given) the preview's latency, capture screen and credential times follow simulated time,
 * so flow tests never sleep for real.
 */
import { createFaceVerify, type Clock, type VerifyPayload } from 'taro-face-verify';
import { createMockBackend, createMockDriver, decodeMockCredential, encodeMockCredential } from 'taro-face-verify/mock';

const PERSON = { name: '张三', idCardNumber: '11010519491231002X' };

/** A clock of its own, unrelated to the global timers: time moves only when the test says so. */
function manualClock(start = 1_800_000_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout: (run, ms) => (timers.set(++nextId, { at: now + ms, run }), nextId),
    clearTimeout: (id) => void timers.delete(id as number),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
  };
}
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('the mock under fake timers', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('plays latency and the capture screen in simulated time', async () => {
    const driver = createMockDriver({ latencyMs: 250, captureMs: 3000 });
    const flow = createFaceVerify({ driver });
    const run = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(249);
    expect(flow.getState().status).toBe('probing');
    await jest.advanceTimersByTimeAsync(1 + 250); // probe answered, then the capture call's own latency
    expect(flow.getState()).toMatchObject({ status: 'capturing', step: 'capture' });
    expect(driver.captures.getSnapshot()).toMatchObject({ startedAt: Date.now(), durationMs: 3000 });
    await jest.advanceTimersByTimeAsync(2999);
    expect(flow.getState().status).toBe('capturing');
    await jest.advanceTimersByTimeAsync(1);
    await run;
    expect(flow.getState()).toMatchObject({ status: 'success', result: { ok: true, mock: true } });
    expect(driver.captures.getSnapshot()).toBeNull();
  });

  it('the user cancelling the simulated capture ends the flow in cancelled without waiting', async () => {
    const driver = createMockDriver({ captureMs: 60_000 });
    const flow = createFaceVerify({ driver });
    const run = flow.getState().start(PERSON);
    await jest.advanceTimersByTimeAsync(0);
    driver.captures.getSnapshot()?.cancel();
    await run;
    expect(flow.getState()).toMatchObject({ status: 'cancelled', error: { code: 90100 } });
  });
});

describe('the mock on an injected clock', () => {
  it('waits for that clock, not the global timers, and stamps credentials with its time', async () => {
    const clock = manualClock();
    const payloads: VerifyPayload[] = [];
    const driver = createMockDriver({ captureMs: 1000, clock });
    const backend = createMockBackend({ driver, clock });
    const flow = createFaceVerify({ driver, clock, endpoint: (payload) => (payloads.push(payload), backend.endpoint(payload)) });
    const run = flow.getState().start(PERSON);
    await flush();
    expect(flow.getState().status).toBe('capturing');
    clock.advance(999);
    await flush();
    expect(flow.getState().status).toBe('capturing');
    clock.advance(1);
    await run;
    expect(flow.getState().status).toBe('success');
    const claims = decodeMockCredential((payloads[0] as { verify_result: string }).verify_result);
    expect(claims?.time).toBe(Math.floor(clock.now() / 1000));
  });

  it('the fake backend judges freshness on its clock', async () => {
    const clock = manualClock();
    const backend = createMockBackend({ clock, maxAgeSeconds: 600 });
    const credential = (nonce: string) => ({
      verify_result: encodeMockCredential({ ret: 0, time: Math.floor(clock.now() / 1000), nonce }),
    });
    const fresh = credential('a');
    await expect(backend.endpoint(fresh)).resolves.toMatchObject({ ok: true });
    const later = credential('b');
    clock.advance(601_000);
    await expect(backend.endpoint(later)).resolves.toMatchObject({ ok: false, code: 'stale' });
  });
});

describe('the fake backend joins a mock driver only where a preview runs', () => {
  const original = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = original;
  });

  it('in a mini-program build a mock driver without an endpoint is a configuration error, never judged in-bundle', async () => {
    process.env.TARO_ENV = 'weapp';
    const flow = createFaceVerify({ driver: createMockDriver() });
    await flow.getState().start(PERSON);
    expect(flow.getState()).toMatchObject({ status: 'failed', error: { code: 'no-endpoint', kind: 'fatal' } });
  });

  it('in H5 the same flow is judged by the in-browser fake backend', async () => {
    process.env.TARO_ENV = 'h5';
    const flow = createFaceVerify({ driver: createMockDriver() });
    await flow.getState().start(PERSON);
    expect(flow.getState().status).toBe('success');
  });
});
