/**
 * The mock Alipay driver: the real Alipay driver (probe, capture, outcome table) over a simulated `my` that plays
 * a scenario, for the browser preview and tests, as `createMockDriver` is the WeChat driver over a simulated
 * `wx`. Certify ids come from the mock backend or the demo backend; the simulated capture records whether the
 * server's query would say `passed`, and can report it (`onAlipayCapture`) to the Alipay stand-in.
 */
import { systemClock } from '../../core/clock';
import type { Clock } from '../../core/types';
import { withAlipayPort, type AlipayDriver } from '../alipay/driver';
import { createAlipayNative } from '../alipay/native';
import { isMockAlipayScenarioName, MOCK_ALIPAY_SCENARIOS, type MockAlipayScenario, type MockAlipayScenarioName } from './alipay-scenarios';
import type { MockCaptureSession } from './driver';

/** Options of {@link createMockAlipayDriver}. */
export interface MockAlipayDriverOptions {
  /** A scenario name, or a scenario of your own. @default 'success' */
  scenario?: MockAlipayScenarioName | MockAlipayScenario;
  /** Delay of every simulated call, in ms. @default 0 */
  latencyMs?: number;
  /** How long a simulated capture lasts, in ms. @default 0 */
  captureMs?: number;
  /** Time for the simulated latency and capture; pass the flow's clock under fake timers. @default the global timers */
  clock?: Clock;
  /**
   * Called when a simulated capture ends with 9000, with what the server's query will say for the certify id:
   * lets a preview tell the local Alipay stand-in (the demo backend's `/api/mock/alipay-capture`).
   */
  onAlipayCapture?: (report: { certify_id: string; passed: boolean }) => void | Promise<void>;
}

/** A simulated Alipay client behind the Alipay driver, plus what previews and tests inspect. */
export interface MockAlipayDriver extends AlipayDriver {
  readonly scenarioName: string;
  readonly scenario: MockAlipayScenario;
  /** The capture under way, for the preview's simulated capture screen. */
  readonly captures: { getSnapshot(): MockCaptureSession | null; subscribe(listener: () => void): () => void };
  /** `passed` as the server's query will say it, per certify id captured with 9000 (for the mock backend). */
  readonly alipayOutcomes: Map<string, boolean>;
  /** Simulated `my` calls made, by name: for tests. */
  readonly calls: Record<string, number>;
}

type Callbacks = { success?: (result: unknown) => void; fail?: (result: unknown) => void; complete?: (result: unknown) => void };

/**
 * A simulated Alipay client for previews and tests.
 * @example
 * const driver = createMockAlipayDriver({ scenario: 'network-error' });
 * const backend = createMockBackend({ driver });
 * const flow = createFaceVerify({ driver, ticketEndpoint: backend.ticketEndpoint, endpoint: backend.endpoint });
 */
export function createMockAlipayDriver(options: MockAlipayDriverOptions = {}): MockAlipayDriver {
  const chosen = options.scenario ?? 'success';
  if (typeof chosen === 'string' && !isMockAlipayScenarioName(chosen)) {
    throw new TypeError(`Unknown mock Alipay scenario "${chosen}". Known: ${Object.keys(MOCK_ALIPAY_SCENARIOS).join(', ')}.`);
  }
  const scenario = typeof chosen === 'string' ? MOCK_ALIPAY_SCENARIOS[chosen] : chosen;
  const clock = options.clock ?? systemClock;
  const latencyMs = options.latencyMs ?? 0;
  const captureMs = options.captureMs ?? 0;
  let camera = scenario.camera;
  let captureCount = 0;
  let session: MockCaptureSession | null = null;
  const listeners = new Set<() => void>();
  const calls: Record<string, number> = {};
  const alipayOutcomes = new Map<string, boolean>();

  const wait = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? clock.setTimeout(resolve, ms) : resolve()));
  const publish = (next: MockCaptureSession | null) => {
    session = next;
    listeners.forEach((listener) => listener());
  };
  /** A callback-style API as Alipay's: `success` (then `complete`) after the latency; `fail` when the answer throws. */
  const api =
    (name: string, answer: (params: Record<string, unknown>) => unknown) =>
    (params: Record<string, unknown> & Callbacks = {}) => {
      calls[name] = (calls[name] ?? 0) + 1;
      void wait(latencyMs)
        .then(() => answer(params))
        .then(
          (result) => {
            params.success?.(result);
            params.complete?.(result);
          },
          (error: unknown) => {
            const failure = { error: 3, errorMessage: error instanceof Error ? error.message : String(error) };
            params.fail?.(failure);
            params.complete?.(failure);
          },
        );
    };

  /** The simulated capture screen; resolves with the resultStatus it ends with. */
  const simulateCapture = (): Promise<string> =>
    new Promise((resolve) => {
      const status = scenario.captureStatuses[captureCount] ?? '9000';
      captureCount++;
      let timer: unknown;
      const finish = (result: string) => {
        if (timer !== undefined) clock.clearTimeout(timer);
        if (session === current) publish(null);
        resolve(result);
      };
      const current: MockCaptureSession = {
        mode: 'screen-flash',
        digits: '',
        colors: ['#1677ff', '#ffffff', '#1677ff', '#ffffff'],
        durationMs: captureMs,
        startedAt: clock.now(),
        cancel: () => finish('6001'),
      };
      publish(current);
      if (captureMs > 0) timer = clock.setTimeout(() => finish(status), captureMs);
      else void Promise.resolve().then(() => finish(status));
    });

  const my: Record<string, unknown> = {
    isIDE: scenario.isIDE,
    canIUse: (name: string) => name === 'startAPVerify' && scenario.canStartVerify,
    getSystemInfo: api('getSystemInfo', () => ({ app: 'alipay', version: scenario.version, platform: scenario.platform })),
    getSetting: api('getSetting', () => ({ authSetting: camera === undefined ? {} : { camera } })),
    // In the preview, "opening settings" stands for the user switching the camera on there.
    openSetting: api('openSetting', () => ({ authSetting: { camera: (camera = true) } })),
    getNetworkType: api('getNetworkType', () => ({ networkAvailable: true, networkType: 'WIFI' })),
    startAPVerify: api('startAPVerify', async (params) => {
      const certifyId = String(params.certifyId ?? '');
      const [resultStatus, errorCode = ''] = (await simulateCapture()).split(':') as [string, string?];
      if (resultStatus === '9000') {
        alipayOutcomes.set(certifyId, scenario.passed);
        // As on a phone, the outcome is on Alipay's side before the page hears of it.
        if (options.onAlipayCapture) await options.onAlipayCapture({ certify_id: certifyId, passed: scenario.passed });
      }
      return { resultStatus, result: resultStatus === '6001' || resultStatus === '6002' ? null : { errorCode, certifyId } };
    }),
  };

  const driver = withAlipayPort(createAlipayNative(my), { name: 'mock-alipay', mock: true });
  return Object.assign(driver, {
    scenarioName: typeof chosen === 'string' ? chosen : 'custom',
    scenario,
    calls,
    alipayOutcomes,
    captures: {
      getSnapshot: () => session,
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
}
