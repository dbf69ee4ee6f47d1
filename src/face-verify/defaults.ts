/**
 * The one place that picks defaults by platform: the WeChat driver on weapp (never the mock on its own),
 * the mock driver and the in-browser mock backend in a Taro H5 build. `process.env.TARO_ENV` is replaced
 * at build time by Taro, so a weapp bundle drops the mock branch entirely.
 */
import { createFaceVerify as createFlow, type FaceVerifyOptions, type FaceVerifyStore } from './core/flow';
import type { FaceDriver } from './drivers/driver';
import { createWeChatDriver } from './drivers/wechat';
import { createMockDriver, type MockDriver, type MockDriverOptions } from './drivers/mock/driver';

/** Options as users write them: the driver is optional. */
export type FaceVerifyConfig = Omit<FaceVerifyOptions, 'driver'> & { driver?: FaceDriver };

/**
 * The device driver for this build: WeChat on mini-program platforms, the mock in H5 previews. `preview`
 * sets the mock (scenario, timings, v2 capture reports) and is ignored outside H5.
 * @example
 * const driver = createDefaultDriver({ scenario: 'camera-denied' }); // the scenario applies in H5 only
 */
export function createDefaultDriver(preview: MockDriverOptions = {}): FaceDriver {
  // Written out (not behind a helper) so Taro's build folds it and a weapp bundle drops the mock.
  if (process.env.TARO_ENV === 'h5') return createMockDriver({ latencyMs: 250, captureMs: 3000, ...preview });
  return createWeChatDriver();
}

const hasMockBackend = (driver: FaceDriver): driver is MockDriver => driver.mock && 'backend' in driver;

/** Fills in the driver, and — only on a mock driver — its mock backend where no endpoint was given. */
export function resolveOptions(config: FaceVerifyConfig, driver: FaceDriver): FaceVerifyOptions {
  const resolved: FaceVerifyOptions = { ...config, driver };
  if (hasMockBackend(driver)) {
    resolved.endpoint ??= driver.backend.endpoint;
    if (config.protocol === 'v2') resolved.ticketEndpoint ??= driver.backend.ticketEndpoint;
  }
  return resolved;
}

/**
 * Creates one verification flow (a zustand vanilla store). Without a `driver`, uses WeChat on weapp and the
 * mock in H5; a flow on the mock says so (`preview: true`).
 * @example
 * const flow = createFaceVerify({ endpoint: 'https://api.example.com/face/verify' });
 * flow.subscribe((state) => console.log(state.status));
 * await flow.getState().start({ name, idCardNumber });
 */
export function createFaceVerify(config: FaceVerifyConfig = {}): FaceVerifyStore {
  const driver = config.driver ?? createDefaultDriver();
  const store = createFlow(resolveOptions(config, driver));
  const setOptions = store.getState().setOptions;
  // Later options keep the same driver and defaults.
  store.setState({ setOptions: (next) => setOptions(resolveOptions(next, next.driver ?? driver)) });
  return store;
}
